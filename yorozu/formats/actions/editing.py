"""Editing a posted task or competition: its title, its instructions or brief, and its
deadline — never the money (unit price, slots, prize) nor, for a task, the question workers
answer.

Through the same door as a posting edit (`jobs.actions.do_edit_job`): a changed title or text
is screened as the posting was (a task's question and choices read after the instructions, and
the personal-data rule first); a block is refused with the draft kept and the attempt recorded;
a hold puts the posting (back) under review with a case, and an edit of a posting already under
review goes to the reviewer too. The door records every flagged version of the text, and the
`edited` JobEvent keeps the text it replaced, so the reviewer sees each version.

Once funded the deadline can only be extended: workers who answered or entered counted on it.
An edit is refused once the task is closed or the competition decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.formats.actions.common import FormatRefused, record, require_owner, screen_posting
from yorozu.formats.actions.task_jobs import answer_form_text
from yorozu.formats.models import Competition, CompetitionStage, TaskJob
from yorozu.formats.rules import refuse_personal_data
from yorozu.jobs.models import Job, JobModeration, JobStatus
from yorozu.trust.screening import Screening, apply_verdict

if TYPE_CHECKING:
    from yorozu.accounts.models import User

EDITABLE = ("title", "description", "deadline")
SCREENED = ("title", "description")
EDITABLE_STATUSES = (JobStatus.UNFUNDED, JobStatus.OPEN)


def _changed(job: Job, data: Mapping[str, Any]) -> list[str]:
    return [name for name in EDITABLE if name in data and getattr(job, name) != data[name]]


def _check(job: Job, data: Mapping[str, Any], *, actor: User, editable: bool) -> list[str]:
    require_owner(job, actor)
    if not can_use(actor, "post"):
        raise PermissionDenied(restricted_message("post"))
    if job.status not in EDITABLE_STATUSES or not editable:
        raise FormatRefused(_("This posting is closed and can no longer be edited."))
    changed = _changed(job, data)
    if "deadline" in changed and job.status == JobStatus.OPEN and data["deadline"] < job.deadline:
        raise FormatRefused(
            _(
                "Once funded, the deadline can only be extended: workers are counting on it "
                "(now %(deadline)s)."
            )
            % {"deadline": job.deadline.isoformat()}
        )
    return changed


def _screen(
    job: Job, data: Mapping[str, Any], changed: list[str], extra: str, *, actor: User
) -> Screening | None:
    """Screen the edited posting when its words changed (or it had been rejected)."""
    if not any(name in SCREENED for name in changed) and not (
        changed and job.moderation == JobModeration.REJECTED
    ):
        return None
    title = data["title"] if "title" in changed else job.title
    description = data["description"] if "description" in changed else job.description
    return screen_posting(title, description, extra, client=job.client, actor=actor)


def do_edit_task(task: TaskJob, data: Mapping[str, Any], *, actor: User) -> list[str]:
    """Apply the client's changes to a task (title, instructions, deadline); returns the names
    of the fields that changed (none: nothing written)."""
    job = Job.objects.select_related("client").get(pk=task.job_id)
    locked_task = TaskJob.objects.get(pk=task.pk)
    changed = _check(job, data, actor=actor, editable=locked_task.closed_at is None)
    if "description" in changed:
        refuse_personal_data(
            question=locked_task.question,
            choices=list(locked_task.choices or []),
            instructions=data["description"],
        )
    extra = answer_form_text(locked_task.question, list(locked_task.choices or []))
    screened = _screen(job, data, changed, extra, actor=actor)
    return _save(job, data, screened=screened, actor=actor, still_editable=_task_open)


def do_edit_competition(
    competition: Competition, data: Mapping[str, Any], *, actor: User
) -> list[str]:
    """Apply the client's changes to a competition (title, brief, deadline) while it is not
    decided; returns the names of the fields that changed."""
    job = Job.objects.select_related("client").get(pk=competition.job_id)
    current = Competition.objects.get(pk=competition.pk)
    changed = _check(job, data, actor=actor, editable=_competition_undecided(current))
    screened = _screen(job, data, changed, "", actor=actor)
    return _save(
        job,
        data,
        screened=screened,
        actor=actor,
        still_editable=lambda j: _competition_undecided(Competition.objects.get(pk=j.pk)),
    )


def _task_open(job: Job) -> bool:
    return TaskJob.objects.filter(pk=job.pk, closed_at__isnull=True).exists()


def _competition_undecided(competition: Competition) -> bool:
    return competition.stage in (CompetitionStage.UNFUNDED, CompetitionStage.OPEN)


@transaction.atomic(durable=True)
def _save(
    job: Job,
    data: Mapping[str, Any],
    *,
    screened: Screening | None,
    actor: User,
    still_editable,
) -> list[str]:
    # Locked, so an edit never races a close, a funding or the sweep: the checks run again.
    locked = Job.objects.select_for_update().select_related("client").get(pk=job.pk)
    changed = _check(locked, data, actor=actor, editable=still_editable(locked))
    if not changed:
        return []
    previous = {name: str(getattr(locked, name)) for name in changed}
    for name in changed:
        setattr(locked, name, data[name])
    update_fields = [*changed, "updated_at"]
    verdict = screened.verdict if screened is not None else "allow"
    was_public = locked.moderation == JobModeration.PUBLIC
    if screened is not None:
        locked.assessment = screened.stored
        update_fields.append("assessment")
        # A prohibited edit goes (back) under review; so does any edit of a held or rejected one.
        if verdict == "hold" or not was_public:
            locked.moderation = JobModeration.HELD
            update_fields.append("moderation")
    locked.updated_at = timezone.now()
    locked.save(update_fields=update_fields)
    record(locked, "edited", actor=actor, fields=changed, verdict=verdict, previous=previous)
    if screened is not None:
        # A clean edit of a posting under review still goes to the reviewer, who decides on the
        # new text with the held version beside it.
        resubmitted = locked.moderation == JobModeration.HELD and verdict not in ("warn", "hold")
        apply_verdict(
            screened,
            content=locked,
            author=locked.client,
            actor=actor,
            new=False,
            open_case=True if resubmitted else None,
            reason_code="trust_resubmitted" if resubmitted else "",
        )
    for name in changed:
        setattr(job, name, data[name])
    job.moderation, job.updated_at = locked.moderation, locked.updated_at
    return changed
