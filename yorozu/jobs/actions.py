"""Every write to jobs: post, edit, close. Each is atomic and writes its JobEvent with the change.

Later issues put the trust engine's assessment into do_post_job and do_edit_job; each stays one
function so that there is exactly one place to add it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from yorozu.catalog.models import Category
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.jobs.models import EDITABLE_FIELDS, Job, JobEvent, JobStatus


class JobNotOpen(Exception):
    """The job is closed: it can no longer be edited."""


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
    now = timezone.now()
    job = Job.objects.create(
        client=client,
        main_category=_main_category(values["category"]),
        created_at=now,
        updated_at=now,
        **values,
    )
    JobEvent.objects.create(job=job, actor=actor, event_type="posted", created_at=now)
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
    for name in changed:
        setattr(job, name, data[name])
    update_fields = [*changed, "updated_at"]
    if "category" in changed:
        job.main_category = _main_category(job.category)
        update_fields.append("main_category")
    job.updated_at = timezone.now()
    job.save(update_fields=update_fields)
    JobEvent.objects.create(
        job=job,
        actor=actor,
        event_type="edited",
        data={"fields": changed},
        created_at=job.updated_at,
    )
    return changed


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
