"""What every contract step shares: lock, check against the table, write the event, settle money.

Each action locks the contract row, asks `transitions.permits` whether this party may take this
step from the state the row is in *now*, and then writes the new state with its timestamp, a
`ContractEvent` and any ledger movements — or raises `ContractError` having written nothing.
A double submit finds the contract already moved on and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import ClientProfile, User, WorkerProfile
from yorozu.certification.tasks import evaluate_client, evaluate_worker
from yorozu.contracts import ledger
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import (
    CancellationRequest,
    CancellationStatus,
    Contract,
    ContractEvent,
    ContractStatus,
    Milestone,
    MilestoneStatus,
)
from yorozu.contracts.money import withholding_tax
from yorozu.contracts.notices import notify
from yorozu.contracts.payments import get_gateway, platform_fee
from yorozu.contracts.transitions import STAFF, SYSTEM, TRANSITIONS, party_of, permits
from yorozu.core.side_effects import on_commit
from yorozu.core.staff import REVIEW, staff_with_permission
from yorozu.workers.actions import do_record_completed_contract


@dataclass
class Step:
    """A locked contract, the step being taken on it, and what the step needs to know."""

    contract: Contract
    name: str
    party: str
    from_status: str
    milestone: Milestone | None
    cancellation: CancellationRequest | None


def lock(contract: Contract | int) -> Contract:
    pk = contract if isinstance(contract, int) else contract.pk
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("client", "worker", "client__client_profile")
        .get(pk=pk)
    )


def open_cancellation(contract: Contract) -> CancellationRequest | None:
    return (
        CancellationRequest.objects.select_for_update()
        .filter(contract=contract, status=CancellationStatus.OPEN)
        .first()
    )


def current_milestone(contract: Contract) -> Milestone | None:
    """The first milestone not yet closed: the one the contract's status is about."""
    return (
        Milestone.objects.select_for_update()
        .filter(contract=contract)
        .exclude(
            status__in=[
                MilestoneStatus.RELEASED,
                MilestoneStatus.REFUNDED,
                MilestoneStatus.SETTLED,
                MilestoneStatus.CANCELLED,
            ]
        )
        .order_by("position")
        .first()
    )


def begin(contract: Contract | int, name: str, *, actor: User | None, as_party: str = "") -> Step:
    """Lock the contract and check that `actor` (or the scheduler / the secretariat, named by
    `as_party`) may take step `name` now; raise ContractError otherwise."""
    locked = lock(contract)
    party = as_party or party_of(locked, actor)
    if party is None:
        raise ContractError(_("Only the two parties to this contract can do this."))
    cancellation = open_cancellation(locked)
    transition = TRANSITIONS[name]
    allowed = transition.allowed.get(locked.status)
    if allowed is None:
        raise ContractError(
            _("This contract is “%(status)s”; that step is not possible now.")
            % {"status": locked.get_status_display()}
        )
    if not permits(locked, party, name, cancellation=cancellation):
        if cancellation is not None and party not in (SYSTEM, STAFF):
            raise ContractError(
                _("A cancellation proposal is waiting for an answer; that step must wait.")
            )
        raise ContractError(_("That step is for the other party to take."))
    return Step(
        contract=locked,
        name=name,
        party=party,
        from_status=locked.status,
        milestone=current_milestone(locked),
        cancellation=cancellation,
    )


def record(
    step: Step,
    *,
    actor: User | None,
    to_status: str | None = None,
    note: str = "",
    data: dict | None = None,
    milestone: Milestone | None = None,
) -> ContractEvent:
    """Write the contract's new status (and the step's timestamp) and its audit row."""
    contract = step.contract
    transition = TRANSITIONS[step.name]
    now = timezone.now()
    fields = []
    if to_status and to_status != contract.status:
        contract.status = to_status
        fields.append("status")
    stamp = transition.stamp
    # `funded_at` is the first funding (escrow was paid in at least once); the others are
    # the latest time the step happened.
    if stamp and not (stamp == "funded_at" and contract.funded_at):
        setattr(contract, stamp, now)
        fields.append(stamp)
    if "status" in fields and contract.status == ContractStatus.COMPLETED:
        contract.completed_at = now  # by approval, automatic acceptance or the secretariat
        fields.append("completed_at")
    if fields:
        contract.save(update_fields=fields)
    return ContractEvent.objects.create(
        contract=contract,
        milestone=milestone if milestone is not None else step.milestone,
        actor=actor,
        action=step.name,
        from_status=step.from_status,
        to_status=contract.status,
        note=note[:500],
        data=data or {},
        created_at=now,
    )


def require_milestone(step: Step, *statuses: str) -> Milestone:
    milestone = step.milestone
    if milestone is None or (statuses and milestone.status not in statuses):
        raise ContractError(_("This contract has no milestone at that stage."))
    return milestone


