"""Every write to jobs: post, edit, close, and the secretariat's decisions on a posting.

Posting and editing screen the title and description together through the one door
(`trust.screening`) before anything is stored: allow → public; warn → public with a caution
workers see, and a case in the secretariat's "jobs" queue; hold → stored but not public until
the secretariat approves it; block → refused (`trust.screening.Blocked` carries the reasons, so
the form re-renders the draft with the flagged parts explained). Each write is atomic and writes
its JobEvent with the change; the door records each flagged version of the text, so a case
shows the version that was held beside a later edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.catalog.models import Category
from yorozu.core.errors import Refused
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.jobs.models import EDITABLE_FIELDS, Job, JobEvent, JobModeration, JobStatus
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import (
    Context,
    Screening,
    apply_verdict,
    do_clear_screening,
    refuse_if_blocked,
    screen,
)
from yorozu.trust.services import job_text

if TYPE_CHECKING:
    from yorozu.accounts.models import User

SCREENED_FIELDS = ("title", "description")


class JobNotOpen(Refused):
    """The job is closed: it can no longer be edited."""

    default_code = "job_closed"
    status = 409

    def __init__(self, job_id: int) -> None:
        super().__init__(_("This job is closed and can no longer be edited."))
        self.job_id = job_id


def screen_job(title: str, description: str, *, author: Any = None) -> Screening:
    """A posting is screened as one text, title then description (as `trust_scan` reads it)."""
    return screen(
        "job",
        job_text(title, description),
        author=author,
        context=Context(sender_role="client"),
    )


def _require_owner(job: Job, actor: User) -> None:
    if actor is None or job.client_id != actor.pk:
        raise PermissionDenied("only the client who posted a job may change it")


def _main_category(category: Category) -> Category:
    if category.parent is None:
        raise ValueError("a job is posted under a subcategory, not a main category")
    return category.parent


def _comparable(value: Any) -> Any:
    """Model instances compare by id in the change list (a Category re-read is not a change)."""
    return getattr(value, "pk", value)


def do_post_job(*, client, data: Mapping[str, Any], actor: User) -> Job:
    """Publish a job for `client` from validated form data (see JobForm).

    Raises `trust.screening.Blocked` (the attempt recorded) when screening refuses it.
    """
    if actor is None or actor.pk != client.pk:
        raise PermissionDenied("a job is posted by its own client")
    admit(client, "job")
    if not can_use(client, "post"):
        raise PermissionDenied(restricted_message("post"))
    values = {name: data[name] for name in EDITABLE_FIELDS}
    screened = screen_job(values["title"], values["description"], author=client)
    refuse_if_blocked(screened, author=client, actor=actor)
    return _create_job(client=client, values=values, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _create_job(*, client, values: dict, screened: Screening, actor: User) -> Job:
    now = timezone.now()
    job = Job.objects.create(
        client=client,
        main_category=_main_category(values["category"]),
        created_at=now,
        updated_at=now,
        moderation=JobModeration.HELD if screened.verdict == "hold" else JobModeration.PUBLIC,
        assessment=screened.stored,
        **values,
    )
    JobEvent.objects.create(
        job=job,
        actor=actor,
        event_type="posted",
        created_at=now,
        data={"verdict": screened.verdict},
    )
    apply_verdict(screened, content=job, author=client, actor=actor)
    return job


def do_edit_job(job: Job, data: Mapping[str, Any], *, actor: User) -> list[str]:
    """Apply the owner's changes to an open job; returns the names of the fields that changed.

    A change to the title or description (or any edit of a rejected posting) is screened
    first: refused with `Blocked` (the attempt recorded) or stored with its verdict — a hold or
    an edit of a held or rejected posting goes (back) under review, and the case shows the
    held version beside the edit. Nothing changed means no write and no event.
    """
    _require_owner(job, actor)
    if not can_use(actor, "post"):
        raise PermissionDenied(restricted_message("post"))
    current = Job.objects.get(pk=job.pk)
    if current.status != JobStatus.OPEN:
        raise JobNotOpen(job.pk)
    changed = _changed_fields(current, data)
    screened = None
    if any(name in SCREENED_FIELDS for name in changed) or (
        changed and current.moderation == JobModeration.REJECTED
    ):
        title = data["title"] if "title" in changed else current.title
        description = data["description"] if "description" in changed else current.description
        screened = screen_job(title, description, author=job.client)
        refuse_if_blocked(screened, author=job.client, actor=actor)
    return _save_edit(job, data, screened=screened, actor=actor)


def _changed_fields(job: Job, data: Mapping[str, Any]) -> list[str]:
    return [
        name
        for name in EDITABLE_FIELDS
        if name in data and _comparable(getattr(job, name)) != _comparable(data[name])
    ]


@transaction.atomic(durable=True)
def _save_edit(
    job: Job, data: Mapping[str, Any], *, screened: Screening | None, actor: User
) -> list[str]:
    # The row is locked so an edit never races a close: a job closed in the meantime is refused
    # rather than silently re-edited.
    locked = Job.objects.select_for_update().get(pk=job.pk)
    if locked.status != JobStatus.OPEN:
        raise JobNotOpen(job.pk)
    changed = _changed_fields(locked, data)
    if not changed:
        return []
    for name in changed:
        setattr(job, name, data[name])
    job.moderation = locked.moderation
    update_fields = [*changed, "updated_at"]
    verdict = screened.verdict if screened is not None else "allow"
    if screened is not None:
        job.assessment = screened.stored
        update_fields.append("assessment")
        # A prohibited edit goes back under review; so does any edit of a held or rejected one.
        if verdict == "hold" or locked.moderation != JobModeration.PUBLIC:
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
    if screened is not None:
        # A clean edit of a posting under review still goes to the reviewer, who decides on
        # the new text with the version that was held beside it.
        resubmitted = job.moderation == JobModeration.HELD and verdict not in ("warn", "hold")
        apply_verdict(
            screened,
            content=job,
            author=job.client,
            actor=actor,
            new=False,
            open_case=True if resubmitted else None,
            reason_code="trust_resubmitted" if resubmitted else "",
        )
    return changed


@transaction.atomic
def do_set_job_moderation(
    job: Job, *, moderation: str, reason: str = "", actor: User | None
) -> bool:
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


# -- the secretariat's decisions (through the moderated-kind registration in apps.py) --------


@transaction.atomic
def do_approve_job(job: Job, *, actor: User) -> bool:
    """The secretariat lets a held or cautioned posting stand: public, caution cleared, its
    holds no longer count against the client, who is told when it was not public before."""
    require_staff_permission(actor, REVIEW, about=[job.client_id])
    was_public = Job.objects.filter(pk=job.pk, moderation=JobModeration.PUBLIC).exists()
    changed = do_set_job_moderation(job, moderation=JobModeration.PUBLIC, actor=actor)
    Job.objects.filter(pk=job.pk).update(assessment={})
    job.assessment = {}
    do_clear_screening(job)
    if changed and not was_public:
        _tell_client(job, _("Your job posting “%(title)s” is now public"))
    return changed


@transaction.atomic
def do_reject_job(job: Job, *, reason: str, actor: User) -> bool:
    """The secretariat does not publish a posting; the client is told why."""
    require_staff_permission(actor, REVIEW, about=[job.client_id])
    changed = do_set_job_moderation(
        job, moderation=JobModeration.REJECTED, reason=reason, actor=actor
    )
    if changed:
        _tell_client(job, _("Your job posting “%(title)s” was not published"), reason)
    return changed


@transaction.atomic
def do_take_down_job(job: Job, *, reason: str, actor: User) -> bool:
    """An upheld report takes a posting down: closed and no longer public (its page answers
    404 to everyone but its owner and the secretariat), with a "removed" event."""
    require_staff_permission(actor, REVIEW, about=[job.client_id])
    now = timezone.now()
    closed = Job.objects.filter(pk=job.pk, status=JobStatus.OPEN).update(
        status=JobStatus.CLOSED, closed_at=now, updated_at=now
    )
    hidden = do_set_job_moderation(
        job, moderation=JobModeration.REJECTED, reason=reason, actor=actor
    )
    if closed or hidden:
        JobEvent.objects.create(
            job=job, actor=actor, event_type="removed", data={"by": "report"}, created_at=now
        )
        _tell_client(job, _("Your job posting “%(title)s” was taken down"), reason)
    return bool(closed or hidden)


def _tell_client(job: Job, title, reason: str = "") -> None:
    """Tell the poster what the secretariat did with their posting, naming it (a client with
    several postings must not have to guess which one) and, for a refusal, why."""
    do_notify(
        job.client,
        kind="job_moderation",
        title=title,
        body=_("Reason: %(reason)s") if reason else "",
        url=reverse("jobs:detail", args=[job.pk]),
        params={"title": job.title, "reason": reason},
    )


@transaction.atomic(durable=True)
def do_close_job(job: Job, *, actor: User) -> bool:
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
