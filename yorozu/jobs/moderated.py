"""What the secretariat's tools need about job postings, registered with the moderation
registry (the console, reports and rescans read it; none of them names `Job`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.jobs.actions import (
    do_approve_job,
    do_reject_job,
    do_set_job_moderation,
    do_take_down_job,
    screen_job,
)
from yorozu.jobs.models import Job, JobModeration, JobStatus
from yorozu.jobs.selectors import access_job
from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, Rescan, register
from yorozu.trust.screening import Screening, apply_verdict
from yorozu.trust.services import job_text


def _access(user: Any, pk: int) -> Job:
    job = access_job(user, pk)
    if not job.client.is_active:
        raise Http404("no such job")
    return job


def _rescan_items(since: Any):
    return Job.objects.filter(status=JobStatus.OPEN, moderation=JobModeration.PUBLIC).only(
        "id", "title", "description", "moderation", "client_id"
    )


def _texts(since: Any) -> Iterator[tuple[int, str]]:
    rows = (
        Job.objects.filter(created_at__gte=since)
        .order_by()
        .values_list("id", "title", "description")
        .iterator(chunk_size=2000)
    )
    return ((pk, job_text(title, description)) for pk, title, description in rows)


def _rescan_screen(jobs: list[Job]) -> list[tuple[Job, Screening]]:
    return [(job, screen_job(job.title, job.description)) for job in jobs]


def _rescan_hold(job: Job, screening: Screening) -> bool:
    if not do_set_job_moderation(job, moderation=JobModeration.HELD, actor=None):
        return False
    apply_verdict(
        screening,
        content=job,
        author=job.client,
        actor=None,
        new=False,
        count=False,
        open_case=True,
        reason_code="rescan_hold",
    )
    return True


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=Job,
            name="job",
            label=_("job posting"),
            queue=CaseQueue.JOBS,
            text=lambda job: job_text(job.title, job.description),
            title=lambda job: job.title,
            author=lambda job: job.client,
            screening_kind="job",
            url=lambda job: reverse("jobs:detail", args=[job.pk]),
            access=_access,
            approve=do_approve_job,
            reject=do_reject_job,
            take_down=do_take_down_job,
            rescan=Rescan(
                items=_rescan_items, screen=_rescan_screen, hold=_rescan_hold, texts=_texts
            ),
            select_related=("client",),
        )
    )
