"""The data migration: each contract from before milestones becomes one milestone, its ledger
becomes double-entry and sums to zero, balances follow, and a disputed contract reaches the
secretariat's queue."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("contracts", "0002_proposal_held_rejected")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    """Migrate to `targets` and return the models as they are then: every other app at its
    latest state (the tables have their columns), contracts where the targets put it."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    apps_in_targets = {app for app, _name in targets}
    state = [node for node in leaves if node[0] not in apps_in_targets] + list(targets)
    return executor.loader.project_state(state).apps


def test_each_contract_becomes_one_milestone_with_a_balanced_ledger():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Category = old.get_model("catalog", "Category")
    Job = old.get_model("jobs", "Job")
    Proposal = old.get_model("contracts", "Proposal")
    Contract = old.get_model("contracts", "Contract")
    Event = old.get_model("contracts", "ContractEvent")
    Ledger = old.get_model("contracts", "LedgerEntry")
    now = timezone.now()
    client = User.objects.create(email="old-client@example.com", display_name="旧発注者")
    workers = [
        User.objects.create(email=f"old-worker{n}@example.com", display_name=f"旧ワーカー{n}")
        for n in range(4)
    ]
    category = Category.objects.filter(parent__isnull=False).first()

    def contract(status, worker, amount, **stamps):
        job = Job.objects.create(
            client=client,
            title=f"旧契約 {status}",
            category=category,
            main_category=category.parent,
            description="移行前の契約です。",
            budget_min=1000,
            budget_max=100000,
            deadline=timezone.localdate(),
        )
        proposal = Proposal.objects.create(
            job=job, worker=worker, price=amount, message="よろしくお願いします。", delivery_days=5
        )
        return Contract.objects.create(
            job=job,
            proposal=proposal,
            client=client,
            worker=worker,
            title=job.title,
            category=category,
            amount=amount,
            status=status,
            delivery_note=stamps.pop("note", ""),
            **stamps,
        )

    done = contract("completed", workers[0], 50000, funded_at=now, completed_at=now)
    Ledger.objects.create(contract=done, kind="deposit", amount=50000, gateway_reference="d")
    Ledger.objects.create(contract=done, kind="release", amount=45000, gateway_reference="r")
    Ledger.objects.create(contract=done, kind="fee", amount=5000, gateway_reference="r")
    refunded = contract("cancelled", workers[1], 30000, funded_at=now, cancelled_at=now)
    Ledger.objects.create(contract=refunded, kind="deposit", amount=30000, gateway_reference="d2")
    Ledger.objects.create(contract=refunded, kind="refund", amount=30000, gateway_reference="f2")
    long_ago = now - datetime.timedelta(days=30)
    delivered = contract(
        "delivered", workers[2], 20000, funded_at=long_ago, delivered_at=long_ago, note="納品済み"
    )
    Ledger.objects.create(contract=delivered, kind="deposit", amount=20000, gateway_reference="d3")
    disputed = contract("disputed", workers[3], 10000, funded_at=now)
    Ledger.objects.create(contract=disputed, kind="deposit", amount=10000, gateway_reference="d4")
    Event.objects.create(
        contract=disputed, actor=client, from_status="funded", to_status="disputed", note="未納品"
    )
    offered = contract("offered", workers[0], 8000)

    latest = [
        n for n in MigrationExecutor(connection).loader.graph.leaf_nodes() if n[0] == "contracts"
    ]
    new = migrate(latest)
    Milestone = new.get_model("contracts", "Milestone")
    Ledger = new.get_model("contracts", "LedgerEntry")
    Balance = new.get_model("contracts", "WorkerBalance")
    Dispute = new.get_model("contracts", "Dispute")

    got = {m.contract_id: m for m in Milestone.objects.all()}
    assert {
        c.pk: (got[c.pk].status, got[c.pk].amount)
        for c in (done, refunded, delivered, disputed, offered)
    } == {
        done.pk: ("released", 50000),
        refunded.pk: ("refunded", 30000),
        delivered.pk: ("delivered", 20000),
        disputed.pk: ("funded", 10000),
        offered.pk: ("pending", 8000),
    }
    assert got[delivered.pk].delivery_note == "納品済み"
    # a delivery from a month ago is not accepted the moment this ships: a week's notice
    assert got[delivered.pk].acceptance_due_at >= now + datetime.timedelta(days=6)
    for c in (done, refunded, delivered, disputed):
        rows = Ledger.objects.filter(contract_id=c.pk)
        assert sum(rows.values_list("amount", flat=True)) == 0
    held = Ledger.objects.filter(contract_id=delivered.pk, account="escrow")
    assert sum(held.values_list("amount", flat=True)) == 20000
    assert Balance.objects.get(user_id=workers[0].pk).available == 45000
    dispute = Dispute.objects.get(contract_id=disputed.pk)
    assert (dispute.status, dispute.opened_by_id) == ("open", client.pk)
    assert dispute.statements.get().text == "未納品"
