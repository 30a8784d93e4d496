"""The contract state machine: one action per transition, each a single transaction.

Every action locks the contract row, checks the actor's side and the from-state against
`transitions.TRANSITIONS`, then writes the new state with its timestamp, a `ContractEvent`, any
ledger rows, counters and notifications to the other party — or raises `ContractError` having
written nothing. A double submit finds the contract already moved on and is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import ClientProfile, WorkerProfile
from yorozu.certification.tasks import evaluate_client
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import (
    Contract,
    ContractEvent,
    LedgerEntry,
    LedgerKind,
)
from yorozu.contracts.notices import notify
from yorozu.contracts.payments import get_gateway, platform_fee
from yorozu.contracts.transitions import TRANSITIONS, party_of
from yorozu.core.side_effects import on_commit
from yorozu.workers.actions import do_record_completed_contract

if TYPE_CHECKING:
    from yorozu.accounts.models import User


def _move(contract: Contract, name: str, *, actor: User, note: str = "", extra=None) -> Contract:
    """Lock, check and write the state change and its event; return the locked row.

    `extra` holds other fields (e.g. the delivery note) written in the same UPDATE.
    """
    transition = TRANSITIONS[name]
    locked = Contract.objects.select_for_update().get(pk=contract.pk)
    party = party_of(locked, actor)
    if party is None:
        raise ContractError(_("Only the two parties to this contract can do this."))
    allowed = transition.allowed.get(locked.status)
    if allowed is None:
        raise ContractError(
            _("This contract is “%(status)s”; that step is not possible now.")
            % {"status": locked.get_status_display()}
        )
    if party not in allowed:
        raise ContractError(_("That step is for the other party to take."))
    from_status = locked.status
    fields = ["status"]
    locked.status = transition.to_status
    if transition.stamp:
        setattr(locked, transition.stamp, timezone.now())
        fields.append(transition.stamp)
    for field, value in (extra or {}).items():
        setattr(locked, field, value)
        fields.append(field)
    locked.save(update_fields=fields)
    ContractEvent.objects.create(
        contract=locked,
        actor=actor,
        from_status=from_status,
        to_status=locked.status,
        note=note[:500],
    )
    # keep the caller's instance truthful
    for field in fields:
        setattr(contract, field, getattr(locked, field))
    return locked


def _other_party(contract: Contract, actor: User):
    return contract.worker if actor.pk == contract.client_id else contract.client


def _url(contract: Contract) -> str:
    return reverse("contracts:detail", args=[contract.pk])


@transaction.atomic(durable=True)
def do_accept_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The worker accepts the offer; the client can now fund the escrow."""
    locked = _move(contract, "accept", actor=actor, note=note)
    notify(
        locked.client,
        kind="contract_accepted",
        title=_("%(worker)s accepted the contract “%(title)s”"),
        body=_("Please fund the escrow (仮払い) so that work can start."),
        url=_url(locked),
        params={"worker": locked.worker.display_name, "title": locked.title},
    )
    return locked


