"""Each existing contract becomes one milestone, and its ledger becomes double-entry.

- A milestone (position 1) carries the contract's title, amount, delivery and timestamps; its
  status follows the contract's (completed → paid, cancelled after funding → refunded, …).
- A delivered contract gets an acceptance deadline: the usual 14 days from its delivery, but
  never sooner than 7 days from this migration, so nobody's delivery is accepted behind their
  back the moment this ships.
- A disputed contract gets an open Dispute (with the reporter's note as their statement), so it
  reaches the secretariat's disputes queue instead of staying frozen.
- Each old single-entry ledger row gains its other side (a deposit: client −, escrow +; a release
  and its fee: escrow −, worker +, platform +; a refund: escrow −, client +), every movement sums
  to zero, and each worker's balance is the sum of what was released to them.
"""

import datetime

from django.db import migrations
from django.db.models import Count, Q, Sum
from django.utils import timezone

ACCEPTANCE_PERIOD = datetime.timedelta(days=14)
NOTICE = datetime.timedelta(days=7)
ACTIONS = {
    "offered": "offer",
    "accepted": "accept",
    "funded": "fund",
    "delivered": "deliver",
    "completed": "complete",
    "cancelled": "cancel",
    "disputed": "dispute",
}


def milestone_status(contract) -> str:
    status = contract.status
    if status in ("offered", "accepted"):
        return "pending"
    if status == "completed":
        return "released"
    if status == "cancelled":
        return "refunded" if contract.funded_at else "cancelled"
    if status == "disputed":
        return "delivered" if contract.delivered_at else "funded"
    return status  # funded, delivered


def forwards(apps, schema_editor):
    Contract = apps.get_model("contracts", "Contract")
    Milestone = apps.get_model("contracts", "Milestone")
    ContractEvent = apps.get_model("contracts", "ContractEvent")
    LedgerEntry = apps.get_model("contracts", "LedgerEntry")
    WorkerBalance = apps.get_model("contracts", "WorkerBalance")
    Dispute = apps.get_model("contracts", "Dispute")
    DisputeStatement = apps.get_model("contracts", "DisputeStatement")
    now = timezone.now()

    for contract in Contract.objects.select_related("proposal").iterator(chunk_size=500):
        status = milestone_status(contract)
        start = contract.accepted_at or contract.created_at
        milestone = Milestone.objects.create(
            contract=contract,
            position=1,
            title=contract.title,
            amount=contract.amount,
            due_date=(start + datetime.timedelta(days=contract.proposal.delivery_days)).date(),
            status=status,
            funded_at=contract.funded_at,
            delivered_at=contract.delivered_at,
            delivery_note=contract.delivery_note,
            acceptance_due_at=(
                max(contract.delivered_at + ACCEPTANCE_PERIOD, now + NOTICE)
                if status == "delivered" and contract.status == "delivered"
                else None
            ),
            closed_at=(
                contract.completed_at
                if status == "released"
                else contract.cancelled_at
                if status in ("refunded", "cancelled")
                else None
            ),
            released=contract.amount if status == "released" else 0,
            refunded=contract.amount if status == "refunded" else 0,
        )
        for event in ContractEvent.objects.filter(contract=contract):
            event.action = ACTIONS.get(event.to_status, "")
            if event.to_status != "offered":
                event.milestone = milestone
            event.save(update_fields=["action", "milestone"])

        rows = {row.kind: row for row in LedgerEntry.objects.filter(contract=contract)}
        deposit = rows.get("deposit")
        if deposit is not None:
            key = f"milestone:{milestone.pk}:deposit"
            LedgerEntry.objects.filter(pk=deposit.pk).update(
                milestone=milestone, account="escrow", movement=key, user=None
            )
            LedgerEntry.objects.create(
                contract=contract,
                milestone=milestone,
                user_id=contract.client_id,
                kind="deposit",
                account="client",
                amount=-deposit.amount,
                movement=key,
                gateway_reference=deposit.gateway_reference,
                created_at=deposit.created_at,
            )
        release, fee = rows.get("release"), rows.get("fee")
        if release is not None:
            key = f"milestone:{milestone.pk}:release"
            LedgerEntry.objects.filter(pk=release.pk).update(
                milestone=milestone, account="worker", movement=key, user_id=contract.worker_id
            )
            paid_out = release.amount
            if fee is not None:
                LedgerEntry.objects.filter(pk=fee.pk).update(
                    milestone=milestone, account="platform", movement=key, user=None
                )
                paid_out += fee.amount
            LedgerEntry.objects.create(
                contract=contract,
                milestone=milestone,
                kind="release",
                account="escrow",
                amount=-paid_out,
                movement=key,
                gateway_reference=release.gateway_reference,
                created_at=release.created_at,
            )
        refund = rows.get("refund")
        if refund is not None:
            key = f"milestone:{milestone.pk}:refund"
            LedgerEntry.objects.filter(pk=refund.pk).update(
                milestone=milestone, account="client", movement=key, user_id=contract.client_id
            )
            LedgerEntry.objects.create(
                contract=contract,
                milestone=milestone,
                kind="refund",
                account="escrow",
                amount=-refund.amount,
                movement=key,
                gateway_reference=refund.gateway_reference,
                created_at=refund.created_at,
            )

        if contract.status == "disputed":
            event = (
                ContractEvent.objects.filter(contract=contract, to_status="disputed")
                .order_by("-created_at", "-id")
                .first()
            )
            dispute = Dispute.objects.create(
                contract=contract,
                milestone=milestone,
                reason="reported",
                opened_by_id=event.actor_id if event else None,
                created_at=event.created_at if event else now,
            )
            if event is not None and event.actor_id and event.note:
                DisputeStatement.objects.create(
                    dispute=dispute,
                    author_id=event.actor_id,
                    side="client" if event.actor_id == contract.client_id else "worker",
                    text=event.note,
                    created_at=event.created_at,
                )

    balances = (
        LedgerEntry.objects.filter(account="worker")
        .values("user_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    WorkerBalance.objects.bulk_create(
        [
            WorkerBalance(user_id=row["user_id"], available=row["total"], updated_at=now)
            for row in balances
            if row["user_id"]
        ]
    )


def backwards(apps, schema_editor):
    """Back to one ledger row per (contract, kind): keep each movement's old side (escrow's
    deposit, the worker's release, the platform's fee, the client's refund), summed per contract
    over its milestones; withholding and payouts cannot be written before milestones and are
    dropped. The last delivery note goes back onto the contract."""
    LedgerEntry = apps.get_model("contracts", "LedgerEntry")
    Milestone = apps.get_model("contracts", "Milestone")
    Contract = apps.get_model("contracts", "Contract")
    keep = (
        Q(kind="deposit", account="escrow")
        | Q(kind="release", account="worker")
        | Q(kind="fee", account="platform")
        | Q(kind="refund", account="client")
    )
    LedgerEntry.objects.exclude(keep & Q(contract__isnull=False)).delete()
    for row in (
        LedgerEntry.objects.values("contract_id", "kind").annotate(n=Count("id"), total=Sum("amount"))
    ):
        rows = LedgerEntry.objects.filter(contract_id=row["contract_id"], kind=row["kind"])
        first = rows.order_by("id").first()
        rows.exclude(pk=first.pk).delete()
        rows.filter(pk=first.pk).update(amount=row["total"])
    for milestone in Milestone.objects.exclude(delivery_note="").order_by("position"):
        Contract.objects.filter(pk=milestone.contract_id).update(
            delivery_note=milestone.delivery_note
        )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0003_milestones_and_money")]

    operations = [migrations.RunPython(forwards, backwards)]
