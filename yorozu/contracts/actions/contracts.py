"""The contract's main line: the offer and its milestones, acceptance, escrow, delivery, changes,
approval (by the client or, when the acceptance period ends, automatically) and cancelling
before any escrow is held.

Each action is one transaction (see `steps`): locked, checked against the table, written with
its event and ledger rows, and the other party told — or refused with nothing written.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import ClientKind, User
from yorozu.contracts import ledger
from yorozu.contracts.actions import steps
from yorozu.contracts.attachments import milestone_context
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import (
    Contract,
    ContractEvent,
    ContractStatus,
    Milestone,
    MilestoneStatus,
)
from yorozu.contracts.money import withholding_tax
from yorozu.contracts.notices import notify
from yorozu.contracts.payments import get_gateway
from yorozu.contracts.transitions import CLIENT, SYSTEM
from yorozu.files.actions import (
    NOTHING,
    Prepared,
    files_guard,
    prepare_attachments,
    store_attachments,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

MAX_MILESTONES = 10
MIN_MILESTONE_AMOUNT = 1000
MAX_CONTRACT_AMOUNT = 100_000_000


@dataclass(frozen=True)
class MilestoneTerms:
    """One milestone as the client writes it into the offer."""

    title: str
    amount: int
    due_date: datetime.date | None = None


def client_may_withhold(client: User) -> bool:
    """Only a client registered as a business (法人) withholds income tax on yorozu."""
    profile = getattr(client, "client_profile", None)
    return profile is not None and profile.kind == ClientKind.COMPANY


@transaction.atomic(durable=True)
def do_edit_offer(
    contract: Contract,
    *,
    milestones: list[MilestoneTerms],
    withholding: bool,
    actor: User,
) -> Contract:
    """The client sets the offer's milestones and withholding before the worker accepts it.

    The milestones replace the offer's; the contract amount becomes their sum and the terms
    version goes up, so a worker who accepts an older page is asked to look again.
    """
    locked = steps.lock(contract)
    if steps.party_of(locked, actor) != CLIENT:
        raise ContractError(_("Only the client can change the offer."))
    if locked.status != ContractStatus.OFFERED:
        raise ContractError(_("The offer can only be changed before the worker accepts it."))
    if not 1 <= len(milestones) <= MAX_MILESTONES:
        raise ContractError(
            _("A contract has between 1 and %(n)s milestones.") % {"n": MAX_MILESTONES}
        )
    today = timezone.localdate()
    for terms in milestones:
        if not terms.title.strip():
            raise ContractError(_("Please give each milestone a title."))
        if terms.amount < MIN_MILESTONE_AMOUNT:
            raise ContractError(_("Each milestone must be at least ¥1,000."))
        if terms.due_date is not None and terms.due_date < today:
            raise ContractError(_("A milestone's due date cannot be in the past."))
    total = sum(t.amount for t in milestones)
    if total > MAX_CONTRACT_AMOUNT:
        raise ContractError(_("The contract amount must be ¥100,000,000 or less."))
    if withholding and not client_may_withhold(locked.client):
        raise ContractError(
            _("Only a client registered as a company can withhold income tax (源泉徴収).")
        )
    Milestone.objects.filter(contract=locked).delete()
    Milestone.objects.bulk_create(
        [
            Milestone(
                contract=locked,
                position=n,
                title=terms.title.strip()[:100],
                amount=terms.amount,
                due_date=terms.due_date,
            )
            for n, terms in enumerate(milestones, start=1)
        ]
    )
    locked.amount = total
    locked.withholding = withholding
    locked.terms_version += 1
    locked.save(update_fields=["amount", "withholding", "terms_version"])
    ContractEvent.objects.create(
        contract=locked,
        actor=actor,
        action="edit_offer",
        from_status=locked.status,
        to_status=locked.status,
        data={
            "amount": total,
            "milestones": len(milestones),
            "withholding": withholding,
            "terms_version": locked.terms_version,
        },
    )
    notify(
        locked.worker,
        kind="contract_offer_changed",
        title=_("The offer for “%(title)s” was changed"),
        body=_(
            "The client changed the milestones or payment terms (now ¥%(amount)s in %(n)s "
            "milestones). Please review them before accepting."
        ),
        url=steps.url(locked),
        params={"title": locked.title, "amount": steps.yen(total), "n": len(milestones)},
    )
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_accept_contract(
    contract: Contract, *, actor: User, note: str = "", terms_version: int | None = None
) -> Contract:
    """The worker accepts the offer — the version of the terms they saw, if the page said which."""
    step = steps.begin(contract, "accept", actor=actor)
    if terms_version is not None and terms_version != step.contract.terms_version:
        raise ContractError(
            _("The client changed the offer while you were reading it. Please review it again.")
        )
    steps.record(step, actor=actor, to_status=ContractStatus.ACCEPTED, note=note)
    locked = step.contract
    notify(
        locked.client,
        kind="contract_accepted",
        title=_("%(worker)s accepted the contract “%(title)s”"),
        body=_("Please fund the escrow (仮払い) so that work can start."),
        url=steps.url(locked),
        params={"worker": locked.worker.display_name, "title": locked.title},
    )
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_fund_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The client pays the current milestone into escrow (仮払い); work on it can begin.

    With withholding, the client pays the amount less the tax they will withhold, and pays the
    tax to the tax office themselves.
    """
    step = steps.begin(contract, "fund", actor=actor)
    locked = step.contract
    milestone = steps.require_milestone(step, MilestoneStatus.PENDING)
    withheld = withholding_tax(milestone.amount) if locked.withholding else 0
    cash = milestone.amount - withheld
    key = ledger.movement_key(milestone, "deposit")
    reference = get_gateway().deposit(idempotency_key=key, contract_id=locked.pk, amount=cash)
    ledger.post(
        key,
        ledger.deposit_postings(client_id=locked.client_id, cash=cash),
        contract=locked,
        milestone=milestone,
        reference=reference,
    )
    milestone.status = MilestoneStatus.FUNDED
    milestone.funded_at = timezone.now()
    milestone.withholding = withheld
    milestone.save(update_fields=["status", "funded_at", "withholding"])
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.FUNDED,
        note=note,
        data={"milestone": milestone.position, "escrow": cash, "withholding": withheld},
    )
    notify(
        locked.worker,
        kind="contract_funded",
        title=_("Escrow funded for “%(title)s”"),
        body=_(
            "The client has paid ¥%(amount)s into escrow for “%(milestone)s”. You can start work."
        ),
        url=steps.url(locked),
        params={"title": locked.title, "amount": steps.yen(cash), "milestone": milestone.title},
    )
    steps.sync(contract, locked)
    return locked


