"""Competitions: post, fund the prize, enter, shortlist and comment, pick a winner; when the
client picks nobody, the secretariat refunds or awards.

Money: the prize goes into escrow before the competition is public
(`competition:<id>:deposit`); the winner is paid it less the platform fee
(`competition:<id>:release`) or, by the secretariat's decision, it returns to the client
(`competition:<id>:refund`). Either way escrow ends empty.

The award records the transfer of rights: the winning entry's rights pass to the client when
the prize is paid (the guidelines say so; the JobEvent `rights_transferred` is the record).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.enforcement.selectors import can_use, is_visible, restricted_message
from yorozu.files.actions import (
    NOTHING,
    Prepared,
    files_guard,
    prepare_attachments,
    store_attachments,
)
from yorozu.files.models import VISIBLE_STATUSES
from yorozu.files.selectors import attachments_of
from yorozu.formats.actions.common import (
    FormatRefused,
    create_job,
    deposit,
    key,
    record,
    refund,
    refuse_unfit_client_note,
    release,
    require_owner,
    require_poster,
    require_publishable,
    screen_posting,
)
from yorozu.formats.models import Competition, CompetitionEntry, CompetitionStage, EntryStatus
from yorozu.formats.rules import refuse_off_platform_links
from yorozu.jobs.models import Job, JobFormat, JobModeration, JobStatus
from yorozu.moderation.actions import do_open_case, do_record_case_decision
from yorozu.moderation.models import CaseDecision, CaseQueue
from yorozu.moderation.selectors import live_case
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import (
    PRE_CONTRACT,
    Context,
    Screening,
    apply_verdict,
    check_slowdown,
    refuse_if_blocked,
    screen,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from yorozu.accounts.models import User


def selection_ends(job: Job) -> datetime.datetime:
    """The last moment the client may pick a winner: the selection period after the deadline."""
    end_of_deadline = timezone.make_aware(
        datetime.datetime.combine(job.deadline, datetime.time.max)
    )
    return end_of_deadline + settings.COMPETITION_SELECTION_PERIOD


def do_post_competition(*, client: User, data: Mapping[str, Any], actor: User) -> Job:
    """Post a competition (brief and prize) from validated form data; it waits for escrow."""
    require_poster(client, actor)
    screened = screen_posting(data["title"], data["description"], "", client=client, actor=actor)
    return _create_competition(client=client, data=data, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _create_competition(*, client: User, data: Mapping[str, Any], screened, actor: User) -> Job:
    job = create_job(
        client=client,
        data=data,
        job_format=JobFormat.COMPETITION,
        budget=data["prize"],
        hires=1,
        screened=screened,
        actor=actor,
    )
    Competition.objects.create(
        job=job, prize=data["prize"], entries_per_worker=data.get("entries_per_worker") or 1
    )
    return job


@transaction.atomic(durable=True)
def do_fund_competition(competition: Competition, *, actor: User) -> Competition:
    """Pay the prize into escrow; the competition opens for entries."""
    job = Job.objects.select_for_update().get(pk=competition.job_id)
    require_owner(job, actor)
    locked = Competition.objects.get(pk=competition.pk)
    if locked.stage != CompetitionStage.UNFUNDED:
        raise FormatRefused(_("This competition is already funded."))
    require_publishable(job)
    deposit(job, locked.prize, movement=key("competition", job.pk, "deposit"))
    now = timezone.now()
    locked.stage, locked.funded_at = CompetitionStage.OPEN, now
    locked.save(update_fields=["stage", "funded_at"])
    job.status, job.updated_at = JobStatus.OPEN, now
    job.save(update_fields=["status", "updated_at"])
    record(job, "funded", actor=actor, amount=locked.prize)
    return locked


# ---- entries ---------------------------------------------------------------------------------


def do_submit_entry(
    competition: Competition,
    *,
    worker: User,
    body: str,
    actor: User,
    files: Sequence[UploadedFile] = (),
) -> CompetitionEntry:
    """Send an entry: text, files (through the files app), or both. Screened like a task
    answer: a link off yorozu (in the text, or in what a file shows) or a flagged text or file
    is refused with the draft kept. A worker sends up to the competition's
    `entries_per_worker` entries."""
    if actor is None or actor.pk != worker.pk:
        raise PermissionDenied("an entry is sent by its worker")
    admit(worker, "proposal")
    if not can_use(worker, "message"):
        raise PermissionDenied(restricted_message("message"))
    check_slowdown(worker)
    body = (body or "").strip()
    files = [f for f in files if f is not None]
    if not body and not files:
        raise FormatRefused(_("Please write your entry or attach its files."))
    refuse_off_platform_links(body)
    job = competition.job
    context = Context(
        stage=PRE_CONTRACT, sender_role="worker", job_title=job.title, job_text=job.description
    )
    screened = None
    if body:
        screened = screen("entry", body, author=worker, context=context)
        refuse_if_blocked(screened, author=worker, actor=actor)
    prepared = NOTHING
    if files:
        # Checked before the files are read: a worker who cannot enter wastes no screening.
        _require_may_enter(Competition.objects.select_related("job").get(pk=competition.pk), worker)
        prepared = prepare_attachments(files, author=worker, context=context)
        for item in prepared.files:
            text = "\n".join(str(part.get("text", "")) for part in item.parts)
            refuse_off_platform_links(text, file_name=item.inspected.name)
    with files_guard(prepared):
        return _store_entry(
            competition,
            worker=worker,
            body=body,
            screened=screened,
            prepared=prepared,
            actor=actor,
        )


def _require_may_enter(locked: Competition, worker: User) -> None:
    job = locked.job
    if job.client_id == worker.pk:
        raise FormatRefused(_("You cannot enter your own competition."))
    if (
        not locked.is_open
        or job.status != JobStatus.OPEN
        or not job.is_public
        or job.deadline_passed
        or not is_visible("job", job.client)
    ):
        raise FormatRefused(_("This competition is not taking entries."))
    sent = CompetitionEntry.objects.filter(competition=locked, worker=worker).count()
    if sent >= locked.entries_per_worker:
        if locked.entries_per_worker == 1:
            raise FormatRefused(_("You have already entered this competition."))
        raise FormatRefused(
            _("You have already sent the entries this competition allows (%(n)s).")
            % {"n": locked.entries_per_worker}
        )


@transaction.atomic(durable=True)
def _store_entry(
    competition: Competition,
    *,
    worker: User,
    body: str,
    screened: Screening | None,
    prepared: Prepared,
    actor: User,
) -> CompetitionEntry:
    locked = Competition.objects.select_for_update().select_related("job").get(pk=competition.pk)
    job = locked.job
    _require_may_enter(locked, worker)
    entry = CompetitionEntry.objects.create(
        competition=locked,
        worker=worker,
        body=body,
        assessment=screened.stored if screened is not None else {},
    )
    Competition.objects.filter(pk=locked.pk).update(entry_count=F("entry_count") + 1)
    if screened is not None:
        apply_verdict(screened, content=entry, author=worker, actor=actor)
    entry.competition = locked
    store_attachments(prepared, owner=entry, actor=actor)
    do_notify(
        job.client,
        kind="competition_entry",
        title=_("New entries to your competition “%(title)s”"),
        url=reverse("formats:competition", args=[job.pk]),
        params={"title": job.title},
        collapse_key=f"competition:{job.pk}:entries",
    )
    return entry


@transaction.atomic(durable=True)
def do_shortlist_entry(entry: CompetitionEntry, *, actor: User) -> bool:
    """Shortlist an entry, or take it off the shortlist; returns whether it is shortlisted."""
    require_owner(entry.competition.job, actor)
    if not entry.competition.is_open:
        raise FormatRefused(_("The winner is already decided."))
    to = (
        EntryStatus.SUBMITTED
        if entry.status == EntryStatus.SHORTLISTED
        else EntryStatus.SHORTLISTED
    )
    CompetitionEntry.objects.filter(pk=entry.pk).exclude(status=EntryStatus.WON).update(status=to)
    entry.status = to
    return to == EntryStatus.SHORTLISTED


def do_comment_entry(entry: CompetitionEntry, *, comment: str, actor: User) -> CompetitionEntry:
    """The client's comment on an entry, screened as a message from the client (no contract)."""
    job = entry.competition.job
    require_owner(job, actor)
    comment = (comment or "").strip()
    if not comment:
        raise FormatRefused(_("Please write a comment."))
    refuse_unfit_client_note(
        job,
        comment,
        actor=actor,
        held=FormatRefused(
            _("This comment cannot be sent as written. Please comment only on the entry.")
        ),
    )
    return _save_comment(entry, comment=comment[:1000], actor=actor)


