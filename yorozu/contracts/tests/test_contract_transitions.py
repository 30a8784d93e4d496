"""Every contract step: allowed for the right party from the right state, refused for everyone
and everything else with nothing changed.

The matrix runs every step a party can take from the contract page, from every state, as every
member of the cast; the oracle is the table (`transitions.permits`), and a refused step must
leave the contract, its milestones, events, ledger, requests, disputes and notifications as they
were. Steps about a pending cancellation are covered with one open in `test_cancellation.py`.
"""

import pytest
from django.db.models import Count

from yorozu.accounts.models import ClientProfile, WorkerProfile
from yorozu.contracts.actions import TRANSITION_ACTIONS, ContractError
from yorozu.contracts.models import (
    CancellationRequest,
    Contract,
    ContractStatus,
    Dispute,
    DisputeStatement,
    LedgerEntry,
    Milestone,
)
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.contracts.transitions import PARTY_STEPS, TRANSITIONS, permits
from yorozu.notifications.models import Notification
from yorozu.workers.models import WorkerCategoryStat

NOTES = {
    "deliver": "成果物をお送りしました。",
    "dispute": "連絡が取れません。",
    "request_changes": "見出しの文言を修正してください。",
    "propose_cancellation": "事情により中止したいです。",
    "decline_cancellation": "作業は完了しています。",
    "add_statement": "経緯は次のとおりです。",
}


def snapshot(contract: Contract) -> dict:
    """Everything a step may write, to compare before and after a refusal."""
    return {
        "row": Contract.objects.values().get(pk=contract.pk),
        "milestones": list(Milestone.objects.filter(contract=contract).values()),
        "events": contract.events.count(),
        "ledger": list(LedgerEntry.objects.filter(contract=contract).values_list("pk", flat=True)),
        "requests": list(CancellationRequest.objects.filter(contract=contract).values()),
        "disputes": list(Dispute.objects.filter(contract=contract).values()),
        "statements": DisputeStatement.objects.filter(dispute__contract=contract).count(),
        "notifications": Notification.objects.count(),
        "completed": WorkerProfile.objects.get(user=contract.worker_id).completed_count,
        "orders": ClientProfile.objects.get(user=contract.client_id).orders_count,
        "stats": WorkerCategoryStat.objects.filter(worker=contract.worker_id).count(),
    }


def run(name: str, contract: Contract, actor):
    extra = {"refund": contract.amount // 2} if name == "propose_cancellation" else {}
    return TRANSITION_ACTIONS[name](contract, actor=actor, note=NOTES.get(name, ""), **extra)


class _State:
    """Just enough of a contract for the table's oracle (no cancellation pending)."""

    def __init__(self, status: str) -> None:
        self.status = status


PARTIES = ["client", "worker"]
ALLOWED = [
    (name, status, who)
    for name in PARTY_STEPS
    for status in ContractStatus.values
    for who in PARTIES
    if permits(_State(status), who, name)
]


def test_the_page_posts_exactly_the_party_steps():
    assert set(TRANSITION_ACTIONS) == set(PARTY_STEPS)
    assert len(ALLOWED) >= 15


@pytest.mark.parametrize(("name", "from_status", "who"), ALLOWED)
def test_allowed_step_moves_the_contract(name, from_status, who, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status=from_status)
    actor = cast[who]
    transition = TRANSITIONS[name]
    before = snapshot(contract)
    run(name, contract, actor)
    contract.refresh_from_db()
    if transition.to_status is not None:
        assert contract.status == transition.to_status
    if transition.stamp:
        assert getattr(contract, transition.stamp) is not None
    event = contract.events.last()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        name,
        from_status,
        contract.status,
        actor,
    )
    # the other party hears about it (a statement is for the secretariat only)
    if name != "add_statement":
        other = cast["worker"] if who == "client" else cast["client"]
        assert Notification.objects.filter(user=other).count() > 0
        assert Notification.objects.count() > before["notifications"]
    # money never appears or vanishes
    assert sum(LedgerEntry.objects.filter(contract=contract).values_list("amount", flat=True)) == 0


