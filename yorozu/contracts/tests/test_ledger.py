"""The escrow ledger: sums that must balance, and rows that can never be changed."""

import pytest
from django.db.models import Sum
from django.test import override_settings

from yorozu.contracts.actions import do_cancel_contract
from yorozu.contracts.models import LedgerEntry, LedgerImmutableError, LedgerKind
from yorozu.contracts.payments import SandboxGateway, get_gateway, platform_fee
from yorozu.contracts.tests.factories import ContractFactory


def amounts(contract) -> dict[str, int]:
    rows = LedgerEntry.objects.filter(contract=contract).values("kind").annotate(t=Sum("amount"))
    return {row["kind"]: row["t"] for row in rows}


@pytest.mark.parametrize("price", [1000, 80000, 123457, 99_999_999])
def test_completion_releases_deposit_less_fee(price, db):
    contract = ContractFactory(status="completed", price=price)
    got = amounts(contract)
    assert got[LedgerKind.DEPOSIT] == contract.amount == price
    assert got[LedgerKind.FEE] == platform_fee(price) == price * 10 // 100
    assert got[LedgerKind.DEPOSIT] == got[LedgerKind.RELEASE] + got[LedgerKind.FEE]
    assert LedgerKind.REFUND not in got


@override_settings(PLATFORM_FEE_PERCENT=20)
def test_fee_follows_the_setting(db):
    contract = ContractFactory(status="completed", price=50000)
    got = amounts(contract)
    assert got[LedgerKind.FEE] == 10000
    assert got[LedgerKind.RELEASE] == 40000


def test_funded_cancel_refunds_the_deposit_in_full(db):
    contract = ContractFactory(status="funded", price=70000)
    do_cancel_contract(contract, actor=contract.client, note="事情により中止します")
    got = amounts(contract)
    assert got == {LedgerKind.DEPOSIT: 70000, LedgerKind.REFUND: 70000}


@pytest.mark.parametrize("status", ["offered", "accepted"])
def test_cancel_before_funding_moves_no_money(status, db):
    contract = ContractFactory(status=status)
    do_cancel_contract(contract, actor=contract.worker)
    assert amounts(contract) == {}


@pytest.mark.parametrize("status", ["offered", "accepted", "cancelled"])
def test_unfunded_contracts_have_no_ledger(status, db):
    assert amounts(ContractFactory(status=status)) == {}


def test_disputed_contract_keeps_escrow_held(db):
    contract = ContractFactory(status="disputed")
    assert amounts(contract) == {LedgerKind.DEPOSIT: contract.amount}


def test_ledger_rows_cannot_be_changed_or_deleted(db):
    contract = ContractFactory(status="funded")
    entry = LedgerEntry.objects.get(contract=contract)
    entry.amount = 1
    with pytest.raises(LedgerImmutableError):
        entry.save()
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.amount == contract.amount


def test_sandbox_gateway_is_deterministic_and_default():
    gateway = get_gateway()
    assert isinstance(gateway, SandboxGateway)
    assert gateway.deposit(contract_id=5, amount=100) == gateway.deposit(contract_id=5, amount=100)
    assert gateway.deposit(contract_id=5, amount=100) != gateway.refund(contract_id=5, amount=100)


def test_ledger_references_come_from_the_gateway(db):
    contract = ContractFactory(status="funded", price=30000)
    entry = LedgerEntry.objects.get(contract=contract)
    assert entry.gateway_reference == f"sandbox-dep-{contract.pk}-30000"