def settle(contract: Contract, milestone: Milestone, *, release: int, refund: int) -> dict:
    """Close a held milestone: pay `release` of its amount to the worker, return `refund`.

    `release + refund` is the milestone's amount. Withholding is recomputed on what is actually
    paid (never more than was kept back at funding), the fee is taken from the release, and the
    client gets back whatever of the escrow is not paid out. Returns the amounts moved.
    """
    if release < 0 or refund < 0 or release + refund != milestone.amount:
        raise ContractError(_("The amounts must add up to the milestone's amount."))
    gateway = get_gateway()
    withheld = withholding_tax(release) if contract.withholding else 0
    fee = platform_fee(release)
    escrow = milestone.amount - milestone.withholding
    release_cash = release - withheld
    refund_cash = escrow - release_cash
    if refund_cash < 0:  # cannot happen: withholding grows slower than the amount
        raise ContractError(_("The amounts must add up to the milestone's amount."))
    if release_cash:
        key = ledger.movement_key(milestone, "release")
        reference = gateway.release(
            idempotency_key=key, contract_id=contract.pk, amount=release_cash - fee, fee=fee
        )
        ledger.post(
            key,
            ledger.release_postings(worker_id=contract.worker_id, cash=release_cash, fee=fee),
            contract=contract,
            milestone=milestone,
            reference=reference,
        )
    if withheld:
        ledger.post(
            ledger.movement_key(milestone, "withholding"),
            ledger.withholding_postings(
                client_id=contract.client_id, worker_id=contract.worker_id, amount=withheld
            ),
            contract=contract,
            milestone=milestone,
        )
    if refund_cash:
        key = ledger.movement_key(milestone, "refund")
        reference = gateway.refund(idempotency_key=key, contract_id=contract.pk, amount=refund_cash)
        ledger.post(
            key,
            ledger.refund_postings(client_id=contract.client_id, cash=refund_cash),
            contract=contract,
            milestone=milestone,
            reference=reference,
        )
    if refund == 0:
        milestone.status = MilestoneStatus.RELEASED
    elif release == 0:
        milestone.status = MilestoneStatus.REFUNDED
    else:
        milestone.status = MilestoneStatus.SETTLED
    milestone.released = release
    milestone.refunded = refund
    milestone.closed_at = timezone.now()
    milestone.acceptance_due_at = None
    milestone.save(
        update_fields=["status", "released", "refunded", "closed_at", "acceptance_due_at"]
    )
    return {
        "release": release,
        "refund": refund,
        "withholding": withheld,
        "fee": fee,
        "take_home": release_cash - fee,
        "refund_cash": refund_cash,
    }


def close_remaining(contract: Contract) -> int:
    """Cancel the milestones that were never funded (the contract ends before them)."""
    return Milestone.objects.filter(contract=contract, status=MilestoneStatus.PENDING).update(
        status=MilestoneStatus.CANCELLED, closed_at=timezone.now()
    )


def has_next(contract: Contract) -> bool:
    return Milestone.objects.filter(contract=contract, status=MilestoneStatus.PENDING).exists()


def count_completion(contract: Contract) -> None:
    """Completion is what every denormalized record counts: the worker's completed contracts
    (overall and per category, for worker search) and the client's order record."""
    WorkerProfile.objects.filter(user_id=contract.worker_id).update(
        completed_count=F("completed_count") + 1
    )
    ClientProfile.objects.filter(user_id=contract.client_id).update(
        orders_count=F("orders_count") + 1
    )
    do_record_completed_contract(contract)
    on_commit(evaluate_client.enqueue, contract.client_id)  # the order record may certify them
    on_commit(evaluate_worker.enqueue, contract.worker_id)  # and count for the worker's tier
    for user in (contract.worker, contract.client):
        notify(
            user,
            kind="review_requested",
            title=_("Please leave a review for “%(title)s”"),
            url=reverse("reviews:new", args=[contract.pk]),
            params={"title": contract.title},
        )


def other_party(contract: Contract, actor: User) -> User:
    return contract.worker if actor.pk == contract.client_id else contract.client


def url(contract: Contract) -> str:
    return reverse("contracts:detail", args=[contract.pk])


def yen(amount: int) -> str:
    return f"{amount:,}"


def local_datetime(moment) -> str:
    return timezone.localtime(moment).strftime("%Y/%m/%d %H:%M")


def tell_secretariat(contract: Contract) -> None:
    """Tell every member of the secretariat that a dispute waits (one unread notice each)."""
    for staff in staff_with_permission(REVIEW):
        notify(
            staff,
            kind="dispute_opened",
            title=_("A contract dispute is waiting for the secretariat"),
            body=_("“%(title)s” needs a decision on its escrow."),
            url=reverse("contracts:disputes"),
            params={"title": contract.title},
            collapse_key="disputes-open",
        )


def acceptance_period():
    return settings.ACCEPTANCE_PERIOD


def sync(target: Contract, source: Contract) -> None:
    """Keep the caller's instance truthful after the locked copy was written."""
    for field in (
        "status",
        "amount",
        "withholding",
        "terms_version",
        "accepted_at",
        "funded_at",
        "delivered_at",
        "completed_at",
        "cancelled_at",
        "resolved_at",
    ):
        setattr(target, field, getattr(source, field))
