"""Money under real concurrency: threads, each with its own database connection, racing on the
same balance, the same contract, the same dispute.

On PostgreSQL (`make test-postgres`) the races are real: row locks (`select_for_update`), the
`(movement, account)` unique constraint and the balance CHECK constraints decide. On SQLite the
same tests run on a database file, where writers queue behind each other (IMMEDIATE
transactions), so they prove the same outcome with less overlap. Whatever the interleaving:
every contract's ledger sums to zero, no milestone is released twice, and no withdrawal spends
a yen the balance does not have.
"""

from __future__ import annotations

import datetime
import itertools
import threading
from collections.abc import Callable

import pytest
from django.db import connections
from django.db.models import Sum

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.actions import (
    BankAccountData,
    ContractError,
    do_auto_accept_milestone,
    do_complete_contract,
    do_dispute_contract,
    do_fund_contract,
    do_propose_cancellation,
    do_request_changes,
    do_request_withdrawal,
    do_resolve_dispute,
    do_save_bank_account,
)
from yorozu.contracts.models import (
    Contract,
    Dispute,
    LedgerAccount,
    LedgerEntry,
    Milestone,
    Withdrawal,
    WorkerBalance,
)
from yorozu.contracts.tests.factories import ContractFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def race(*calls: Callable[[], object]) -> tuple[list[object], list[Exception]]:
    """Start every call at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = call()
            with lock:
                results.append(outcome)
        except Exception as exc:  # collected: the test says which refusals it expects
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a racer hung"
    return results, errors


def assert_ledger_balanced() -> None:
    unbalanced = LedgerEntry.objects.values("contract_id").annotate(t=Sum("amount")).exclude(t=0)
    assert list(unbalanced) == []
    assert list(LedgerEntry.objects.values("movement").annotate(t=Sum("amount")).exclude(t=0)) == []
    for balance in WorkerBalance.objects.all():
        worker = LedgerEntry.objects.filter(user=balance.user_id, account=LedgerAccount.WORKER)
        payout = LedgerEntry.objects.filter(user=balance.user_id, account=LedgerAccount.PAYOUT)
        assert balance.available == (worker.aggregate(t=Sum("amount"))["t"] or 0) >= 0
        assert balance.in_payout == (payout.aggregate(t=Sum("amount"))["t"] or 0) >= 0


@pytest.fixture
def earner(file_database):
    """A worker with ¥90,000 available and a bank account."""
    worker = UserFactory(role=Role.WORKER)
    ContractFactory(worker=worker, price=100000, status="completed")
    do_save_bank_account(
        user=worker,
        data=BankAccountData("0001", "001", "1", "1234567", "ヤマダ タロウ"),
        actor=worker,
    )
    assert WorkerBalance.objects.get(user=worker).available == 90000
    return worker


def test_parallel_requests_for_the_whole_balance_pay_out_once(earner):
    def withdraw(n: int) -> Callable[[], object]:
        return lambda: do_request_withdrawal(
            user=earner, amount=90000, request_key=f"all-{n}", actor=earner
        )

    results, errors = race(*(withdraw(n) for n in range(THREADS)))
    assert len(results) == 1
    assert len(errors) == THREADS - 1 and all(isinstance(e, ContractError) for e in errors)
    balance = WorkerBalance.objects.get(user=earner)
    assert (balance.available, balance.in_payout) == (0, 90000)
    assert Withdrawal.objects.filter(user=earner).count() == 1
    assert_ledger_balanced()


def test_parallel_partial_requests_never_overdraw(earner):
    def withdraw(n: int) -> Callable[[], object]:
        return lambda: do_request_withdrawal(
            user=earner, amount=20000, request_key=f"part-{n}", actor=earner
        )

    results, errors = race(*(withdraw(n) for n in range(THREADS)))
    assert len(results) == 4  # 4 × ¥20,000 fit in ¥90,000; the fifth would overdraw
    assert len(errors) == THREADS - 4
    balance = WorkerBalance.objects.get(user=earner)
    assert (balance.available, balance.in_payout) == (10000, 80000)
    assert_ledger_balanced()


def test_a_double_click_in_parallel_is_one_withdrawal(earner):
    def withdraw() -> object:
        return do_request_withdrawal(user=earner, amount=30000, request_key="same", actor=earner)

    results, errors = race(*(withdraw for _ in range(THREADS)))
    assert errors == []
    assert len({w.pk for w in results}) == 1  # type: ignore[attr-defined]
    assert WorkerBalance.objects.get(user=earner).available == 60000
    assert_ledger_balanced()


def test_parallel_funding_deposits_once(file_database):
    contract = ContractFactory(status="accepted", price=50000)

    def fund() -> object:
        return do_fund_contract(Contract.objects.get(pk=contract.pk), actor=contract.client)

    results, errors = race(*(fund for _ in range(THREADS)))
    assert len(results) == 1 and len(errors) == THREADS - 1
    escrow = LedgerEntry.objects.filter(contract=contract, account=LedgerAccount.ESCROW)
    assert list(escrow.values_list("amount", flat=True)) == [50000]
    assert_ledger_balanced()


def test_every_way_out_of_a_delivery_at_once_takes_exactly_one(file_database):
    """Approve (three clicks), ask for changes, report a problem, propose cancelling and the
    scheduler's automatic acceptance (twice) all race on one delivered milestone: the steps that
    succeed form one chain (a change request then a dispute, say), the milestone is approved and
    released at most once, and the ledger balances."""
    contract = ContractFactory(status="delivered", price=80000)
    milestone = Milestone.objects.get(contract=contract)
    client, worker = contract.client, contract.worker
    later = milestone.acceptance_due_at + datetime.timedelta(seconds=1)

    def fresh() -> Contract:
        return Contract.objects.get(pk=contract.pk)

    calls = [
        lambda: do_complete_contract(fresh(), actor=client),
        lambda: do_complete_contract(fresh(), actor=client),
        lambda: do_complete_contract(fresh(), actor=client),
        lambda: do_request_changes(fresh(), actor=client, note="直してください"),
        lambda: do_dispute_contract(fresh(), actor=worker, note="検収されません"),
        lambda: do_propose_cancellation(fresh(), actor=client, refund=80000, note="中止"),
        lambda: do_auto_accept_milestone(milestone.pk, now=later),
        lambda: do_auto_accept_milestone(milestone.pk, now=later),
    ]
    labels = ["complete"] * 3 + ["request_changes", "dispute", "propose", "auto", "auto"]
    outcomes: dict[str, list[object]] = {}
    lock = threading.Lock()

    def labelled(label: str, call: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            try:
                result = call()
            except ContractError as exc:
                result = exc
            with lock:
                outcomes.setdefault(label, []).append(result)
            return result

        return run

    _results, errors = race(*(labelled(a, c) for a, c in zip(labels, calls, strict=True)))
    assert errors == []
    assert sum(len(v) for v in outcomes.values()) == len(calls)

    def won(label: str) -> int:
        return sum(
            1
            for r in outcomes.get(label, [])
            if r is not False and not isinstance(r, ContractError)
        )

    # Approval (by a click or by the scheduler) happens at most once...
    assert won("complete") + won("auto") <= 1
    # ...and every step that did happen follows the one before it.
    trail = list(contract.events.order_by("created_at", "id"))
    for before, after in itertools.pairwise(trail):
        assert after.from_status == before.to_status
    releases = LedgerEntry.objects.filter(contract=contract, kind="release", account="escrow")
    assert releases.count() == won("complete") + won("auto")
    held = LedgerEntry.objects.filter(contract=contract, account=LedgerAccount.ESCROW).aggregate(
        t=Sum("amount")
    )["t"]
    milestone.refresh_from_db()
    assert held == (0 if milestone.status == "released" else 80000)
    assert_ledger_balanced()


def test_two_reviewers_deciding_one_dispute_move_the_money_once(file_database):
    contract = ContractFactory(status="disputed", price=60000)
    dispute = Dispute.objects.get(contract=contract)
    reviewers = [UserFactory(role=Role.CLIENT, is_staff=True, is_superuser=True) for _ in range(2)]
    calls = [
        lambda: do_resolve_dispute(
            Dispute.objects.get(pk=dispute.pk),
            release=36000,
            refund=24000,
            note="6割",
            actor=reviewers[0],
        ),
        lambda: do_resolve_dispute(
            Dispute.objects.get(pk=dispute.pk),
            release=0,
            refund=60000,
            note="全額返金",
            actor=reviewers[1],
        ),
    ]
    results, errors = race(*calls)
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ContractError)
    dispute.refresh_from_db()
    milestone = Milestone.objects.get(contract=contract)
    assert (milestone.released, milestone.refunded) == (dispute.release, dispute.refund)
    assert (
        LedgerEntry.objects.filter(contract=contract, account="escrow").aggregate(t=Sum("amount"))[
            "t"
        ]
        == 0
    )
    assert_ledger_balanced()
