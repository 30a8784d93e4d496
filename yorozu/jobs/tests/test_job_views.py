"""Posting, editing, closing and the owner's list through the web, over the cast."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.catalog.models import Category
from yorozu.jobs.models import Job, JobEvent, JobStatus
from yorozu.jobs.tests.factories import JobFactory


def form_data(**overrides):
    data = {
        "title": "WordPressサイトの改修",
        "category": Category.objects.get(slug="web-wordpress").pk,
        "description": "既存サイトのデザインを修正してください。",
        "pay_type": "hourly",
        "budget_min": "1500",
        "budget_max": "3000",
        "deadline": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "hires_wanted": "1",
    }
    data.update(overrides)
    return data


def job_state(job):
    job = Job.objects.get(pk=job.pk)
    return (job.title, job.status, job.budget_max, job.updated_at, JobEvent.objects.count())


# -- the role gate on /jobs/new/ ---------------------------------------------------------------


def test_anonymous_new_goes_to_login(client, db):
    response = client.get(reverse("jobs:new"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_worker_sees_the_role_switch_instead_of_the_form(client, worker_user):
    client.force_login(worker_user)
    response = client.get(reverse("jobs:new"))
    assert response.status_code == 200
    assert 'name="title"' not in response.text
    assert f'action="{reverse("home:switch_role")}"' in response.text
    assert 'value="client"' in response.text
    assert f'name="next" value="{reverse("jobs:new")}"' in response.text


def test_worker_cannot_post_by_submitting_anyway(client, worker_user):
    client.force_login(worker_user)
    response = client.post(reverse("jobs:new"), form_data())
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_switching_role_leads_back_to_the_form(client, worker_user):
    client.force_login(worker_user)
    response = client.post(
        reverse("home:switch_role"), {"role": "client", "next": reverse("jobs:new")}, follow=True
    )
    assert 'name="title"' in response.text


def test_client_posts_a_job(client, client_user):
    client.force_login(client_user)
    assert 'name="title"' in client.get(reverse("jobs:new")).text
    response = client.post(reverse("jobs:new"), form_data())
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.client == client_user
    assert job.main_category.slug == "web"
    assert job.events.get().event_type == "posted"


def test_invalid_post_shows_errors_and_creates_nothing(client, client_user):
    client.force_login(client_user)
    response = client.post(reverse("jobs:new"), form_data(budget_min="9000", budget_max="100"))
    assert response.status_code == 200
    assert "上限の予算は下限以上にしてください。" in response.text
    assert not Job.objects.exists()
    response = client.post(reverse("jobs:new"), {})
    assert response.status_code == 200
    assert "errorlist" in response.text


# -- edit and close: only the owner ------------------------------------------------------------


@pytest.mark.parametrize("who", ["worker", "outsider", "staff", None])
def test_others_cannot_edit_or_close(client, cast, client_user, who):
    job = JobFactory(client=client_user)
    if who:
        client.force_login(cast[who])
    before = job_state(job)
    for url in (reverse("jobs:edit", args=[job.pk]), reverse("jobs:close", args=[job.pk])):
        assert client.get(url).status_code in (302, 404)
        response = client.post(url, form_data(title="乗っ取り"))
        assert response.status_code == (404 if who else 302)
    assert job_state(job) == before


def test_owner_edits_an_open_job(client, client_user):
    job = JobFactory(client=client_user)
    client.force_login(client_user)
    page = client.get(reverse("jobs:edit", args=[job.pk]))
    assert page.status_code == 200
    assert job.title in page.text
    assert f'<option value="{job.category_id}" selected>' in page.text
    response = client.post(
        reverse("jobs:edit", args=[job.pk]),
        form_data(category=job.category_id, title="改訂版のタイトル"),
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "改訂版のタイトル"
    assert "title" in job.events.get().data["fields"]


def test_invalid_edit_changes_nothing(client, client_user):
    job = JobFactory(client=client_user)
    before = job_state(job)
    client.force_login(client_user)
    response = client.post(reverse("jobs:edit", args=[job.pk]), form_data(budget_max="abc"))
    assert response.status_code == 200
    assert job_state(job) == before


def test_closed_job_cannot_be_edited(client, client_user):
    job = JobFactory(client=client_user, status=JobStatus.CLOSED)
    before = job_state(job)
    client.force_login(client_user)
    response = client.post(reverse("jobs:edit", args=[job.pk]), form_data(title="変更"))
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job_state(job) == before


def test_owner_closes_with_confirmation(client, client_user):
    job = JobFactory(client=client_user)
    client.force_login(client_user)
    confirm = client.get(reverse("jobs:close", args=[job.pk]))
    assert confirm.status_code == 200
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN  # GET only asks
    response = client.post(reverse("jobs:close", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    # Double close is harmless.
    assert client.post(reverse("jobs:close", args=[job.pk])).status_code == 302
    assert JobEvent.objects.filter(event_type="closed").count() == 1


@pytest.mark.parametrize("url_name", ["jobs:detail", "jobs:edit", "jobs:close"])
def test_unknown_job_is_404(client, client_user, url_name):
    client.force_login(client_user)
    assert client.get(reverse(url_name, args=[987654])).status_code == 404


# -- /jobs/mine/ -------------------------------------------------------------------------------


def test_mine_lists_own_jobs_open_and_closed(client, client_user, outsider):
    JobFactory(client=client_user, title="自分の募集中の仕事")
    JobFactory(client=client_user, title="自分の終了した仕事", status=JobStatus.CLOSED)
    JobFactory(client=outsider, title="他人の仕事")
    client.force_login(client_user)
    response = client.get(reverse("jobs:mine"))
    assert "自分の募集中の仕事" in response.text
    assert "自分の終了した仕事" in response.text
    assert "他人の仕事" not in response.text


def test_mine_empty_state_and_login(client, client_user):
    assert client.get(reverse("jobs:mine")).status_code == 302
    client.force_login(client_user)
    assert "まだ仕事を投稿していません" in client.get(reverse("jobs:mine")).text


def test_mine_is_paginated_with_few_queries(client, client_user, django_assert_max_num_queries):
    JobFactory.create_batch(25, client=client_user)
    client.force_login(client_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("jobs:mine"))
    assert response.text.count("status-open") == 20
    assert client.get(reverse("jobs:mine"), {"page": "2"}).text.count("status-open") == 5
    assert client.get(reverse("jobs:mine"), {"page": "x"}).status_code == 200


# -- detail page: what each viewer may do ------------------------------------------------------


def detail(client, job):
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200
    return response.text


def test_detail_shows_the_posting_and_client_summary(client, client_user):
    client_user.identity_status = "verified"
    client_user.save()
    profile = client_user.client_profile
    profile.orders_count, profile.satisfaction_avg, profile.satisfaction_count = 12, "4.50", 8
    profile.save()
    job = JobFactory(client=client_user, description="一行目\n<script>alert(1)</script>")
    text = detail(client, job)
    assert "Web制作・Webデザイン" in text and "ホームページ作成" in text  # breadcrumbs
    assert "一行目<br>" in text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text
    assert "本人確認済み" in text
    assert "4.50" in text and "12" in text
    assert reverse("accounts:client_profile", args=[client_user.pk]) in text


def test_detail_buttons_for_a_worker(client, worker_user):
    job = JobFactory()
    client.force_login(worker_user)
    text = detail(client, job)
    assert reverse("contracts:propose", args=[job.pk]) in text
    assert reverse("jobs:edit", args=[job.pk]) not in text


def test_detail_buttons_for_the_owner(client, client_user):
    job = JobFactory(client=client_user)
    client.force_login(client_user)
    text = detail(client, job)
    assert reverse("jobs:edit", args=[job.pk]) in text
    assert reverse("jobs:close", args=[job.pk]) in text
    assert reverse("contracts:job_proposals", args=[job.pk]) in text
    assert reverse("contracts:propose", args=[job.pk]) not in text


def test_owner_acting_as_worker_cannot_propose_to_own_job(client, client_user):
    job = JobFactory(client=client_user)
    client_user.active_role = Role.WORKER
    client_user.save()
    client.force_login(client_user)
    assert reverse("contracts:propose", args=[job.pk]) not in detail(client, job)


@pytest.mark.parametrize("who", ["outsider_client", None])
def test_detail_for_non_workers_offers_no_propose(client, cast, who):
    job = JobFactory()
    if who:
        user = cast["outsider"]
        user.active_role = Role.CLIENT
        user.save()
        client.force_login(user)
    text = detail(client, job)
    assert reverse("contracts:propose", args=[job.pk]) not in text
    assert reverse("jobs:edit", args=[job.pk]) not in text
    if who:
        assert "ワーカーに切り替えて提案する" in text
    else:
        assert "ログインして提案する" in text


def test_closed_job_is_viewable_and_marked(client, worker_user):
    job = JobFactory(status=JobStatus.CLOSED)
    client.force_login(worker_user)
    text = detail(client, job)
    assert "この仕事の募集は終了しました" in text
    assert reverse("contracts:propose", args=[job.pk]) not in text


def test_closed_job_owner_gets_no_edit_or_close(client, client_user):
    job = JobFactory(client=client_user, status=JobStatus.CLOSED)
    client.force_login(client_user)
    text = detail(client, job)
    assert reverse("jobs:edit", args=[job.pk]) not in text
    assert reverse("contracts:job_proposals", args=[job.pk]) in text
