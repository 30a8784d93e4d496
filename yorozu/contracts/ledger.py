"""Posting money movements: each one balanced, each one once, balances kept with it.

Actions call `post()` inside their transaction with the postings of one movement; it refuses an
unbalanced movement, writes the rows (the `(movement, account)` unique constraint refuses a
movement posted twice) and moves the worker balances those rows touch, so `WorkerBalance` always
equals the sum of the WORKER and PAYOUT postings. The `*_postings` builders are pure, so the demo
builder can compose the same rows in bulk.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Sum
from django.utils import timezone

from yorozu.contracts.models import (
    Contract,
    LedgerAccount,
    LedgerEntry,
    LedgerKind,
    Milestone,
    Withdrawal,
    WorkerBalance,
)
from yorozu.jobs.models import Job


class LedgerUnbalanced(Exception):
    """A movement whose postings do not sum to zero: a bug, never a user's mistake."""


@dataclass(frozen=True)
class Posting:
    account: str
    amount: int
    kind: str
    user_id: int | None = None


def movement_key(milestone: Milestone | int, what: str) -> str:
    pk = milestone if isinstance(milestone, int) else milestone.pk
    return f"milestone:{pk}:{what}"


def withdrawal_key(withdrawal: Withdrawal | int, what: str) -> str:
    pk = withdrawal if isinstance(withdrawal, int) else withdrawal.pk
    return f"withdrawal:{pk}:{what}"


# ---- the postings of each movement (pure) ------------------------------------------------------


def deposit_postings(*, client_id: int, cash: int) -> list[Posting]:
    """The client pays `cash` into escrow."""
    return [
        Posting(LedgerAccount.CLIENT, -cash, LedgerKind.DEPOSIT, client_id),
        Posting(LedgerAccount.ESCROW, cash, LedgerKind.DEPOSIT),
    ]


def release_postings(*, worker_id: int, cash: int, fee: int) -> list[Posting]:
    """`cash` leaves escrow: the worker's balance gets it less the platform's `fee`."""
    return [
        Posting(LedgerAccount.ESCROW, -cash, LedgerKind.RELEASE),
        Posting(LedgerAccount.WORKER, cash - fee, LedgerKind.RELEASE, worker_id),
        Posting(LedgerAccount.PLATFORM, fee, LedgerKind.FEE),
    ]


def withholding_postings(*, client_id: int, worker_id: int, amount: int) -> list[Posting]:
    """The client pays the tax withheld from the worker's payment to the tax office."""
    return [
        Posting(LedgerAccount.CLIENT, -amount, LedgerKind.WITHHOLDING, client_id),
        Posting(LedgerAccount.TAX, amount, LedgerKind.WITHHOLDING, worker_id),
    ]


def refund_postings(*, client_id: int, cash: int) -> list[Posting]:
    return [
        Posting(LedgerAccount.ESCROW, -cash, LedgerKind.REFUND),
        Posting(LedgerAccount.CLIENT, cash, LedgerKind.REFUND, client_id),
    ]


def withdrawal_postings(*, worker_id: int, amount: int) -> list[Posting]:
    """A requested withdrawal leaves the available balance for the payout account."""
    return [
        Posting(LedgerAccount.WORKER, -amount, LedgerKind.WITHDRAWAL, worker_id),
        Posting(LedgerAccount.PAYOUT, amount, LedgerKind.WITHDRAWAL, worker_id),
    ]


def payout_postings(*, worker_id: int, amount: int) -> list[Posting]:
    """The transfer is issued to the worker's bank."""
    return [
        Posting(LedgerAccount.PAYOUT, -amount, LedgerKind.PAYOUT, worker_id),
        Posting(LedgerAccount.BANK, amount, LedgerKind.PAYOUT, worker_id),
    ]


def payout_return_postings(*, worker_id: int, amount: int) -> list[Posting]:
    """A withdrawal the secretariat could not pay goes back to the available balance."""
    return [
        Posting(LedgerAccount.PAYOUT, -amount, LedgerKind.PAYOUT_RETURN, worker_id),
        Posting(LedgerAccount.WORKER, amount, LedgerKind.PAYOUT_RETURN, worker_id),
    ]