@transaction.atomic(durable=True)
def _save_comment(entry: CompetitionEntry, *, comment: str, actor: User) -> CompetitionEntry:
    CompetitionEntry.objects.filter(pk=entry.pk).update(comment=comment)
    entry.comment = comment
    do_notify(
        entry.worker,
        kind="competition_comment",
        title=_("The client commented on your entry to “%(title)s”"),
        body=comment,
        url=reverse("formats:competition", args=[entry.competition_id]),
        params={"title": entry.competition.job.title},
    )
    return entry


# ---- the winner ------------------------------------------------------------------------------


def _award(locked: Competition, entry: CompetitionEntry, *, actor: User | None, by: str) -> None:
    """Pay the prize to `entry`'s worker and record the transfer of rights."""
    job = locked.job
    moved = release(
        job, locked.prize, worker_id=entry.worker_id, movement=key("competition", job.pk, "release")
    )
    now = timezone.now()
    locked.stage, locked.winner, locked.awarded_at = CompetitionStage.AWARDED, entry, now
    locked.rights_transferred_at = now
    locked.save(update_fields=["stage", "winner", "awarded_at", "rights_transferred_at"])
    CompetitionEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.WON)
    record(
        job, "winner_picked", actor=actor, entry=entry.pk, worker=entry.worker_id, by=by, **moved
    )
    record(
        job,
        "rights_transferred",
        actor=actor,
        entry=entry.pk,
        from_worker=entry.worker_id,
        to_client=job.client_id,
        # The winning entry's files that passed to the client with it (they stay available to
        # the client; the other entries' files are their entrants' again).
        files=[a.pk for a in attachments_of(entry) if a.status in VISIBLE_STATUSES],
    )
    _close_job(job, now)
    do_notify(
        entry.worker,
        kind="competition_won",
        title=_("Your entry won “%(title)s”"),
        body=_(
            "The prize, ¥%(take_home)s after the platform fee, was added to your earnings. "
            "The rights to the winning entry now belong to the client."
        ),
        url=reverse("formats:competition", args=[job.pk]),
        params={"title": job.title, "take_home": f"{moved['take_home']:,}"},
    )


