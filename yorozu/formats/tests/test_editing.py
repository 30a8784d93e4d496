"""Editing a posted task or competition: title, instructions or brief, deadline — re-screened
through the posting door, versions kept for the reviewer; never the money; the deadline only
extended once funded; nothing once closed or decided; only by its client."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from yorozu.contracts.models import LedgerEntry
from yorozu.formats.actions import do_close_task, do_pick_winner, do_submit_entry
from yorozu.formats.actions.common import FormatRefused
from yorozu.formats.actions.deadlines import sweep_format_deadlines
from yorozu.formats.actions.editing import do_edit_competition, do_edit_task
from yorozu.formats.models import TaskJob
from yorozu.formats.rules import PersonalDataRequested
from yorozu.formats.tests.factories import posted_competition, posted_task
from yorozu.jobs.models import Job, JobEvent, JobModeration, JobStatus
from yorozu.moderation.models import CaseQueue, ModerationCase
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import Blocked

pytestmark = pytest.mark.django_db

CLEAN = "普段のスマホの使い方について、下の質問に答えてください。10分ほどで終わります。"
SUSPICIOUS = "スマホだけで月収100万円。簡単な作業です。"
SCAM = (
    "【副業】スマホだけで月収100万円。まずは公式LINEに登録して、教材費3万円をお振込み"
    "ください。紹介すると報酬が入るネットワークビジネスです。"
)


def later(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def edit(task, **changes):
    job = task.job
    data = {"title": job.title, "description": job.description, "deadline": job.deadline}
    data.update(changes)
    return do_edit_task(task, data, actor=job.client)


def fresh_job(item):
    return Job.objects.get(pk=item.pk)


def test_a_clean_edit_is_saved_public_with_the_old_text_kept(client_user):
    task = posted_task(client_user)
    old = task.job.description
    assert edit(task, description=CLEAN, deadline=later(30)) == ["description", "deadline"]
    job = fresh_job(task)
    assert (job.description, job.deadline, job.moderation) == (CLEAN, later(30), "public")
    event = JobEvent.objects.get(job=job, event_type="edited")
    assert event.data["previous"]["description"] == old
    assert event.data["fields"] == ["description", "deadline"]
    # the money never changes
    assert TaskJob.objects.get(pk=task.pk).budget == task.budget


def test_nothing_changed_writes_nothing(client_user):
    task = posted_task(client_user)
    assert edit(task) == []
    assert not JobEvent.objects.filter(job_id=task.pk, event_type="edited").exists()


def test_a_blocked_edit_is_refused_and_recorded(client_user):
    task = posted_task(client_user)
    with pytest.raises(Blocked):
        edit(task, description=SCAM)
    assert fresh_job(task).description == task.job.description
    assert ScreeningRecord.objects.filter(author=client_user, kind="job", verdict="block").exists()


def test_a_held_edit_goes_under_review_and_the_sweep_waits(client_user):
    task = posted_task(client_user)
    edit(task, description=SUSPICIOUS)
    job = fresh_job(task)
    assert job.moderation == JobModeration.HELD and job.description == SUSPICIOUS
    assert ModerationCase.objects.filter(queue=CaseQueue.JOBS, object_id=job.pk).exists()
    assert ScreeningRecord.objects.filter(
        author=client_user, kind="job", object_id=job.pk, verdict="hold"
    ).exists()
    # under review is not taken down: the funded task waits for the secretariat's decision
    assert sweep_format_deadlines()["taken_down"] == 0
    assert fresh_job(task).status == JobStatus.OPEN


def test_instructions_asking_for_personal_data_are_refused(client_user):
    task = posted_task(client_user)
    with pytest.raises(PersonalDataRequested):
        edit(task, description="確認のため、回答欄にLINE IDを記入してください。")
    assert fresh_job(task).description == task.job.description


def test_once_funded_the_deadline_is_only_extended(client_user):
    task = posted_task(client_user)
    with pytest.raises(FormatRefused):
        edit(task, deadline=later(3))
    unfunded = posted_task(client_user, fund=False)
    assert edit(unfunded, deadline=later(3)) == ["deadline"]


def test_a_closed_task_cannot_be_edited(client_user):
    task = posted_task(client_user)
    do_close_task(task, actor=client_user)
    task = TaskJob.objects.select_related("job").get(pk=task.pk)
    with pytest.raises(FormatRefused):
        edit(task, description=CLEAN)


def test_only_the_client_edits(client_user, outsider):
    task = posted_task(client_user)
    with pytest.raises(PermissionDenied):
        do_edit_task(
            task,
            {"title": "x", "description": CLEAN, "deadline": task.job.deadline},
            actor=outsider,
        )
    assert fresh_job(task).title == task.job.title


def test_a_competition_brief_is_edited_until_the_winner_is_picked(client_user, worker_user):
    competition = posted_competition(client_user)
    brief = "駅前のカフェのロゴ案を募集します。色は深緑を基調に、看板とカードで使います。"
    data = {"title": competition.job.title, "description": brief, "deadline": later(20)}
    assert do_edit_competition(competition, data, actor=client_user) == [
        "description",
        "deadline",
    ]
    assert fresh_job(competition).description == brief
    entry = do_submit_entry(competition, worker=worker_user, body="深緑の案", actor=worker_user)
    do_pick_winner(entry, actor=client_user)
    with pytest.raises(FormatRefused):
        do_edit_competition(competition, {**data, "title": "新しい題"}, actor=client_user)
    assert LedgerEntry.objects.filter(job_id=competition.pk).exists()


# who → may they open the edit page of the client's task?
MAY_EDIT = {"client": 200, "worker": 404, "outsider": 404, "staff": 404}


@pytest.mark.parametrize("who", MAY_EDIT)
def test_the_edit_page_is_the_clients(who, cast, client):
    task = posted_task(cast["client"])
    client.force_login(cast[who])
    url = reverse("formats:task_edit", args=[task.pk])
    assert client.get(url).status_code == MAY_EDIT[who]
    response = client.post(
        url, {"title": "乗っ取り", "description": CLEAN, "deadline": later(40).isoformat()}
    )
    job = fresh_job(task)
    if MAY_EDIT[who] == 200:
        assert response.status_code == 302 and job.title == "乗っ取り"
    else:
        assert response.status_code == 404 and job.title == task.job.title


def test_the_edit_page_keeps_a_refused_draft(client_user, client):
    task = posted_task(client_user)
    client.force_login(client_user)
    detail = client.get(reverse("formats:task", args=[task.pk])).content.decode()
    assert reverse("formats:task_edit", args=[task.pk]) in detail
    response = client.post(
        reverse("formats:task_edit", args=[task.pk]),
        {"title": task.job.title, "description": SCAM, "deadline": task.job.deadline.isoformat()},
    )
    page = response.content.decode()
    assert "data-refused" in page and "ネットワークビジネス" in page
    assert fresh_job(task).description == task.job.description
