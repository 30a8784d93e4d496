"""The progress page (clients only, their own), the programme page, the badge in its three
places, and the certified-only job search filter with its query budget."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import Role
from yorozu.certification.actions import do_evaluate_certifications
from yorozu.certification.tests import builders as b
from yorozu.certification.tests.builders import DAY, NOW
from yorozu.jobs.tests.factories import JobFactory

PROGRESS = "/account/certification/"
BADGE = 'class="tag cert-badge"'


@pytest.fixture
def certified(db):
    """A certified client (evaluated at the real clock) with one open job."""
    from django.utils import timezone

    now = timezone.now()
    owner = b.certified_client(now)
    job = JobFactory(client=owner, title="認定クライアントの募集")
    do_evaluate_certifications(now=now)
    return owner, job


def test_progress_page_shows_own_status_values_and_since(client, certified):
    owner, _ = certified
    client.force_login(owner)
    response = client.get(PROGRESS)
    assert response.status_code == 200
    text = response.text
    assert "あなたは認定クライアントです。" in text
    assert ">¥300,000</td>" in text and ">¥300,000以上</td>" in text
    assert text.count("<progress") == 7
    assert BADGE in text


def test_progress_page_of_an_unmet_client_says_what_to_do(client, db):
    owner = b.client(verified=False)
    b.job(owner, created_at=NOW - 20 * DAY)
    do_evaluate_certifications()
    client.force_login(owner)
    text = client.get(PROGRESS).text
    assert "まだ認定されていません。" in text
    assert reverse("accounts:identity") in text
    assert BADGE not in text


def test_progress_page_before_any_evaluation(client, client_user):
    client.force_login(client_user)
    response = client.get(PROGRESS)
    assert response.status_code == 200
    assert "まだ評価されていません" in response.text


def test_a_client_sees_only_their_own_progress(client, certified, client_user):
    """No id in the URL: another client sees their own (empty) status, never the certified one."""
    client.force_login(client_user)
    text = client.get(PROGRESS).text
    assert "あなたは認定クライアントです。" not in text
    assert "<td>¥300,000</td>" not in text
    assert "<td>¥300,000</td>" not in client.get(f"{PROGRESS}?client={certified[0].pk}").text


@pytest.mark.parametrize("who", ["worker", "outsider"])
def test_workers_cannot_see_the_progress_page(client, cast, certified, who):
    client.force_login(cast[who])
    response = client.get(PROGRESS)
    assert response.status_code == 403
    assert "このページはクライアント向けです" in response.text
    assert "<td>¥300,000</td>" not in response.text


def test_a_certified_client_acting_as_worker_is_told_to_switch(client, certified):
    owner, _ = certified
    type(owner).objects.filter(pk=owner.pk).update(active_role=Role.WORKER)
    client.force_login(owner)
    assert client.get(PROGRESS).status_code == 403


def test_anonymous_users_go_to_login(client, db):
    response = client.get(PROGRESS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_programme_page_lists_the_criteria_from_the_data(client, db):
    from yorozu.certification.models import Criterion

    Criterion.objects.filter(code="hire_rate").update(label_ja="テスト用の基準", enabled=True)
    Criterion.objects.filter(code="satisfaction").update(enabled=False)
    text = client.get("/certified/").text
    assert "テスト用の基準" in text
    assert "本人確認済み" in text
    assert "ワーカーからの評価の95%以上" not in text


def test_badge_on_profile_job_search_and_job_detail(client, certified):
    owner, job = certified
    for url in (
        reverse("accounts:client_profile", args=[owner.pk]),
        reverse("jobs:search"),
        reverse("jobs:detail", args=[job.pk]),
    ):
        text = client.get(url).text
        assert BADGE in text, url
        assert 'href="/certified/"' in text
        assert 'title="認定クライアント：' in text


def test_no_badge_for_an_uncertified_client(client, db):
    job = JobFactory()
    for url in (
        reverse("accounts:client_profile", args=[job.client_id]),
        reverse("jobs:search"),
        reverse("jobs:detail", args=[job.pk]),
    ):
        assert BADGE not in client.get(url).text


def test_certified_only_filter(client, certified):
    _, job = certified
    other = JobFactory(title="未認定クライアントの募集")
    everything = client.get(reverse("jobs:search")).text
    assert job.title in everything and other.title in everything
    filtered = client.get(reverse("jobs:search"), {"certified_only": "on"}).text
    assert job.title in filtered
    assert other.title not in filtered
    assert 'name="certified_only"' in filtered


@pytest.mark.parametrize("params", [{}, {"certified_only": "on"}])
def test_search_query_budget_with_badges(client, db, params, django_assert_max_num_queries):
    """20 cards of certified clients cost no more queries than before (≤ 10)."""
    from django.utils import timezone

    now = timezone.now()
    owners = [b.certified_client(now) for _ in range(3)]
    for i in range(25):
        JobFactory(client=owners[i % 3])
    do_evaluate_certifications(now=now)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("jobs:search"), params)
    assert response.text.count('class="card job-card"') == 20
    assert response.text.count(BADGE) == 20