def _close_job(job: Job, now) -> None:
    job.status, job.closed_at, job.updated_at = JobStatus.CLOSED, now, now
    job.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic(durable=True)
def do_pick_winner(entry: CompetitionEntry, *, actor: User) -> Competition:
    """The client picks the winning entry before the selection period ends."""
    locked = (
        Competition.objects.select_for_update().select_related("job").get(pk=entry.competition_id)
    )
    require_owner(locked.job, actor)
    if locked.stage != CompetitionStage.OPEN:
        raise FormatRefused(_("The winner is already decided."))
    if timezone.now() > selection_ends(locked.job):
        raise FormatRefused(_("The time to pick a winner has ended; the secretariat is deciding."))
    if not is_visible("entry", entry.worker):
        raise FormatRefused(_("This entry's worker is restricted; please pick another entry."))
    _award(locked, entry, actor=actor, by="client")
    return locked


@transaction.atomic(durable=True)
def do_send_competition_to_secretariat(competition_id: int, *, now=None) -> bool:
    """The selection period ended with no winner: the secretariat decides (the sweep)."""
    now = now or timezone.now()
    locked = (
        Competition.objects.select_for_update()
        .select_related("job")
        .filter(pk=competition_id, stage=CompetitionStage.OPEN)
        .first()
    )
    if locked is None or now <= selection_ends(locked.job):
        return False
    locked.stage = CompetitionStage.SECRETARIAT
    locked.save(update_fields=["stage"])
    _close_job(locked.job, now)
    record(locked.job, "to_secretariat", actor=None, entries=locked.entry_count)
    do_open_case(
        queue=CaseQueue.DISPUTES,
        content_object=locked,
        subject_user=locked.job.client,
        reason_code="competition_no_winner",
        priority=20,
    )
    do_notify(
        locked.job.client,
        kind="competition_secretariat",
        title=_("No winner was picked for “%(title)s”"),
        body=_(
            "The time to pick a winner has ended. The secretariat will refund the prize or "
            "award it to an entry, following the guidelines."
        ),
        url=reverse("formats:competition", args=[locked.job_id]),
        params={"title": locked.job.title},
    )
    return True


