"""Closing a funded contract other than by completing it: cancellation by consent, disputes,
and the secretariat's decision.

- One party proposes to cancel with a refund (all or part of the current milestone); the other
  agrees (the escrow is split as proposed and the contract ends) or declines; a decline, or a
  week of silence, sends the contract to the secretariat.
- Either party may report a problem instead; the contract waits for the secretariat.
- A reviewer releases, refunds or splits the milestone's escrow, with reasons; both are told.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import User
from yorozu.contracts.actions import steps
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import (
    CancellationRequest,
    CancellationStatus,
    Contract,
    ContractStatus,
    Dispute,
    DisputeReason,
    DisputeStatement,
    DisputeStatus,
    MilestoneStatus,
)
from yorozu.contracts.notices import notify
from yorozu.contracts.transitions import CLIENT, STAFF, SYSTEM, WORKER
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.moderation.actions import do_open_case, do_record_case_decision
from yorozu.moderation.models import CaseDecision, CaseQueue
from yorozu.moderation.selectors import live_case

HELD = (MilestoneStatus.FUNDED, MilestoneStatus.DELIVERED)

# A dispute holds someone's money: it goes ahead of held messages in the console.
DISPUTE_PRIORITY = 60


# ---- cancellation by consent -----------------------------------------------------------------


@transaction.atomic(durable=True)
def do_propose_cancellation(
    contract: Contract, *, actor: User, refund: int, note: str
) -> CancellationRequest:
    """Propose to cancel, returning `refund` yen of the current milestone to the client (the
    rest goes to the worker). The other party has `CANCELLATION_ANSWER_PERIOD` to answer."""
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please give a reason for cancelling."))
    step = steps.begin(contract, "propose_cancellation", actor=actor)
    locked = step.contract
    milestone = steps.require_milestone(step, *HELD)
    if not 0 <= refund <= milestone.amount:
        raise ContractError(
            _("The refund must be between ¥0 and the milestone's ¥%(amount)s.")
            % {"amount": steps.yen(milestone.amount)}
        )
    now = timezone.now()
    request = CancellationRequest.objects.create(
        contract=locked,
        milestone=milestone,
        proposed_by=actor,
        refund=refund,
        reason=note[:500],
        created_at=now,
        answer_due_at=now + settings.CANCELLATION_ANSWER_PERIOD,
    )
    steps.record(
        step,
        actor=actor,
        note=note,
        data={"refund": refund, "release": milestone.amount - refund, "request": request.pk},
    )
    notify(
        steps.other_party(locked, actor),
        kind="cancellation_proposed",
        title=_("%(who)s proposes to cancel “%(title)s”"),
        body=_(
            "Proposed refund to the client: ¥%(refund)s of ¥%(amount)s; the rest is paid to "
            "the worker. Reason: %(note)s. Please agree or decline by %(due)s; without an "
            "answer the secretariat will decide."
        ),
        url=steps.url(locked),
        params={
            "who": actor.display_name,
            "title": locked.title,
            "refund": steps.yen(refund),
            "amount": steps.yen(milestone.amount),
            "note": note,
            "due": steps.local_datetime(request.answer_due_at),
        },
    )
    return request


@transaction.atomic(durable=True)
def do_accept_cancellation(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The other party agrees: the escrow is split as proposed and the contract is cancelled."""
    step = steps.begin(contract, "accept_cancellation", actor=actor)
    locked = step.contract
    request = step.cancellation
    assert request is not None  # permits() checked it
    milestone = steps.require_milestone(step, *HELD)
    moved = steps.settle(
        locked, milestone, release=milestone.amount - request.refund, refund=request.refund
    )
    _answer(request, CancellationStatus.ACCEPTED, actor=actor, note=note)
    steps.close_remaining(locked)
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.CANCELLED,
        note=note,
        data={"request": request.pk, **moved},
    )
    notify(
        request.proposed_by,
        kind="cancellation_accepted",
        title=_("The cancellation of “%(title)s” was agreed"),
        body=_("¥%(refund)s was refunded to the client and ¥%(release)s paid to the worker."),
        url=steps.url(locked),
        params={
            "title": locked.title,
            "refund": steps.yen(moved["refund"]),
            "release": steps.yen(moved["release"]),
        },
    )
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_decline_cancellation(contract: Contract, *, actor: User, note: str) -> Dispute:
    """The other party declines, saying why: the secretariat decides the escrow."""
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please say why you decline."))
    step = steps.begin(contract, "decline_cancellation", actor=actor)
    request = step.cancellation
    assert request is not None
    _answer(request, CancellationStatus.DECLINED, actor=actor, note=note)
    dispute = _open_dispute(
        step,
        reason=DisputeReason.CANCEL_DECLINED,
        opened_by=actor,
        cancellation=request,
        statements=[(request.proposed_by, request.reason), (actor, note)],
    )
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.DISPUTED,
        note=note,
        data={"request": request.pk, "dispute": dispute.pk},
    )
    notify(
        request.proposed_by,
        kind="cancellation_declined",
        title=_("Your proposal to cancel “%(title)s” was declined"),
        body=_("The secretariat will review the contract and decide the escrow. Reason: %(note)s"),
        url=steps.url(step.contract),
        params={"title": step.contract.title, "note": note},
    )
    steps.tell_secretariat(step.contract)
    steps.sync(contract, step.contract)
    return dispute