def do_deliver_contract(
    contract: Contract, *, actor: User, note: str, files: Sequence[UploadedFile] = ()
) -> Contract:
    """The worker delivers the current milestone, with a note saying what and where, and the
    delivered files, if any (attached to the milestone).

    The acceptance period starts: unless the client accepts or asks for changes before it
    ends, the milestone is accepted automatically. Files are checked and screened (the files
    app, in the contract's context) before anything is written: a refused file refuses the
    delivery (`AttachmentRefused`, `FileBlocked`) and the note is kept by the form.
    """
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please write a delivery note."))
    prepared = NOTHING
    if files:
        milestone = current_milestone_of(contract)
        if milestone is None or contract.worker_id != actor.pk:
            raise ContractError(_("There is no milestone to deliver now."))
        prepared = prepare_attachments(
            files, author=actor, context=milestone_context(milestone, actor)
        )
    with files_guard(prepared):
        return _deliver(contract, actor=actor, note=note, prepared=prepared)


def current_milestone_of(contract: Contract) -> Milestone | None:
    """The milestone being worked on (the first one not closed), read without a lock."""
    return (
        Milestone.objects.select_related("contract__job")
        .filter(contract=contract, status=MilestoneStatus.FUNDED)
        .order_by("position")
        .first()
    )


