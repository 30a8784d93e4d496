"""The ledger: every movement balanced, every contract summing to zero, rows that can never be
changed, a movement that can never be posted twice, and balances that always equal the ledger
(including a hypothesis property test over random sequences of money steps)."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts import ledger
from yorozu.contracts.actions import (
    BankAccountData,
    ContractError,
    do_accept_cancellation,
    do_propose_cancellation,
    do_request_withdrawal,
    do_save_bank_account,
)
from yorozu.contracts.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerImmutableError,
    LedgerKind,
    Milestone,
    WorkerBalance,
)
from yorozu.contracts.payments import SandboxGateway, get_gateway, platform_fee
from yorozu.contracts.tests.factories import ContractFactory, resolve_half


def by_account(contract) -> dict[tuple[str, str], int]:
    rows = (
        LedgerEntry.objects.filter(contract=contract)
        .values("kind", "account")
        .annotate(t=Sum("amount"))
        .order_by()
    )
    return {(row["kind"], row["account"]): row["t"] for row in rows}


def assert_balanced(*contracts) -> None:
    for contract in contracts:
        assert LedgerEntry.objects.filter(contract=contract).aggregate(t=Sum("amount"))["t"] in (
            0,
            None,
        )
    for movement in LedgerEntry.objects.values("movement").annotate(t=Sum("amount")):
        assert movement["t"] == 0, movement


def assert_balances_match_ledger() -> None:
    for balance in WorkerBalance.objects.all():
        rows = LedgerEntry.objects.filter(user=balance.user_id)
        available = rows.filter(account=LedgerAccount.WORKER).aggregate(t=Sum("amount"))["t"]
        in_payout = rows.filter(account=LedgerAccount.PAYOUT).aggregate(t=Sum("amount"))["t"]
        assert balance.available == (available or 0) >= 0
        assert balance.in_payout == (in_payout or 0) >= 0


@pytest.mark.parametrize("price", [1000, 80000, 123457, 99_999_999])
def test_completion_releases_deposit_less_fee(price, db):
    contract = ContractFactory(status="completed", price=price)
    got = by_account(contract)
    fee = platform_fee(price)
    assert fee == price * 10 // 100
    assert got[(LedgerKind.DEPOSIT, LedgerAccount.CLIENT)] == -price
    assert got[(LedgerKind.DEPOSIT, LedgerAccount.ESCROW)] == price
    assert got[(LedgerKind.RELEASE, LedgerAccount.ESCROW)] == -price
    assert got[(LedgerKind.RELEASE, LedgerAccount.WORKER)] == price - fee
    assert got[(LedgerKind.FEE, LedgerAccount.PLATFORM)] == fee
    assert_balanced(contract)
    assert WorkerBalance.objects.get(user=contract.worker).available == price - fee


@override_settings(PLATFORM_FEE_PERCENT=20)
def test_fee_follows_the_setting(db):
    contract = ContractFactory(status="completed", price=50000)
    got = by_account(contract)
    assert got[(LedgerKind.FEE, LedgerAccount.PLATFORM)] == 10000
    assert got[(LedgerKind.RELEASE, LedgerAccount.WORKER)] == 40000


def test_withholding_contract_records_the_tax_and_pays_in_less(db):
    contract = ContractFactory(status="completed", price=1_100_000, withholding=True)
    got = by_account(contract)
    withheld = 102_100 + 20_420
    assert got[(LedgerKind.DEPOSIT, LedgerAccount.ESCROW)] == 1_100_000 - withheld
    assert got[(LedgerKind.WITHHOLDING, LedgerAccount.TAX)] == withheld
    assert got[(LedgerKind.WITHHOLDING, LedgerAccount.CLIENT)] == -withheld
    assert got[(LedgerKind.RELEASE, LedgerAccount.WORKER)] == 1_100_000 - withheld - 110_000
    assert_balanced(contract)


def test_cancelled_by_consent_refunds_the_agreed_part(db):
    contract = ContractFactory(status="funded", price=70000)
    do_propose_cancellation(contract, actor=contract.client, refund=50000, note="中止します")
    do_accept_cancellation(contract, actor=contract.worker)
    got = by_account(contract)
    assert got[(LedgerKind.REFUND, LedgerAccount.CLIENT)] == 50000
    assert got[(LedgerKind.RELEASE, LedgerAccount.WORKER)] == 20000 - 2000
    assert got[(LedgerKind.FEE, LedgerAccount.PLATFORM)] == 2000
    assert_balanced(contract)


@pytest.mark.parametrize("status", ["offered", "accepted", "cancelled"])
def test_unfunded_contracts_have_no_ledger(status, db):
    assert by_account(ContractFactory(status=status)) == {}


def test_disputed_contract_keeps_escrow_held(db):
    contract = ContractFactory(status="disputed")
    milestone = Milestone.objects.get(contract=contract)
    assert ledger.escrow_held(milestone) == contract.amount
    assert by_account(contract) == {
        (LedgerKind.DEPOSIT, LedgerAccount.CLIENT): -contract.amount,
        (LedgerKind.DEPOSIT, LedgerAccount.ESCROW): contract.amount,
    }


def test_ledger_rows_cannot_be_changed_or_deleted(db):
    contract = ContractFactory(status="funded")
    entry = LedgerEntry.objects.filter(contract=contract).first()
    entry.amount = 1
    with pytest.raises(LedgerImmutableError):
        entry.save()
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()


def test_a_movement_cannot_be_posted_twice(db):
    contract = ContractFactory(status="funded")
    milestone = Milestone.objects.get(contract=contract)
    key = ledger.movement_key(milestone, "deposit")
    with pytest.raises(IntegrityError), transaction.atomic():
        ledger.post(
            key,
            ledger.deposit_postings(client_id=contract.client_id, cash=contract.amount),
            contract=contract,
            milestone=milestone,
        )
    assert LedgerEntry.objects.filter(movement=key).count() == 2


def test_an_unbalanced_movement_is_refused(db):
    contract = ContractFactory(status="funded")
    with pytest.raises(ledger.LedgerUnbalanced):
        ledger.post(
            "bogus",
            [ledger.Posting(LedgerAccount.ESCROW, 100, LedgerKind.DEPOSIT)],
            contract=contract,
        )


def test_the_database_refuses_a_negative_balance(db):
    worker = UserFactory(role=Role.WORKER)
    WorkerBalance.objects.create(user=worker, available=100)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkerBalance.objects.filter(user=worker).update(available=-1)
    assert WorkerBalance.objects.get(user=worker).available == 100


def test_sandbox_gateway_is_idempotent_per_key_and_default():
    gateway = get_gateway()
    assert isinstance(gateway, SandboxGateway)
    once = gateway.deposit(idempotency_key="milestone:5:deposit", contract_id=5, amount=100)
    again = gateway.deposit(idempotency_key="milestone:5:deposit", contract_id=5, amount=100)
    assert once == again
    assert once != gateway.refund(idempotency_key="milestone:5:refund", contract_id=5, amount=100)


def test_ledger_references_come_from_the_gateway(db):
    contract = ContractFactory(status="funded", price=30000)
    milestone = Milestone.objects.get(contract=contract)
    entry = LedgerEntry.objects.get(contract=contract, account=LedgerAccount.ESCROW)
    assert entry.gateway_reference == f"sandbox-milestone:{milestone.pk}:deposit"
    assert entry.movement == f"milestone:{milestone.pk}:deposit"


def test_rebuild_balances_agrees_with_the_actions(db):
    ContractFactory(status="completed", price=45000)
    ContractFactory(status="completed", price=12000)
    before = {b.user_id: (b.available, b.in_payout) for b in WorkerBalance.objects.all()}
    WorkerBalance.objects.all().delete()
    ledger.rebuild_balances()
    assert {b.user_id: (b.available, b.in_payout) for b in WorkerBalance.objects.all()} == before


# ---- property: whatever happens, nothing is created, lost or overdrawn ----------------------

STEPS = st.lists(
    st.tuples(
        st.sampled_from(["complete", "cancel_part", "dispute_split", "withdraw", "withdraw_all"]),
        st.integers(min_value=1000, max_value=300_000),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_balances_never_go_negative_and_always_equal_the_ledger(steps, db):
    worker = UserFactory(role=Role.WORKER)
    do_save_bank_account(
        user=worker,
        data=BankAccountData("0001", "001", "1", "1234567", "テスト タロウ"),
        actor=worker,
    )
    contracts = []
    for n, (step, amount, withholding) in enumerate(steps):
        if step == "complete":
            contracts.append(
                ContractFactory(
                    worker=worker, price=amount, status="completed", withholding=withholding
                )
            )
        elif step == "cancel_part":
            contract = ContractFactory(worker=worker, price=amount, status="funded")
            do_propose_cancellation(
                contract, actor=contract.client, refund=amount // 3, note="中止"
            )
            do_accept_cancellation(contract, actor=worker)
            contracts.append(contract)
        elif step == "dispute_split":
            contract = ContractFactory(worker=worker, price=amount, status="disputed")
            resolve_half(contract)
            contracts.append(contract)
        else:
            balance = WorkerBalance.objects.filter(user=worker).first()
            available = balance.available if balance else 0
            want = available if step == "withdraw_all" else amount
            try:
                do_request_withdrawal(user=worker, amount=want, request_key=f"k{n}", actor=worker)
            except ContractError:
                assert want > available or want < 1000
        assert_balanced(*contracts)
        assert_balances_match_ledger()
