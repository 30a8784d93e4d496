"""A day before task answers are approved automatically, the sweep reminds the client once (a
notification and an e-mail per task, not another while it is unread), and never about answers
already decided."""

import datetime

import pytest
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.formats.actions import do_approve_submission, do_submit_answer
from yorozu.formats.actions.deadlines import sweep_format_deadlines
from yorozu.formats.models import TaskSubmission
from yorozu.formats.tests.factories import posted_task
from yorozu.jobs.models import JobEvent
from yorozu.notifications.models import Notification

pytestmark = pytest.mark.django_db

ANSWER = "一日3時間くらい使います。LINEとYouTubeとメルカリをよく開きます。"


def answers(task, n):
    made = []
    for _ in range(n):
        worker = UserFactory(role=Role.WORKER)
        made.append(do_submit_answer(task, worker=worker, answer=ANSWER, actor=worker))
    return made


def reminders(client_user):
    return Notification.objects.filter(user=client_user, kind="task_approval_reminder")


def test_the_client_is_reminded_once_a_day_before(
    client_user, settings, django_capture_on_commit_callbacks, mailoutbox
):
    task = posted_task(client_user)
    answers(task, 2)
    period, before = settings.TASK_APPROVAL_PERIOD, settings.TASK_APPROVAL_REMINDER
    too_early = timezone.now() + period - before - datetime.timedelta(hours=1)
    assert sweep_format_deadlines(too_early)["reminded"] == 0
    assert not reminders(client_user).exists()
    in_time = timezone.now() + period - before + datetime.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_format_deadlines(in_time)["reminded"] == 2
    note = reminders(client_user).get()
    assert task.job.title in note.title and "2" in note.body
    assert note.url == f"/tasks/{task.pk}/answers/"
    assert [m for m in mailoutbox if client_user.email in m.to]
    # once: a later sweep (still before the end) sends nothing more
    assert sweep_format_deadlines(in_time + datetime.timedelta(hours=1))["reminded"] == 0
    assert reminders(client_user).count() == 1
    assert TaskSubmission.objects.filter(reminded_at__isnull=True).count() == 0
    event = JobEvent.objects.get(job_id=task.pk, event_type="approval_reminder")
    assert event.data["answers"] == 2 and event.actor is None


def test_answers_coming_due_one_after_another_make_one_unread_reminder(client_user, settings):
    task = posted_task(client_user)
    first, second = answers(task, 2)
    TaskSubmission.objects.filter(pk=second.pk).update(
        approval_due_at=first.approval_due_at + datetime.timedelta(hours=3)
    )
    start = first.approval_due_at - settings.TASK_APPROVAL_REMINDER + datetime.timedelta(minutes=1)
    assert sweep_format_deadlines(start)["reminded"] == 1
    assert sweep_format_deadlines(start + datetime.timedelta(hours=3))["reminded"] == 1
    assert reminders(client_user).count() == 1  # the first is still unread: it covers both
    assert TaskSubmission.objects.filter(reminded_at__isnull=True).count() == 0


def test_no_reminder_about_a_decided_answer(client_user, settings):
    task = posted_task(client_user)
    first, second = answers(task, 2)
    do_approve_submission(first, actor=client_user)
    do_approve_submission(second, actor=client_user)
    in_time = timezone.now() + settings.TASK_APPROVAL_PERIOD - datetime.timedelta(hours=1)
    assert sweep_format_deadlines(in_time)["reminded"] == 0
    assert not reminders(client_user).exists()


def test_an_answer_past_its_period_is_approved_not_reminded_of(client_user, settings):
    task = posted_task(client_user)
    answers(task, 1)
    late = timezone.now() + settings.TASK_APPROVAL_PERIOD + datetime.timedelta(minutes=1)
    done = sweep_format_deadlines(late)
    assert (done["auto_approved"], done["reminded"]) == (1, 0)
    assert not reminders(client_user).exists()
