"""Every write to jobs: post, edit, close. Each is atomic and writes its JobEvent with the change.

Posting and editing screen the title and description together through `trust.services` before
anything is stored: allow → public; warn → public and a case in the secretariat's "jobs" queue;
hold → stored but not public until the secretariat approves it; block → refused (`JobRefused`
carries the assessment, so the form re-renders the draft with the flagged parts explained).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.catalog.models import Category
from yorozu.core.errors import Refused
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.jobs.models import EDITABLE_FIELDS, Job, JobEvent, JobModeration, JobStatus
from yorozu.moderation.actions import do_open_case
from yorozu.trust.engine import Assessment
from yorozu.trust.services import (
    assess_job_text,
    assessment_as_json,
    index_content_tokens,
    note_verdict_change,
)

# The engine never blocks a posting (jobs are held for the secretariat); a posting whose points
# reach this line stacks several unambiguous violations and is refused outright instead.
JOB_BLOCK_POINTS = 15.0
SCREENED_FIELDS = ("title", "description")


class JobNotOpen(Refused):
    """The job is closed: it can no longer be edited."""

    default_code = "job_closed"
    status = 409

    def __init__(self, job_id: int) -> None:
        super().__init__(_("This job is closed and can no longer be edited."))
        self.job_id = job_id


class JobRefused(Refused):
    """Screening refused the posting or edit; nothing was stored. Carries the assessment."""

    default_code = "blocked"

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(
            _("This posting cannot be published as written. Please rewrite the highlighted parts.")
        )
        self.assessment = assessment


def screen_job(title: str, description: str) -> tuple[str, Assessment]:
    """The verdict for a posting's text: the engine's, plus the block line above."""
    assessment = assess_job_text(title, description)
    if assessment.points >= JOB_BLOCK_POINTS:
        note_verdict_change("job", assessment.verdict, "block")
        return "block", assessment
    return assessment.verdict, assessment


def _open_screening_case(job: Job, verdict: str, assessment: Assessment, actor) -> None:
    do_open_case(
        queue="jobs",
        content_object=job,
        subject_user=job.client,
        reason_code=f"trust_{verdict}",
        assessment=assessment_as_json(assessment),
        priority=int(assessment.points * 10),
        actor=actor,
    )


def _require_owner(job: Job, actor) -> None:
    if actor is None or job.client_id != actor.pk:
        raise PermissionDenied("only the client who posted a job may change it")


def _main_category(category: Category) -> Category:
    if category.parent is None:
        raise ValueError("a job is posted under a subcategory, not a main category")
    return category.parent


def _comparable(value: Any) -> Any:
    """Model instances compare by id in the change list (a Category re-read is not a change)."""
    return getattr(value, "pk", value)


@transaction.atomic
def do_post_job(*, client, data: Mapping[str, Any], actor) -> Job:
    """Publish a job for `client` from validated form data (see JobForm)."""
    if actor is None or actor.pk != client.pk:
        raise PermissionDenied("a job is posted by its own client")
    if not can_use(client, "post"):
        raise PermissionDenied(restricted_message("post"))
    values = {name: data[name] for name in EDITABLE_FIELDS}
    verdict, assessment = screen_job(values["title"], values["description"])
    if verdict == "block":
        raise JobRefused(assessment)
    now = timezone.now()
    job = Job.objects.create(
        client=client,
        main_category=_main_category(values["category"]),
        created_at=now,
        updated_at=now,
        moderation=JobModeration.HELD if verdict == "hold" else JobModeration.PUBLIC,
        **values,
    )
    JobEvent.objects.create(
        job=job, actor=actor, event_type="posted", created_at=now, data={"verdict": verdict}
    )
    index_content_tokens(job, user=client, texts=(job.title, job.description))
    if verdict in ("warn", "hold"):
        _open_screening_case(job, verdict, assessment, actor)
    return job


@transaction.atomic
def do_edit_job(job: Job, data: Mapping[str, Any], *, actor) -> list[str]:
    """Apply the owner's changes to an open job; returns the names of the fields that changed.

    The row is locked first so an edit never races a close: a job closed in the meantime is
    refused rather than silently re-edited. Nothing changed means no write and no event.
    """
    _require_owner(job, actor)
    if not can_use(actor, "post"):
        raise PermissionDenied(restricted_message("post"))
    locked = Job.objects.select_for_update().get(pk=job.pk)
    if locked.status != JobStatus.OPEN:
        raise JobNotOpen(job.pk)
    changed = [
        name
        for name in EDITABLE_FIELDS
        if name in data and _comparable(getattr(locked, name)) != _comparable(data[name])
    ]
    if not changed:
        return []
    verdict = "allow"
    screened = (
        any(name in SCREENED_FIELDS for name in changed)
        or locked.moderation == JobModeration.REJECTED
    )
    if screened:
        title = data["title"] if "title" in changed else locked.title
        description = data["description"] if "description" in changed else locked.description
        verdict, assessment = screen_job(title, description)
        if verdict == "block":
            raise JobRefused(assessment)
    for name in changed:
        setattr(job, name, data[name])
    job.moderation = locked.moderation
    update_fields = [*changed, "updated_at"]
    # A prohibited edit goes back under review; so does any edit of a rejected posting.
    if verdict == "hold" or locked.moderation == JobModeration.REJECTED:
        job.moderation = JobModeration.HELD
        update_fields.append("moderation")
    if "category" in changed:
        job.main_category = _main_category(job.category)
        update_fields.append("main_category")
    job.updated_at = timezone.now()
    job.save(update_fields=update_fields)
    JobEvent.objects.create(
        job=job,
        actor=actor,
        event_type="edited",
        data={"fields": changed, "verdict": verdict},
        created_at=job.updated_at,
    )
    if screened:
        index_content_tokens(job, user=job.client, texts=(job.title, job.description))
        if verdict in ("warn", "hold"):
            _open_screening_case(job, verdict, assessment, actor)
        elif job.moderation == JobModeration.HELD:
            _open_screening_case(job, "resubmitted", assessment, actor)
    return changed


@transaction.atomic
def do_set_job_moderation(job: Job, *, moderation: str, reason: str = "", actor) -> bool:
    """The secretariat's decision on a posting (or a rescan's hold): public, held or rejected.

    Returns whether anything changed. Called by the review console and the rescan task inside
    their own transactions; writes a JobEvent with the change.
    """
    if moderation not in JobModeration.values:
        raise ValueError(f"unknown moderation {moderation!r}")
    updated = (
        Job.objects.filter(pk=job.pk)
        .exclude(moderation=moderation)
        .update(moderation=moderation, moderation_reason=reason)
    )
    if not updated:
        return False
    job.moderation, job.moderation_reason = moderation, reason
    JobEvent.objects.create(
        job=job,
        actor=actor,
        event_type="moderation",
        data={"moderation": moderation, "reason": reason},
    )
    return True


@transaction.atomic
def do_close_job(job: Job, *, actor) -> bool:
    """Stop taking proposals. Closing twice is harmless: only the first close writes anything.

    Returns whether this call closed the job.
    """
    _require_owner(job, actor)
    now = timezone.now()
    closed = Job.objects.filter(pk=job.pk, status=JobStatus.OPEN).update(
        status=JobStatus.CLOSED, closed_at=now, updated_at=now
    )
    if not closed:
        return False
    job.status, job.closed_at, job.updated_at = JobStatus.CLOSED, now, now
    JobEvent.objects.create(job=job, actor=actor, event_type="closed", created_at=now)
    return True