@transaction.atomic(durable=True)
def do_withdraw_cancellation(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The proposer takes the cancellation proposal back; the work goes on."""
    step = steps.begin(contract, "withdraw_cancellation", actor=actor)
    request = step.cancellation
    assert request is not None
    _answer(request, CancellationStatus.WITHDRAWN, actor=actor, note=note)
    steps.record(step, actor=actor, note=note, data={"request": request.pk})
    notify(
        steps.other_party(step.contract, actor),
        kind="cancellation_withdrawn",
        title=_("The proposal to cancel “%(title)s” was withdrawn"),
        url=steps.url(step.contract),
        params={"title": step.contract.title},
    )
    return step.contract


@transaction.atomic(durable=True)
def do_escalate_cancellation(request_id: int, *, now: datetime.datetime | None = None) -> bool:
    """A cancellation proposal unanswered past its deadline goes to the secretariat.

    Run by the scheduler's task; True if this call escalated it (idempotent).
    """
    now = now or timezone.now()
    request = CancellationRequest.objects.filter(pk=request_id).only("contract_id").first()
    if request is None:
        return False
    try:
        step = steps.begin(
            request.contract_id, "escalate_cancellation", actor=None, as_party=SYSTEM
        )
    except ContractError:
        return False
    open_request = step.cancellation
    if open_request is None or open_request.pk != request_id or open_request.answer_due_at > now:
        return False
    _answer(open_request, CancellationStatus.ESCALATED, actor=None)
    note = str(
        _("No answer to the cancellation proposal by %(due)s.")
        % {"due": steps.local_datetime(open_request.answer_due_at)}
    )
    dispute = _open_dispute(
        step,
        reason=DisputeReason.CANCEL_UNANSWERED,
        opened_by=None,
        cancellation=open_request,
        statements=[(open_request.proposed_by, open_request.reason)],
    )
    steps.record(
        step,
        actor=None,
        to_status=ContractStatus.DISPUTED,
        note=note,
        data={"request": open_request.pk, "dispute": dispute.pk},
    )
    locked = step.contract
    for user in (locked.client, locked.worker):
        notify(
            user,
            kind="cancellation_escalated",
            title=_("“%(title)s” was sent to the secretariat"),
            body=_(
                "The proposal to cancel was not answered in time, so the secretariat will "
                "decide the escrow. You can add your statement on the contract page."
            ),
            url=steps.url(locked),
            params={"title": locked.title},
        )
    steps.tell_secretariat(locked)
    return True


def escalate_for_restriction(contract: Contract, *, restricted: User) -> Dispute | None:
    """A party of a running contract (escrow held) was suspended or lost messaging: the contract
    goes to the secretariat, who decides the escrow with the other party.

    Runs inside the restricting transaction (an `enforcement.effects` listener), so it is not
    durable; None if the contract was no longer running once locked.
    """
    with transaction.atomic():
        try:
            step = steps.begin(contract, "escalate_restricted", actor=None, as_party=SYSTEM)
        except ContractError:
            return None
        request = step.cancellation
        if request is not None:
            _answer(request, CancellationStatus.ESCALATED, actor=None)
        dispute = _open_dispute(
            step,
            reason=DisputeReason.RESTRICTED,
            opened_by=None,
            cancellation=request,
            statements=[],
            subject=restricted,
        )
        steps.record(
            step,
            actor=None,
            to_status=ContractStatus.DISPUTED,
            data={"dispute": dispute.pk, "restricted": restricted.pk},
        )
        steps.tell_secretariat(step.contract)
        return dispute


@transaction.atomic(durable=True)
def do_remind_cancellation(request_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Remind the silent party (連絡催促) that a cancellation proposal waits for their answer."""
    now = now or timezone.now()
    updated = CancellationRequest.objects.filter(
        pk=request_id,
        status=CancellationStatus.OPEN,
        reminded_at__isnull=True,
        answer_due_at__lte=now + settings.CANCELLATION_REMINDER,
    ).update(reminded_at=now)
    if not updated:
        return False
    request = CancellationRequest.objects.select_related(
        "contract", "contract__client", "contract__worker", "proposed_by"
    ).get(pk=request_id)
    contract = request.contract
    notify(
        steps.other_party(contract, request.proposed_by),
        kind="cancellation_reminder",
        title=_("Reminder: please answer the proposal to cancel “%(title)s”"),
        body=_("Without an answer by %(due)s the secretariat will decide the escrow."),
        url=steps.url(contract),
        params={"title": contract.title, "due": steps.local_datetime(request.answer_due_at)},
    )
    return True


def _answer(
    request: CancellationRequest, status: str, *, actor: User | None, note: str = ""
) -> None:
    request.status = status
    request.answered_at = timezone.now()
    request.answered_by = actor
    request.answer_note = note[:500]
    request.save(update_fields=["status", "answered_at", "answered_by", "answer_note"])


# ---- disputes ---------------------------------------------------------------------------------


def _open_dispute(
    step, *, reason: str, opened_by, cancellation, statements, subject=None
) -> Dispute:
    locked = step.contract
    milestone = steps.require_milestone(step, *HELD)
    dispute = Dispute.objects.create(
        contract=locked,
        milestone=milestone,
        reason=reason,
        opened_by=opened_by,
        cancellation=cancellation,
    )
    DisputeStatement.objects.bulk_create(
        [
            DisputeStatement(
                dispute=dispute,
                author=author,
                side=CLIENT if author.pk == locked.client_id else WORKER,
                text=text[:2000],
            )
            for author, text in statements
            if text
        ]
    )
    # The dispute waits in the console's disputes queue (decided on its own page, with amounts).
    do_open_case(
        queue=CaseQueue.DISPUTES,
        content_object=dispute,
        subject_user=subject or opened_by or locked.client,
        reason_code=f"dispute_{reason}",
        assessment={"milestone": milestone.pk, "amount": milestone.amount},
        priority=DISPUTE_PRIORITY,
        actor=opened_by,
    )
    return dispute


@transaction.atomic(durable=True)
def do_dispute_contract(contract: Contract, *, actor: User, note: str) -> Contract:
    """Either party stops the contract and asks the secretariat to decide; escrow stays held.

    A dispute opens a case in the secretariat's disputes queue with this statement; the other
    party can add theirs. A pending cancellation proposal goes with it.
    """
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please describe the problem."))
    step = steps.begin(contract, "dispute", actor=actor)
    request = step.cancellation
    if request is not None:
        _answer(request, CancellationStatus.ESCALATED, actor=actor, note=note)
    dispute = _open_dispute(
        step,
        reason=DisputeReason.REPORTED,
        opened_by=actor,
        cancellation=request,
        statements=[(actor, note)],
    )
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.DISPUTED,
        note=note,
        data={"dispute": dispute.pk},
    )
    locked = step.contract
    notify(
        steps.other_party(locked, actor),
        kind="contract_disputed",
        title=_("A problem was reported on “%(title)s”"),
        body=_(
            "The secretariat will review the contract and decide the escrow. You can add "
            "your statement on the contract page. Reason given: %(note)s"
        ),
        url=steps.url(locked),
        params={"title": locked.title, "note": note},
    )
    steps.tell_secretariat(locked)
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_add_dispute_statement(contract: Contract, *, actor: User, note: str) -> DisputeStatement:
    """A party adds their side of the story for the secretariat (append-only)."""
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please write your statement."))
    step = steps.begin(contract, "add_statement", actor=actor)
    dispute = Dispute.objects.filter(contract=step.contract, status=DisputeStatus.OPEN).first()
    if dispute is None:
        raise ContractError(_("There is no open dispute on this contract."))
    statement = DisputeStatement.objects.create(
        dispute=dispute, author=actor, side=step.party, text=note[:2000]
    )
    steps.record(step, actor=actor, note=note, data={"dispute": dispute.pk})
    return statement


