"""Every contract transition: allowed for the right party from the right state, refused for
everyone and everything else with nothing changed."""

import pytest
from django.db.models import Count

from yorozu.accounts.models import ClientProfile, WorkerProfile
from yorozu.contracts.actions import TRANSITION_ACTIONS, ContractError
from yorozu.contracts.models import Contract, ContractStatus, LedgerEntry
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.contracts.transitions import TRANSITIONS
from yorozu.notifications.models import Notification
from yorozu.workers.models import WorkerCategoryStat

NOTES = {"deliver": "成果物をお送りしました。", "dispute": "連絡が取れません。"}


def snapshot(contract: Contract) -> dict:
    """Everything a transition may write, to compare before and after a refusal."""
    row = Contract.objects.values().get(pk=contract.pk)
    return {
        "row": row,
        "events": contract.events.count(),
        "ledger": list(LedgerEntry.objects.filter(contract=contract).values_list("kind", "amount")),
        "notifications": Notification.objects.count(),
        "completed": WorkerProfile.objects.get(user=contract.worker_id).completed_count,
        "orders": ClientProfile.objects.get(user=contract.client_id).orders_count,
        "stats": WorkerCategoryStat.objects.filter(worker=contract.worker_id).count(),
    }


def run(name: str, contract: Contract, actor):
    return TRANSITION_ACTIONS[name](contract, actor=actor, note=NOTES.get(name, ""))


CASES = [
    (name, from_status, who)
    for name in TRANSITIONS
    for from_status in ContractStatus.values
    for who in ["client", "worker", "outsider", "staff"]
]


@pytest.mark.parametrize(("name", "from_status", "who"), CASES)
def test_transition_matrix(name, from_status, who, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status=from_status)
    actor = cast[who]
    transition = TRANSITIONS[name]
    allowed = who in transition.allowed.get(from_status, frozenset())
    before = snapshot(contract)
    if not allowed:
        with pytest.raises(ContractError):
            run(name, contract, actor)
        assert snapshot(contract) == before
        return
    result = run(name, contract, actor)
    result.refresh_from_db()
    assert result.status == transition.to_status
    if transition.stamp:
        assert getattr(result, transition.stamp) is not None
    event = result.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        from_status,
        transition.to_status,
        actor,
    )
    # the other party hears about it
    other = cast["worker"] if who == "client" else cast["client"]
    assert Notification.objects.filter(user=other).count() > 0
    assert Notification.objects.count() > before["notifications"]


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_double_submit_is_refused(name, cast):
    start = next(iter(TRANSITIONS[name].allowed))
    side = next(iter(sorted(TRANSITIONS[name].allowed[start])))
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


def test_deliver_requires_a_note_and_stores_it(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="funded")
    with pytest.raises(ContractError):
        TRANSITION_ACTIONS["deliver"](contract, actor=cast["worker"], note="   ")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FUNDED
    TRANSITION_ACTIONS["deliver"](
        contract, actor=cast["worker"], note="Googleドライブで共有しました"
    )
    contract.refresh_from_db()
    assert contract.delivery_note == "Googleドライブで共有しました"


def test_every_state_change_has_one_event_in_order(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")
    steps = list(contract.events.values_list("from_status", "to_status"))
    assert steps == [
        ("", "offered"),
        ("offered", "accepted"),
        ("accepted", "funded"),
        ("funded", "delivered"),
        ("delivered", "completed"),
    ]
    assert not contract.events.values("to_status").annotate(n=Count("id")).filter(n__gt=1)


def test_completion_updates_both_profiles_counters(cast):
    ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")
    assert WorkerProfile.objects.get(user=cast["worker"]).completed_count == 1
    assert ClientProfile.objects.get(user=cast["client"]).orders_count == 1


def test_completion_asks_both_sides_for_a_review(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")
    for user in (cast["client"], cast["worker"]):
        notice = Notification.objects.get(user=user, kind="review_requested")
        assert notice.url == f"/reviews/new/{contract.pk}/"


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
