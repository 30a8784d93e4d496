"""What the scheduler ends on its own: approval periods, task deadlines, competitions with no
winner. Each item in its own transaction; each step conditional, so two sweeps at once (or a
retried one) do everything once."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from yorozu.formats.actions.competitions import (
    do_refund_taken_down_competition,
    do_send_competition_to_secretariat,
    selection_ends,
)
from yorozu.formats.actions.task_jobs import (
    do_auto_approve_submission,
    do_close_task,
    do_remind_task_approvals,
)
from yorozu.formats.models import (
    Competition,
    CompetitionStage,
    SubmissionStatus,
    TaskJob,
    TaskSubmission,
)
from yorozu.jobs.models import JobModeration, JobStatus

logger = logging.getLogger(__name__)


def sweep_format_deadlines(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done = {
        "auto_approved": 0,
        "reminded": 0,
        "tasks_closed": 0,
        "to_secretariat": 0,
        "taken_down": 0,
    }
    due = TaskSubmission.objects.filter(
        status=SubmissionStatus.PENDING, approval_due_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        try:
            done["auto_approved"] += do_auto_approve_submission(pk, now=now)
        except Exception:
            logger.exception("automatic approval of task answer %s failed", pk)
    # A day (TASK_APPROVAL_REMINDER) before the period ends, the client hears of it once.
    reminding = (
        TaskSubmission.objects.filter(
            status=SubmissionStatus.PENDING,
            reminded_at__isnull=True,
            approval_due_at__gt=now,
            approval_due_at__lte=now + settings.TASK_APPROVAL_REMINDER,
        )
        .order_by()
        .values_list("task_id", flat=True)
        .distinct()
    )
    for task_id in list(reminding):
        try:
            done["reminded"] += do_remind_task_approvals(task_id, now=now)
        except Exception:
            logger.exception("reminding the client of task %s failed", task_id)
    today = timezone.localdate(now)
    # A posting the secretariat took down closes at once: the unused budget or the prize returns.
    # One under review (held by an edit or a rescan) waits for the secretariat's decision.
    for task in TaskJob.objects.filter(
        job__status=JobStatus.OPEN, job__moderation=JobModeration.REJECTED
    ):
        try:
            done["taken_down"] += do_close_task(task, actor=None) is not None
        except Exception:
            logger.exception("closing taken-down task %s failed", task.pk)
    for pk in Competition.objects.filter(
        stage=CompetitionStage.OPEN, job__moderation=JobModeration.REJECTED
    ).values_list("pk", flat=True):
        try:
            done["taken_down"] += do_refund_taken_down_competition(pk)
        except Exception:
            logger.exception("refunding taken-down competition %s failed", pk)
    for task in TaskJob.objects.filter(job__status=JobStatus.OPEN, job__deadline__lt=today):
        try:
            done["tasks_closed"] += do_close_task(task, actor=None) is not None
        except Exception:
            logger.exception("closing task %s at its deadline failed", task.pk)
    waiting = Competition.objects.filter(stage=CompetitionStage.OPEN).select_related("job")
    for competition in waiting.filter(job__deadline__lt=today):
        if now <= selection_ends(competition.job):
            continue
        try:
            done["to_secretariat"] += do_send_competition_to_secretariat(competition.pk, now=now)
        except Exception:
            logger.exception("sending competition %s to the secretariat failed", competition.pk)
    return done
