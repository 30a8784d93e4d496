"""Tasks and competitions through the web, over the cast: who sees what, and a denied request
changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.catalog.models import Category
from yorozu.contracts.models import LedgerEntry
from yorozu.formats.actions import do_submit_answer, do_submit_entry
from yorozu.formats.actions.deadlines import sweep_format_deadlines
from yorozu.formats.models import SubmissionStatus, TaskJob, TaskSubmission
from yorozu.formats.tests.factories import posted_competition, posted_task
from yorozu.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

ANSWER = "一日3時間くらい使います。LINEとYouTubeとメルカリをよく開きます。"


def task_form(**overrides):
    data = {
        "title": "【簡単アンケート】お気に入りのコンビニスイーツ",
        "category": Category.objects.get(slug="web-wordpress").pk,
        "description": "最近食べたコンビニスイーツについて教えてください。",
        "question": "一番おいしかったスイーツと、その理由",
        "answer_kind": "text",
        "min_length": "10",
        "max_length": "200",
        "choices": "",
        "unit_price": "50",
        "slots": "10",
        "per_worker": "1",
        "deadline": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    }
    data.update(overrides)
    return data


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_a_client_posts_and_funds_a_task(client, client_user):
    login(client, client_user)
    response = client.post(reverse("formats:task_new"), task_form())
    job = Job.objects.get(client=client_user)
    assert response.status_code == 302 and response["Location"] == f"/tasks/{job.pk}/"
    assert job.status == JobStatus.UNFUNDED and job.format == "task"
    page = client.get(reverse("formats:task", args=[job.pk]))
    assert "data-fund" in page.content.decode()
    client.post(reverse("formats:task_fund", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN
    assert client.get(reverse("jobs:detail", args=[job.pk]))["Location"] == f"/tasks/{job.pk}/"


def test_a_task_asking_for_a_phone_number_keeps_the_draft(client, client_user):
    login(client, client_user)
    response = client.post(reverse("formats:task_new"), task_form(question="電話番号を教えて"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "電話番号を教えて" in html  # the draft is kept
    assert not Job.objects.exists()


@pytest.mark.parametrize("who", ["worker", "outsider", None])
def test_an_unfunded_task_is_only_its_clients(client, cast, who):
    task = posted_task(cast["client"], fund=False)
    login(client, cast[who] if who else None)
    assert client.get(reverse("formats:task", args=[task.pk])).status_code == 404
    if who:
        client.post(reverse("formats:task_fund", args=[task.pk]))
    assert not LedgerEntry.objects.exists()
    assert Job.objects.get(pk=task.pk).status == JobStatus.UNFUNDED


@pytest.mark.parametrize("who", ["worker", "outsider", "staff"])
def test_only_the_client_reviews_and_decides(client, cast, who):
    task = posted_task(cast["client"])
    submission = do_submit_answer(task, worker=cast["worker"], answer=ANSWER, actor=cast["worker"])
    login(client, cast[who])
    assert client.get(reverse("formats:task_review", args=[task.pk])).status_code == 404
    assert client.post(reverse("formats:answer_approve", args=[submission.pk])).status_code == 404
    response = client.post(
        reverse("formats:answer_reject", args=[submission.pk]), {"reason": "だめです"}
    )
    assert response.status_code == 404
    assert client.post(reverse("formats:task_close", args=[task.pk])).status_code == 404
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING
    assert Job.objects.get(pk=task.pk).status == JobStatus.OPEN


def test_a_worker_answers_and_the_client_decides(client, cast):
    task = posted_task(cast["client"])
    login(client, cast["worker"])
    url = reverse("formats:task", args=[task.pk])
    refused = client.post(url, {"answer": ANSWER + " 詳しくは https://my-salon.jp で"})
    assert refused.status_code == 400 and "my-salon.jp" in refused.content.decode()
    assert client.post(url, {"answer": ANSWER}).status_code == 302
    submission = TaskSubmission.objects.get()
    login(client, cast["client"])
    review = client.get(reverse("formats:task_review", args=[task.pk]))
    assert ANSWER in review.content.decode()
    response = client.post(reverse("formats:answer_reject", args=[submission.pk]), {"reason": ""})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING  # a rejection needs a reason
    client.post(reverse("formats:answer_approve", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert response.status_code == 302


def test_job_search_filters_by_format_and_shows_task_and_competition_cards(
    client, client_user, worker_user, django_assert_max_num_queries
):
    task = posted_task(client_user, unit_price=120, slots=5)
    do_submit_answer(task, worker=worker_user, answer=ANSWER, actor=worker_user)
    competition = posted_competition(client_user, prize=50000)
    do_submit_entry(competition, worker=worker_user, body="ロゴ案です。", actor=worker_user)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("jobs:search"), {"format": "task"}).content.decode()
    assert task.job.title in html and competition.job.title not in html
    assert "¥120" in html and "data-task-facts" in html
    html = client.get(reverse("jobs:search"), {"format": "competition"}).content.decode()
    assert competition.job.title in html and task.job.title not in html
    assert "¥50,000" in html and "data-competition-facts" in html


def test_many_rejections_by_one_client_offer_a_report(client, cast, settings):
    settings.TASK_REJECTIONS_TO_REPORT = 2
    for _ in range(2):
        task = posted_task(cast["client"])
        submission = do_submit_answer(
            task, worker=cast["worker"], answer=ANSWER, actor=cast["worker"]
        )
        TaskSubmission.objects.filter(pk=submission.pk).update(
            status=SubmissionStatus.REJECTED, reason="理由"
        )
    login(client, cast["worker"])
    html = client.get(reverse("formats:my_answers")).content.decode()
    assert f'data-rejections="{cast["client"].pk}"' in html
    assert f"target=user&amp;id={cast['client'].pk}" in html


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_the_decide_page_is_the_secretariats(client, cast, who):
    competition = posted_competition(cast["client"])
    login(client, cast[who])
    url = reverse("formats:competition_decide", args=[competition.pk])
    assert client.get(url).status_code == 404


def test_the_secretariat_decides_a_competition_with_no_winner(client, cast):
    competition = posted_competition(cast["client"])
    Job.objects.filter(pk=competition.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    sweep_format_deadlines(timezone.now() + datetime.timedelta(days=8))
    login(client, cast["staff"])
    url = reverse("formats:competition_decide", args=[competition.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "refund", "reason": "応募がなかったため返金します。"})
    assert response.status_code == 302
    competition.refresh_from_db()
    assert competition.stage == "refunded"


def test_funded_task_page_is_public(client, client_user):
    task = posted_task(client_user)
    html = client.get(reverse("formats:task", args=[task.pk])).content.decode()
    assert task.question in html and "data-slots-left" in html
    assert TaskJob.objects.get(pk=task.pk).slots_left == 10


def test_my_jobs_links_tasks_and_competitions_to_their_own_pages(client, client_user):
    """A task has answers and a competition entries, not proposals: the client's list of their
    postings says so and links there (a task opened as a project was a dead end)."""
    task = posted_task(client_user)
    competition = posted_competition(client_user)
    login(client, client_user)
    html = client.get(reverse("jobs:mine")).content.decode()
    assert reverse("formats:task_review", args=[task.pk]) in html
    assert reverse("formats:competition", args=[competition.pk]) in html
    assert reverse("contracts:job_proposals", args=[task.pk]) not in html
    assert reverse("jobs:edit", args=[competition.pk]) not in html
