"""Reads for tasks and competitions; `access_*` fetch and authorize in one call."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.enforcement.selectors import is_visible, visible_q
from yorozu.files.hosts import host_of
from yorozu.files.selectors import attachments_by_owner
from yorozu.formats.models import (
    Competition,
    CompetitionEntry,
    SubmissionStatus,
    TaskJob,
    TaskSubmission,
)
from yorozu.jobs.selectors import access_job

PAGE_SIZE = 20


def access_task(user, job_id: int) -> TaskJob:
    """A task as anyone may see it (the posting's rules: `jobs.selectors.access_job`)."""
    job = access_job(user, job_id)
    try:
        task = TaskJob.objects.get(pk=job.pk)
    except TaskJob.DoesNotExist:
        raise Http404("no such task") from None
    task.job = job
    return task


def access_own_task(user, job_id: int) -> TaskJob:
    """A task its client manages; 404 for anyone else."""
    task = access_task(user, job_id)
    if not getattr(user, "is_authenticated", False) or task.job.client_id != user.pk:
        raise Http404("no such task")
    return task


def access_competition(user, job_id: int) -> Competition:
    job = access_job(user, job_id)
    try:
        competition = Competition.objects.select_related("winner").get(pk=job.pk)
    except Competition.DoesNotExist:
        raise Http404("no such competition") from None
    competition.job = job
    return competition


def access_own_competition(user, job_id: int) -> Competition:
    competition = access_competition(user, job_id)
    if not getattr(user, "is_authenticated", False) or competition.job.client_id != user.pk:
        raise Http404("no such competition")
    return competition


def access_competition_for_decision(user, job_id: int) -> Competition:
    """A competition the secretariat decides on; 404 for anyone without the review permission."""
    if not has_staff_permission(user, REVIEW):
        raise Http404("no such competition")
    return access_competition(user, job_id)


def access_own_submission(user, submission_id: int) -> TaskSubmission:
    """An answer to one of `user`'s tasks (the client decides it); 404 otherwise."""
    try:
        submission = TaskSubmission.objects.select_related("task__job", "worker").get(
            pk=submission_id
        )
    except TaskSubmission.DoesNotExist:
        raise Http404("no such answer") from None
    if not getattr(user, "is_authenticated", False) or submission.task.job.client_id != user.pk:
        raise Http404("no such answer")
    return submission


def access_entry(user, competition: Competition, entry_id: int) -> CompetitionEntry:
    """An entry of `competition` (already accessed by its client or the secretariat); the client
    does not reach an entry a restriction hides (`visible_entries_of`)."""
    try:
        entry = CompetitionEntry.objects.select_related("worker").get(
            pk=entry_id, competition=competition
        )
    except CompetitionEntry.DoesNotExist:
        raise Http404("no such entry") from None
    if not has_staff_permission(user, REVIEW) and not is_visible("entry", entry.worker):
        raise Http404("no such entry")
    entry.competition = competition
    return entry


def submissions_of_task(task: TaskJob) -> QuerySet[TaskSubmission]:
    """A task's answers for its client: waiting ones first, then newest."""
    return (
        TaskSubmission.objects.filter(task=task)
        .select_related("worker")
        .order_by("-status", "approval_due_at", "-id")
    )


def answers_of_worker(worker) -> QuerySet[TaskSubmission]:
    return (
        TaskSubmission.objects.filter(worker=worker)
        .select_related("task__job", "task__job__client")
        .order_by("-submitted_at", "-id")
    )


def my_answers_to(task: TaskJob, worker) -> list[TaskSubmission]:
    if not getattr(worker, "is_authenticated", False):
        return []
    return list(TaskSubmission.objects.filter(task=task, worker=worker).order_by("-id"))


def clients_rejecting_often(worker) -> list[dict]:
    """The clients who rejected at least `TASK_REJECTIONS_TO_REPORT` of `worker`'s answers:
    the worker is offered to report them (unfair rejection is a way to get work for free)."""
    rows = (
        TaskSubmission.objects.filter(worker=worker, status=SubmissionStatus.REJECTED)
        .values("task__job__client_id", "task__job__client__display_name")
        .annotate(rejected=Count("id"))
        .filter(rejected__gte=settings.TASK_REJECTIONS_TO_REPORT)
        .order_by("-rejected")
    )
    return [
        {
            "client_id": r["task__job__client_id"],
            "name": r["task__job__client__display_name"],
            "rejected": r["rejected"],
        }
        for r in rows
    ]


def entries_for_secretariat(competition: Competition, viewer) -> list[CompetitionEntry]:
    """Every entry of a competition the secretariat decides on, each with its files that passed
    screening (`entry.attached`): the reviewer judges the files as well as the text."""
    entries = list(entries_of(competition))
    files = attachments_by_owner(CompetitionEntry, [e.pk for e in entries], viewer)
    for entry in entries:
        setattr(entry, "attached", files.get(entry.pk, []))  # noqa: B010
    return entries


def entries_of_worker(worker) -> QuerySet[CompetitionEntry]:
    """A worker's competition entries, newest first, with their competitions (one query)."""
    return (
        CompetitionEntry.objects.filter(worker=worker)
        .select_related("competition__job", "competition__job__client")
        .order_by("-submitted_at", "-id")
    )


def entries_of(competition: Competition) -> QuerySet[CompetitionEntry]:
    """Every entry (the secretariat's view)."""
    return CompetitionEntry.objects.filter(competition=competition).select_related("worker")


def visible_entries_of(competition: Competition) -> QuerySet[CompetitionEntry]:
    """The entries the client sees: none by a worker a restriction hides (enforcement's one
    predicate, as for proposals)."""
    return entries_of(competition).filter(visible_q("entry", "worker"))


def my_entries(competition: Competition, worker) -> list[CompetitionEntry]:
    """`worker`'s entries to `competition`, first sent first, each with its files
    (`entry.attached`)."""
    if not getattr(worker, "is_authenticated", False):
        return []
    entries = list(
        CompetitionEntry.objects.filter(competition=competition, worker=worker).order_by("id")
    )
    return with_files(entries, competition, worker)


def with_files(
    entries: Iterable[CompetitionEntry], competition: Competition, viewer
) -> list[CompetitionEntry]:
    """Set `entry.attached` to the files of each entry that `viewer` sees (one query): the
    entrant's own, and for the client only while the rights allow (`attachments.client_may_see`)."""
    entries = list(entries)
    for entry in entries:
        entry.competition = competition
    shown = [e.pk for e in entries if host_of(CompetitionEntry).may_see(viewer, e)]
    files = attachments_by_owner(CompetitionEntry, shown, viewer)
    for entry in entries:
        setattr(entry, "attached", files.get(entry.pk, []))  # noqa: B010
    return entries


def task_approval_rates(client_ids=None) -> dict[int, tuple[int, int]]:
    """{client id: (approved, decided)} over every task answer a client decided (or that was
    approved when the period ended), for certification."""
    rows = TaskSubmission.objects.exclude(status=SubmissionStatus.PENDING)
    if client_ids is not None:
        rows = rows.filter(task__job__client_id__in=list(client_ids))
    data = (
        rows.values("task__job__client_id")
        .annotate(
            approved=Count("id", filter=Q(status=SubmissionStatus.APPROVED)), decided=Count("id")
        )
        .order_by()
    )
    return {r["task__job__client_id"]: (r["approved"], r["decided"]) for r in data}