@transaction.atomic(durable=True)
def do_refund_taken_down_competition(competition_id: int) -> bool:
    """A competition the secretariat took down (its posting rejected; one merely under review
    waits for the decision) while taking entries: the prize returns to the client (the sweep;
    no actor)."""
    locked = (
        Competition.objects.select_for_update()
        .select_related("job")
        .filter(
            pk=competition_id,
            stage=CompetitionStage.OPEN,
            job__moderation=JobModeration.REJECTED,
        )
        .first()
    )
    if locked is None:
        return False
    job = locked.job
    refund(job, locked.prize, movement=key("competition", job.pk, "refund"))
    locked.stage = CompetitionStage.REFUNDED
    locked.decision_reason = "taken down"
    locked.save(update_fields=["stage", "decision_reason"])
    _close_job(job, timezone.now())
    record(job, "prize_refunded", actor=None, amount=locked.prize, taken_down=True)
    return True


@transaction.atomic(durable=True)
def do_decide_competition(
    competition: Competition,
    *,
    outcome: str,
    reason: str,
    actor: User,
    entry: CompetitionEntry | None = None,
) -> Competition:
    """The secretariat refunds the prize (`outcome="refund"`) or awards it to an entry
    (`"award"`), with reasons both sides read; the console case is decided with it."""
    require_staff_permission(actor, REVIEW, about=[competition.job.client_id])
    reason = (reason or "").strip()
    if not reason:
        raise FormatRefused(_("Please write the reasons for the decision."))
    locked = Competition.objects.select_for_update().select_related("job").get(pk=competition.pk)
    if locked.stage != CompetitionStage.SECRETARIAT:
        raise FormatRefused(_("This competition is not waiting for the secretariat."))
    job = locked.job
    if outcome == "award":
        if entry is None or entry.competition_id != locked.pk:
            raise FormatRefused(_("Choose the entry that wins."))
        _award(locked, entry, actor=actor, by="secretariat")
    elif outcome == "refund":
        refund(job, locked.prize, movement=key("competition", job.pk, "refund"))
        locked.stage = CompetitionStage.REFUNDED
        locked.save(update_fields=["stage"])
        record(job, "prize_refunded", actor=actor, amount=locked.prize)
    else:
        raise FormatRefused(_("Choose to refund the prize or award it."))
    locked.decision_reason = reason[:2000]
    locked.save(update_fields=["decision_reason"])
    case = live_case(CaseQueue.DISPUTES, locked)
    if case is not None:
        do_record_case_decision(
            case, decision=CaseDecision.APPROVE, reason=f"{outcome}: {reason}"[:2000], actor=actor
        )
    do_notify(
        job.client,
        kind="competition_decided",
        title=_("The secretariat decided on “%(title)s”"),
        body=_("Reason: %(reason)s"),
        url=reverse("formats:competition", args=[job.pk]),
        params={"title": job.title, "reason": reason},
    )
    return locked