@pytest.mark.parametrize("from_status", ContractStatus.values)
def test_every_other_step_is_refused_with_nothing_changed(from_status, cast):
    """From each state, every step the table does not allow — for either party, a stranger
    and the secretariat — is refused and writes nothing (one contract per state)."""
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status=from_status)
    before = snapshot(contract)
    tried = 0
    for who in ["client", "worker", "outsider", "staff"]:
        for name in PARTY_STEPS:
            if (name, from_status, who) in ALLOWED:
                continue
            with pytest.raises(ContractError):
                run(name, Contract.objects.get(pk=contract.pk), cast[who])
            tried += 1
    assert snapshot(contract) == before
    assert tried >= len(PARTY_STEPS) * 2


STARTS = {
    "accept": ("offered", "worker"),
    "fund": ("accepted", "client"),
    "deliver": ("funded", "worker"),
    "complete": ("delivered", "client"),
    "request_changes": ("delivered", "client"),
    "cancel": ("offered", "client"),
    "propose_cancellation": ("funded", "client"),
    "dispute": ("funded", "worker"),
}


@pytest.mark.parametrize("name", list(STARTS))
def test_double_submit_is_refused(name, cast):
    start, side = STARTS[name]
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status=start)
    run(name, contract, cast[side])
    stale = Contract.objects.get(pk=contract.pk)
    before = snapshot(stale)
    with pytest.raises(ContractError):
        run(name, stale, cast[side])
    assert snapshot(stale) == before


def test_caller_instance_reflects_new_state(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    run("accept", contract, cast["worker"])
    assert contract.status == ContractStatus.ACCEPTED
    assert contract.accepted_at is not None


def test_deliver_requires_a_note_and_stores_it_on_the_milestone(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="funded")
    with pytest.raises(ContractError):
        TRANSITION_ACTIONS["deliver"](contract, actor=cast["worker"], note="   ")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FUNDED
    TRANSITION_ACTIONS["deliver"](
        contract, actor=cast["worker"], note="Googleドライブで共有しました"
    )
    milestone = Milestone.objects.get(contract=contract)
    assert milestone.delivery_note == "Googleドライブで共有しました"
    assert milestone.acceptance_due_at is not None


def test_every_state_change_has_one_event_in_order(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")
    steps = list(contract.events.values_list("action", "from_status", "to_status"))
    assert steps == [
        ("offer", "", "offered"),
        ("accept", "offered", "accepted"),
        ("fund", "accepted", "funded"),
        ("deliver", "funded", "delivered"),
        ("complete", "delivered", "completed"),
    ]
    assert not contract.events.values("action").annotate(n=Count("id")).filter(n__gt=1)


def test_completion_updates_both_profiles_counters(cast):
    ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")
    assert WorkerProfile.objects.get(user=cast["worker"]).completed_count == 1
    assert ClientProfile.objects.get(user=cast["client"]).orders_count == 1


def test_completion_asks_both_sides_for_a_review(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")
    for user in (cast["client"], cast["worker"]):
        notice = Notification.objects.get(user=user, kind="review_requested")
        assert notice.url == f"/reviews/new/{contract.pk}/"


def test_cancel_is_only_possible_while_no_escrow_is_held(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="funded")
    with pytest.raises(ContractError):
        run("cancel", contract, cast["client"])
    assert contract.status == ContractStatus.FUNDED


def test_notification_email_goes_out_only_after_commit(
    cast, django_capture_on_commit_callbacks, mailoutbox
):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="accepted")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        TRANSITION_ACTIONS["fund"](contract, actor=cast["client"])
    assert callbacks
    assert not [m for m in mailoutbox if cast["worker"].email in m.to]
    for callback in callbacks:
        callback()
    mail = [m for m in mailoutbox if cast["worker"].email in m.to]
    assert len(mail) == 1
    assert "仮払い" in mail[0].subject