@transaction.atomic(durable=True)
def do_fund_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The client deposits the contract amount into escrow (仮払い); work can begin."""
    locked = _move(contract, "fund", actor=actor, note=note)
    reference = get_gateway().deposit(contract_id=locked.pk, amount=locked.amount)
    LedgerEntry.objects.create(
        contract=locked, kind=LedgerKind.DEPOSIT, amount=locked.amount, gateway_reference=reference
    )
    notify(
        locked.worker,
        kind="contract_funded",
        title=_("Escrow funded for “%(title)s”"),
        body=_("The client has paid ¥%(amount)s into escrow. You can start work."),
        url=_url(locked),
        params={"title": locked.title, "amount": f"{locked.amount:,}"},
    )
    return locked


@transaction.atomic(durable=True)
def do_deliver_contract(contract: Contract, *, actor: User, note: str) -> Contract:
    """The worker delivers, with a note saying what was delivered and where."""
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please write a delivery note."))
    locked = _move(contract, "deliver", actor=actor, note=note, extra={"delivery_note": note})
    notify(
        locked.client,
        kind="contract_delivered",
        title=_("%(worker)s delivered “%(title)s”"),
        body=_("Please check the delivery and approve it to complete the contract."),
        url=_url(locked),
        params={"worker": locked.worker.display_name, "title": locked.title},
    )
    return locked


@transaction.atomic(durable=True)
def do_complete_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """The client approves the delivery (検収): escrow is released to the worker less the fee.

    Completion is also what every denormalized record counts: the worker's completed
    contracts (overall and per category, for worker search) and the client's order record.
    """
    locked = _move(contract, "complete", actor=actor, note=note)
    fee = platform_fee(locked.amount)
    payout = locked.amount - fee
    reference = get_gateway().release(contract_id=locked.pk, amount=payout, fee=fee)
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                contract=locked, kind=LedgerKind.RELEASE, amount=payout, gateway_reference=reference
            ),
            LedgerEntry(
                contract=locked, kind=LedgerKind.FEE, amount=fee, gateway_reference=reference
            ),
        ]
    )
    WorkerProfile.objects.filter(user_id=locked.worker_id).update(
        completed_count=F("completed_count") + 1
    )
    ClientProfile.objects.filter(user_id=locked.client_id).update(
        orders_count=F("orders_count") + 1
    )
    do_record_completed_contract(locked)
    on_commit(evaluate_client.enqueue, locked.client_id)  # the order record may certify them
    params = {"title": locked.title}
    notify(
        locked.worker,
        kind="contract_completed",
        title=_("“%(title)s” is complete"),
        body=_("The client approved your delivery and the payment has been released."),
        url=_url(locked),
        params=params,
    )
    for user in (locked.worker, locked.client):
        notify(
            user,
            kind="review_requested",
            title=_("Please leave a review for “%(title)s”"),
            url=reverse("reviews:new", args=[locked.pk]),
            params=params,
        )
    return locked


@transaction.atomic(durable=True)
def do_cancel_contract(contract: Contract, *, actor: User, note: str = "") -> Contract:
    """Either party may call off a contract before funding; once funded only the client may,
    and the escrow is refunded to them in full."""
    locked = _move(contract, "cancel", actor=actor, note=note)
    deposit = LedgerEntry.objects.filter(contract=locked, kind=LedgerKind.DEPOSIT).first()
    if deposit is not None:
        reference = get_gateway().refund(contract_id=locked.pk, amount=deposit.amount)
        LedgerEntry.objects.create(
            contract=locked,
            kind=LedgerKind.REFUND,
            amount=deposit.amount,
            gateway_reference=reference,
        )
    notify(
        _other_party(locked, actor),
        kind="contract_cancelled",
        title=_("The contract “%(title)s” was cancelled"),
        body=_("Reason: %(note)s") if note else "",
        url=_url(locked),
        params={"title": locked.title, "note": note},
    )
    return locked


@transaction.atomic(durable=True)
def do_dispute_contract(contract: Contract, *, actor: User, note: str) -> Contract:
    """Either party stops the contract and asks the secretariat to step in; escrow stays held."""
    note = (note or "").strip()
    if not note:
        raise ContractError(_("Please describe the problem."))
    locked = _move(contract, "dispute", actor=actor, note=note)
    notify(
        _other_party(locked, actor),
        kind="contract_disputed",
        title=_("A problem was reported on “%(title)s”"),
        body=_("The secretariat will review the contract. Reason: %(note)s"),
        url=_url(locked),
        params={"title": locked.title, "note": note},
    )
    return locked


# The transition names the contract page may POST, and the action each one runs.
TRANSITION_ACTIONS = {
    "accept": do_accept_contract,
    "fund": do_fund_contract,
    "deliver": do_deliver_contract,
    "complete": do_complete_contract,
    "cancel": do_cancel_contract,
    "dispute": do_dispute_contract,
}
assert set(TRANSITION_ACTIONS) == set(TRANSITIONS)
