"""The contract state machine as data: which transition, from which state, by which party.

Actions consult this table before writing anything, and the contract page shows exactly the
buttons it allows, so what a person can click and what the server accepts never drift apart.
Pure Python: no queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from yorozu.contracts.models import ContractStatus

CLIENT = "client"
WORKER = "worker"
BOTH = frozenset({CLIENT, WORKER})


@dataclass(frozen=True)
class Transition:
    name: str
    to_status: str
    # from-state → the parties who may take this transition from it
    allowed: dict[str, frozenset[str]]
    # the timestamp field set when the transition happens (None: no dedicated field)
    stamp: str | None
    label: object
    # the deliver note and a dispute's reason are required; other notes are optional
    note_required: bool = False
    danger: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "accept",
            ContractStatus.ACCEPTED,
            {ContractStatus.OFFERED: frozenset({WORKER})},
            "accepted_at",
            _("Accept the offer"),
        ),
        Transition(
            "fund",
            ContractStatus.FUNDED,
            {ContractStatus.ACCEPTED: frozenset({CLIENT})},
            "funded_at",
            _("Fund the escrow (仮払い)"),
        ),
        Transition(
            "deliver",
            ContractStatus.DELIVERED,
            {ContractStatus.FUNDED: frozenset({WORKER})},
            "delivered_at",
            _("Deliver the work"),
            note_required=True,
        ),
        Transition(
            "complete",
            ContractStatus.COMPLETED,
            {ContractStatus.DELIVERED: frozenset({CLIENT})},
            "completed_at",
            _("Approve the delivery and complete"),
        ),
        Transition(
            "cancel",
            ContractStatus.CANCELLED,
            {
                ContractStatus.OFFERED: BOTH,
                ContractStatus.ACCEPTED: BOTH,
                ContractStatus.FUNDED: frozenset({CLIENT}),
            },
            "cancelled_at",
            _("Cancel the contract"),
            danger=True,
        ),
        Transition(
            "dispute",
            ContractStatus.DISPUTED,
            {ContractStatus.FUNDED: BOTH, ContractStatus.DELIVERED: BOTH},
            None,
            _("Report a problem to the secretariat"),
            note_required=True,
            danger=True,
        ),
    ]
}


def party_of(contract, user) -> str | None:
    """Which side of the contract `user` is on: "client", "worker" or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.pk == contract.client_id:
        return CLIENT
    if user.pk == contract.worker_id:
        return WORKER
    return None


def may_take(contract, user, name: str) -> bool:
    transition = TRANSITIONS.get(name)
    if transition is None:
        return False
    party = party_of(contract, user)
    return party is not None and party in transition.allowed.get(contract.status, frozenset())


def allowed_transitions(contract, user) -> list[Transition]:
    """The transitions `user` may take on `contract` right now, in table order."""
    return [t for t in TRANSITIONS.values() if may_take(contract, user, t.name)]
