"""The public client page: name, record, open jobs and reviews from workers."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import ClientProfile
from yorozu.accounts.tests.factories import UserFactory, make_review
from yorozu.jobs.models import JobStatus
from yorozu.jobs.tests.factories import JobFactory
from yorozu.reviews.models import Direction


def url(user):
    return reverse("accounts:client_profile", args=[user.pk])


def test_client_page_shows_company_name_record_and_verified_mark(client, client_user):
    ClientProfile.objects.filter(user=client_user).update(
        kind="company",
        company_name="株式会社よろず",
        about="小さな制作会社です。",
        orders_count=12,
        satisfaction_avg="4.50",
        satisfaction_count=8,
    )
    client_user.identity_status = "verified"
    client_user.save(update_fields=["identity_status"])
    response = client.get(url(client_user))
    assert response.status_code == 200
    assert "株式会社よろず" in response.text
    assert "小さな制作会社です。" in response.text
    assert "本人確認済み" in response.text
    assert "4.50" in response.text
    assert ">12<" in response.text


def test_individual_client_is_shown_by_display_name(client, client_user):
    ClientProfile.objects.filter(user=client_user).update(company_name="使われない社名")
    response = client.get(url(client_user))
    assert "依頼者アキ" in response.text
    assert "使われない社名" not in response.text
    assert "本人確認済み" not in response.text


def test_client_page_lists_only_open_jobs_and_worker_reviews(
    client, client_user, worker_user, outsider
):
    JobFactory(client=client_user, title="公開中の案件")
    JobFactory(client=client_user, title="締切済みの案件", status=JobStatus.CLOSED)
    JobFactory(title="他人の案件")
    make_review(worker_user, client_user, Direction.WORKER_TO_CLIENT, comment="連絡が丁寧でした")
    make_review(client_user, outsider, Direction.CLIENT_TO_WORKER, comment="発注者からの評価")
    response = client.get(url(client_user))
    assert "公開中の案件" in response.text
    assert "締切済みの案件" not in response.text
    assert "他人の案件" not in response.text
    assert "連絡が丁寧でした" in response.text
    assert "発注者からの評価" not in response.text


def test_client_page_empty_states(client, client_user):
    response = client.get(url(client_user))
    assert "現在募集中の仕事はありません" in response.text
    assert "まだ評価はありません" in response.text


def test_client_page_paginates_open_jobs(client, client_user):
    JobFactory.create_batch(12, client=client_user)
    first = client.get(url(client_user))
    assert len(first.context["page"].object_list) == 10
    second = client.get(url(client_user), {"page": "2"})
    assert len(second.context["page"].object_list) == 2
    assert client.get(url(client_user), {"page": "abc"}).status_code == 200


def test_unknown_or_inactive_client_is_404(client, client_user):
    assert client.get(reverse("accounts:client_profile", args=[999999])).status_code == 404
    client_user.is_active = False
    client_user.save(update_fields=["is_active"])
    assert client.get(url(client_user)).status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
def test_client_page_query_count_is_bounded(
    client, client_user, worker_user, django_assert_max_num_queries, signed_in
):
    JobFactory.create_batch(10, client=client_user)
    for _ in range(5):
        make_review(UserFactory(), client_user, Direction.WORKER_TO_CLIENT, comment="良い")
    if signed_in:
        client.force_login(worker_user)
    # Signed in, the report link reads what the viewer has already reported, the block link
    # whether they blocked the client, the follow button whether they follow them (one each).
    with django_assert_max_num_queries(9 + 3 * signed_in):
        response = client.get(url(client_user))
    assert response.status_code == 200