@transaction.atomic(durable=True)
def _deliver(contract: Contract, *, actor: User, note: str, prepared: Prepared) -> Contract:
    step = steps.begin(contract, "deliver", actor=actor)
    locked = step.contract
    milestone = steps.require_milestone(step, MilestoneStatus.FUNDED)
    now = timezone.now()
    milestone.status = MilestoneStatus.DELIVERED
    milestone.delivered_at = now
    milestone.delivery_note = note
    milestone.acceptance_due_at = now + steps.acceptance_period()
    milestone.reminders_sent = 0
    milestone.save(
        update_fields=[
            "status",
            "delivered_at",
            "delivery_note",
            "acceptance_due_at",
            "reminders_sent",
        ]
    )
    stored = store_attachments(prepared, owner=milestone, actor=actor)
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.DELIVERED,
        note=note,
        data={
            "milestone": milestone.position,
            "acceptance_due_at": milestone.acceptance_due_at.isoformat(),
            **({"files": [a.pk for a in stored]} if stored else {}),
        },
    )
    notify(
        locked.client,
        kind="contract_delivered",
        title=_("%(worker)s delivered “%(title)s”"),
        body=_(
            "Please check the delivery and approve it or request changes by %(due)s. "
            "After that it is approved automatically and the payment is released."
        ),
        url=steps.url(locked),
        params={
            "worker": locked.worker.display_name,
            "title": milestone.title,
            "due": steps.local_datetime(milestone.acceptance_due_at),
        },
    )
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_request_changes(contract: Contract, *, actor: User, note: str) -> Contract:
    """The client asks for changes to a delivery, saying what; the work goes back to the worker
    and the acceptance period stops until the next delivery."""
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please say what should be changed."))
    step = steps.begin(contract, "request_changes", actor=actor)
    locked = step.contract
    milestone = steps.require_milestone(step, MilestoneStatus.DELIVERED)
    milestone.status = MilestoneStatus.FUNDED
    milestone.revisions += 1
    milestone.acceptance_due_at = None
    milestone.save(update_fields=["status", "revisions", "acceptance_due_at"])
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.FUNDED,
        note=note,
        data={"milestone": milestone.position, "revision": milestone.revisions},
    )
    notify(
        locked.worker,
        kind="contract_changes_requested",
        title=_("The client asked for changes to “%(title)s”"),
        body=_("Requested changes: %(note)s"),
        url=steps.url(locked),
        params={"title": milestone.title, "note": note},
    )
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_complete_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The client approves the delivery (検収): the milestone's escrow is released to the worker
    less the fee (and any withholding). After the last milestone the contract is complete."""
    step = steps.begin(contract, "complete", actor=actor)
    locked = _accept_milestone(step, actor=actor, note=note)
    steps.sync(contract, locked)
    return locked


@transaction.atomic(durable=True)
def do_auto_accept_milestone(milestone_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Accept a delivered milestone whose acceptance period has ended; True if this call did.

    Run by the scheduler's task (`tasks.auto_accept_milestone`); it re-reads everything and does
    nothing when the milestone has moved on (accepted, changes requested, disputed, a pending
    cancellation) or its deadline has not passed, so running it twice accepts once.
    """
    now = now or timezone.now()
    milestone = Milestone.objects.filter(pk=milestone_id).only("contract_id").first()
    if milestone is None:
        return False
    try:
        step = steps.begin(milestone.contract_id, "auto_accept", actor=None, as_party=SYSTEM)
    except ContractError:
        return False
    current = step.milestone
    if (
        current is None
        or current.pk != milestone_id
        or current.status != MilestoneStatus.DELIVERED
        or current.acceptance_due_at is None
        or current.acceptance_due_at > now
    ):
        return False
    due = current.acceptance_due_at
    current.auto_accepted = True
    current.save(update_fields=["auto_accepted"])
    note = str(
        _("The acceptance period ended on %(due)s without an answer from the client.")
        % {"due": steps.local_datetime(due)}
    )
    _accept_milestone(step, actor=None, note=note)
    return True


def _accept_milestone(step: steps.Step, *, actor: User | None, note: str) -> Contract:
    """Release the current milestone in full; move on to the next one or complete."""
    locked = step.contract
    milestone = steps.require_milestone(step, MilestoneStatus.DELIVERED)
    moved = steps.settle(locked, milestone, release=milestone.amount, refund=0)
    more = steps.has_next(locked)
    steps.record(
        step,
        actor=actor,
        to_status=ContractStatus.ACCEPTED if more else ContractStatus.COMPLETED,
        note=note,
        data={"milestone": milestone.position, **moved},
    )
    automatic = step.name == "auto_accept"
    params = {
        "title": locked.title,
        "milestone": milestone.title,
        "amount": steps.yen(moved["take_home"]),
    }
    notify(
        locked.worker,
        kind="milestone_released",
        title=(
            _("“%(milestone)s” was accepted automatically")
            if automatic
            else _("“%(milestone)s” was approved")
        ),
        body=_("¥%(amount)s was added to your earnings."),
        url=steps.url(locked),
        params=params,
    )
    if automatic:
        notify(
            locked.client,
            kind="milestone_released",
            title=_("“%(milestone)s” was accepted automatically"),
            body=_(
                "The acceptance period ended, so the delivery was approved and the payment "
                "released to the worker."
            ),
            url=steps.url(locked),
            params=params,
        )
    if more:
        notify(
            locked.client,
            kind="milestone_next",
            title=_("Next milestone of “%(title)s”"),
            body=_("Please fund the escrow for the next milestone so that work can continue."),
            url=steps.url(locked),
            params=params,
        )
    else:
        notify(
            locked.worker,
            kind="contract_completed",
            title=_("“%(title)s” is complete"),
            body=_("Every milestone was accepted and the payment has been released."),
            url=steps.url(locked),
            params=params,
        )
        steps.count_completion(locked)
    return locked


@transaction.atomic(durable=True)
def do_cancel_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """Either party calls off a contract while no escrow is held (before the first funding, or
    between milestones); milestones already paid stay paid, the rest are cancelled."""
    step = steps.begin(contract, "cancel", actor=actor)
    locked = step.contract
    steps.close_remaining(locked)
    steps.record(step, actor=actor, to_status=ContractStatus.CANCELLED, note=note)
    notify(
        steps.other_party(locked, actor),
        kind="contract_cancelled",
        title=_("The contract “%(title)s” was cancelled"),
        body=_("Reason: %(note)s") if note else "",
        url=steps.url(locked),
        params={"title": locked.title, "note": note},
    )
    steps.sync(contract, locked)
    return locked