@transaction.atomic(durable=True)
def do_resolve_dispute(
    dispute: Dispute, *, release: int, refund: int, note: str, actor: User
) -> Dispute:
    """A reviewer decides a dispute: `release` of the milestone's amount to the worker and
    `refund` to the client (they add up to the amount: all, nothing or a split), with reasons.

    The contract ends: complete when the last milestone was released in full, otherwise settled
    by the secretariat (any later milestones are cancelled). Both parties are told the amounts
    and the reasons; the decision is a ContractEvent by the reviewer.
    """
    # Nobody decides a dispute about a contract they are party to.
    require_staff_permission(
        actor, REVIEW, about=[dispute.contract.client_id, dispute.contract.worker_id]
    )
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please write the reasons for the decision."))
    step = steps.begin(dispute.contract_id, "resolve", actor=actor, as_party=STAFF)
    locked = step.contract
    live = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if live.status != DisputeStatus.OPEN:
        raise ContractError(_("This dispute has already been decided."))
    milestone = steps.require_milestone(step, *HELD)
    if milestone.pk != live.milestone_id:
        raise ContractError(_("This dispute is about another milestone."))
    moved = steps.settle(locked, milestone, release=release, refund=refund)
    live.status = DisputeStatus.RESOLVED
    live.resolved_at = timezone.now()
    live.resolved_by = actor
    live.release = release
    live.refund = refund
    live.resolution_note = note[:2000]
    case = live_case(CaseQueue.DISPUTES, live)
    if case is not None:
        # Recorded as approved: a dispute's decision is a split, not a violation by anyone.
        do_record_case_decision(
            case,
            decision=CaseDecision.APPROVE,
            reason=f"¥{release:,} → worker, ¥{refund:,} → client. {note}"[:2000],
            actor=actor,
        )
    live.save(
        update_fields=[
            "status",
            "resolved_at",
            "resolved_by",
            "release",
            "refund",
            "resolution_note",
        ]
    )
    completed = refund == 0 and not steps.has_next(locked)
    steps.close_remaining(locked)
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.COMPLETED if completed else ContractStatus.RESOLVED,
        note=note,
        data={"dispute": live.pk, **moved},
    )
    if completed:
        steps.count_completion(locked)
    for user in (locked.client, locked.worker):
        notify(
            user,
            kind="dispute_resolved",
            title=_("The secretariat decided the dispute on “%(title)s”"),
            body=_(
                "¥%(release)s is paid to the worker and ¥%(refund)s refunded to the client. "
                "Reasons: %(note)s"
            ),
            url=steps.url(locked),
            params={
                "title": locked.title,
                "release": steps.yen(release),
                "refund": steps.yen(refund),
                "note": note,
            },
        )
    dispute.status = live.status
    return live