# ---- writing ---------------------------------------------------------------------------------


def entries(
    movement: str,
    postings: list[Posting],
    *,
    contract: Contract | None = None,
    milestone: Milestone | None = None,
    withdrawal: Withdrawal | None = None,
    job: Job | None = None,
    reference: str = "",
    at: datetime.datetime | None = None,
) -> list[LedgerEntry]:
    """The unsaved rows of one balanced movement (zero postings are dropped)."""
    kept = [p for p in postings if p.amount != 0]
    if sum(p.amount for p in kept) != 0:
        raise LedgerUnbalanced(f"{movement}: {kept}")
    at = at or timezone.now()
    return [
        LedgerEntry(
            contract=contract,
            milestone=milestone,
            withdrawal=withdrawal,
            job=job,
            user_id=p.user_id,
            kind=p.kind,
            account=p.account,
            amount=p.amount,
            movement=movement,
            gateway_reference=reference,
            created_at=at,
        )
        for p in kept
    ]


def post(movement: str, postings: list[Posting], **kwargs) -> list[LedgerEntry]:
    """Write one balanced movement and move the worker balances it touches.

    Call inside the action's transaction. A movement already posted raises IntegrityError (the
    unique `(movement, account)`), a balance driven below zero raises IntegrityError (the CHECK
    constraint): either way the whole action rolls back.
    """
    rows = LedgerEntry.objects.bulk_create(entries(movement, postings, **kwargs))
    apply_to_balances(rows)
    return rows


def apply_to_balances(rows: list[LedgerEntry]) -> None:
    deltas: dict[int, dict[str, int]] = {}
    for row in rows:
        if row.account in (LedgerAccount.WORKER, LedgerAccount.PAYOUT) and row.user_id:
            field = "available" if row.account == LedgerAccount.WORKER else "in_payout"
            per_user = deltas.setdefault(row.user_id, {"available": 0, "in_payout": 0})
            per_user[field] += row.amount
    now = timezone.now()
    for user_id, delta in deltas.items():
        WorkerBalance.objects.get_or_create(user_id=user_id)
        WorkerBalance.objects.filter(user_id=user_id).update(
            available=F("available") + delta["available"],
            in_payout=F("in_payout") + delta["in_payout"],
            updated_at=now,
        )


# ---- reading ---------------------------------------------------------------------------------


def job_escrow_held(job: Job | int) -> int:
    """What escrow holds for a task's or competition's budget now (the `formats` app)."""
    total = LedgerEntry.objects.filter(job=job, account=LedgerAccount.ESCROW).aggregate(
        t=Sum("amount")
    )["t"]
    return int(total or 0)


def escrow_held(milestone: Milestone) -> int:
    """What escrow holds for a milestone now (deposits less what left it)."""
    total = LedgerEntry.objects.filter(milestone=milestone, account=LedgerAccount.ESCROW).aggregate(
        t=Sum("amount")
    )["t"]
    return int(total or 0)


def rebuild_balances() -> int:
    """Set every WorkerBalance from the ledger's sums (the demo builder's bulk rows, a repair);
    returns how many balances were written."""
    sums: dict[int, dict[str, int]] = {}
    rows = (
        LedgerEntry.objects.filter(
            account__in=[LedgerAccount.WORKER, LedgerAccount.PAYOUT], user__isnull=False
        )
        .values("user_id", "account")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        field = "available" if row["account"] == LedgerAccount.WORKER else "in_payout"
        sums.setdefault(row["user_id"], {"available": 0, "in_payout": 0})[field] = row["total"]
    now = timezone.now()
    WorkerBalance.objects.bulk_create(
        [WorkerBalance(user_id=u, updated_at=now, **values) for u, values in sums.items()],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["available", "in_payout", "updated_at"],
    )
    return len(sums)
