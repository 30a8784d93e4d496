"""The contract state machine as data: which step, from which state, by whom.

Actions consult this table before writing anything, and the contract page shows exactly the
steps it allows, so what a person can click and what the server accepts never drift apart.
While a contract runs, its status follows its current milestone (awaiting escrow → in progress
→ awaiting acceptance), so one table covers every milestone. Pure Python: no queries — the one
fact beyond the status, an open cancellation request, is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.contracts.models import ContractStatus

CLIENT = "client"
WORKER = "worker"
BOTH = frozenset({CLIENT, WORKER})
# Steps nobody clicks: the scheduler's (auto-acceptance, escalation) and the secretariat's.
SYSTEM = "system"
STAFF = "staff"

RUNNING = (ContractStatus.FUNDED, ContractStatus.DELIVERED)


@dataclass(frozen=True)
class Transition:
    name: str
    # None: the action decides (accepting a milestone leads to the next one or to completion);
    # the from-state itself for steps that keep it (a cancellation proposal, a statement).
    to_status: str | None
    # from-state → the parties who may take this step from it
    allowed: dict[str, frozenset[str]]
    # the timestamp field set on the contract when the step happens (None: none)
    stamp: str | None
    label: object
    note_required: bool = False
    danger: bool = False
    # "Your turn" on the dashboard: a step that moves the contract forward.
    forward: bool = False


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


TRANSITIONS: dict[str, Transition] = _table(
    Transition(
        "accept",
        ContractStatus.ACCEPTED,
        {ContractStatus.OFFERED: frozenset({WORKER})},
        "accepted_at",
        _("Accept the offer"),
        forward=True,
    ),
    Transition(
        "fund",
        ContractStatus.FUNDED,
        {ContractStatus.ACCEPTED: frozenset({CLIENT})},
        "funded_at",
        _("Fund the escrow (仮払い)"),
        forward=True,
    ),
    Transition(
        "deliver",
        ContractStatus.DELIVERED,
        {ContractStatus.FUNDED: frozenset({WORKER})},
        "delivered_at",
        _("Deliver the work"),
        note_required=True,
        forward=True,
    ),
    Transition(
        "complete",
        None,
        {ContractStatus.DELIVERED: frozenset({CLIENT})},
        None,
        _("Approve the delivery"),
        forward=True,
    ),
    Transition(
        "request_changes",
        ContractStatus.FUNDED,
        {ContractStatus.DELIVERED: frozenset({CLIENT})},
        None,
        _("Request changes"),
        note_required=True,
    ),
    Transition(
        "auto_accept",
        None,
        {ContractStatus.DELIVERED: frozenset({SYSTEM})},
        None,
        pgettext_lazy("step", "Accepted automatically"),
    ),
    Transition(
        "cancel",
        ContractStatus.CANCELLED,
        {ContractStatus.OFFERED: BOTH, ContractStatus.ACCEPTED: BOTH},
        "cancelled_at",
        _("Cancel the contract"),
        danger=True,
    ),
    Transition(
        "propose_cancellation",
        None,
        {status: BOTH for status in RUNNING},
        None,
        _("Propose cancelling the contract"),
        note_required=True,
        danger=True,
    ),
    Transition(
        "accept_cancellation",
        ContractStatus.CANCELLED,
        {status: BOTH for status in RUNNING},
        "cancelled_at",
        _("Agree to cancel"),
        danger=True,
    ),
    Transition(
        "decline_cancellation",
        ContractStatus.DISPUTED,
        {status: BOTH for status in RUNNING},
        None,
        _("Decline and ask the secretariat"),
        note_required=True,
    ),
    Transition(
        "withdraw_cancellation",
        None,
        {status: BOTH for status in RUNNING},
        None,
        _("Withdraw the cancellation proposal"),
    ),
    Transition(
        "escalate_cancellation",
        ContractStatus.DISPUTED,
        {status: frozenset({SYSTEM}) for status in RUNNING},
        None,
        pgettext_lazy("step", "Sent to the secretariat (no answer)"),
    ),
    Transition(
        "escalate_restricted",
        ContractStatus.DISPUTED,
        {status: frozenset({SYSTEM}) for status in RUNNING},
        None,
        pgettext_lazy("step", "Sent to the secretariat (a party was restricted)"),
    ),
    Transition(
        "dispute",
        ContractStatus.DISPUTED,
        {status: BOTH for status in RUNNING},
        None,
        _("Report a problem to the secretariat"),
        note_required=True,
        danger=True,
    ),
    Transition(
        "add_statement",
        None,
        {ContractStatus.DISPUTED: BOTH},
        None,
        _("Add your statement"),
        note_required=True,
    ),
    Transition(
        "resolve",
        None,
        {ContractStatus.DISPUTED: frozenset({STAFF})},
        "resolved_at",
        pgettext_lazy("step", "Decided by the secretariat"),
    ),
)

# Steps a party takes from the contract page (the others are the scheduler's or the staff's).
PARTY_STEPS = [name for name, t in TRANSITIONS.items() if any(p & BOTH for p in t.allowed.values())]
# Steps about an open cancellation request, and who of the two may take them.
ANSWERS = ("accept_cancellation", "decline_cancellation")


def party_of(contract, user) -> str | None:
    """Which side of the contract `user` is on: "client", "worker" or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.pk == contract.client_id:
        return CLIENT
    if user.pk == contract.worker_id:
        return WORKER
    return None


def permits(contract, party: str | None, name: str, *, cancellation=None) -> bool:
    """May `party` ("client", "worker", "system", "staff") take step `name` now?

    `cancellation` is the contract's open CancellationRequest, if any: while one is open, the
    other party answers it, its proposer may withdraw it, either may go to the secretariat, and
    the work's own steps wait.
    """
    transition = TRANSITIONS.get(name)
    if transition is None or party is None:
        return False
    if party not in transition.allowed.get(contract.status, frozenset()):
        return False
    if party not in BOTH:
        if name == "escalate_cancellation":
            return cancellation is not None
        if name == "auto_accept":
            return cancellation is None
        return True
    proposer = None
    if cancellation is not None:
        proposer = CLIENT if cancellation.proposed_by_id == contract.client_id else WORKER
    if name in ANSWERS:
        return proposer is not None and party != proposer
    if name == "withdraw_cancellation":
        return proposer == party
    if cancellation is not None and contract.status in RUNNING:
        return name == "dispute"
    return True


def may_take(contract, user, name: str, *, cancellation=None) -> bool:
    return permits(contract, party_of(contract, user), name, cancellation=cancellation)


def allowed_transitions(contract, user, *, cancellation=None) -> list[Transition]:
    """The steps `user` may take on `contract` right now, in table order."""
    party = party_of(contract, user)
    return [
        t
        for t in TRANSITIONS.values()
        if permits(contract, party, t.name, cancellation=cancellation)
    ]
