"""Reads about money: earnings, documents, and the secretariat's disputes and payouts queues.

`access_*` fetch and authorize in one call (404 for anyone who may not see the thing).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from yorozu.accounts.models import User
from yorozu.contracts.models import (
    BankAccount,
    Contract,
    Dispute,
    DisputeStatement,
    DisputeStatus,
    LedgerAccount,
    LedgerEntry,
    LedgerKind,
    Milestone,
    MilestoneStatus,
    PayoutBatch,
    Withdrawal,
    WithdrawalStatus,
    WorkerBalance,
)
from yorozu.core.staff import MANAGE_PAYOUTS, REVIEW, has_staff_permission
from yorozu.messaging.models import Message, Thread

# ---- earnings -----------------------------------------------------------------------------


def balance_of(user: User) -> WorkerBalance:
    """The worker's balance (an unsaved zero balance if they never earned)."""
    return WorkerBalance.objects.filter(user=user).first() or WorkerBalance(user=user)


def bank_account_of(user: User) -> BankAccount | None:
    return BankAccount.objects.filter(user=user).first()


def _with_amounts(milestones: QuerySet[Milestone]) -> QuerySet[Milestone]:
    """Each paid milestone with its withholding, fee and take-home from the ledger."""
    return milestones.annotate(
        take_home=Sum(
            "ledger__amount",
            filter=Q(ledger__account=LedgerAccount.WORKER, ledger__kind=LedgerKind.RELEASE),
        ),
        fee=Sum("ledger__amount", filter=Q(ledger__account=LedgerAccount.PLATFORM)),
        withheld=Sum("ledger__amount", filter=Q(ledger__account=LedgerAccount.TAX)),
    )


def earnings_of(user: User) -> QuerySet[Milestone]:
    """The worker's paid milestones, newest first, with gross, withholding, fee and take-home."""
    return _with_amounts(
        Milestone.objects.filter(contract__worker=user, released__gt=0)
        .select_related("contract", "contract__client")
        .order_by("-closed_at", "-id")
    )


def yearly_earnings(user: User) -> list[dict]:
    """Per calendar year (Japan time): gross paid, withholding, fees and take-home."""
    tz = timezone.get_current_timezone()
    rows = (
        LedgerEntry.objects.filter(contract__worker=user)
        .filter(
            Q(account=LedgerAccount.WORKER, kind=LedgerKind.RELEASE)
            | Q(account__in=[LedgerAccount.PLATFORM, LedgerAccount.TAX])
        )
        .annotate(year=ExtractYear("created_at", tzinfo=tz))
        .values("year", "account")
        .annotate(total=Sum("amount"))
        .order_by("-year")
    )
    years: dict[int, dict] = {}
    for row in rows:
        entry = years.setdefault(
            row["year"], {"year": row["year"], "take_home": 0, "fee": 0, "withholding": 0}
        )
        key = {"worker": "take_home", "platform": "fee", "tax": "withholding"}[row["account"]]
        entry[key] += row["total"]
    for entry in years.values():
        entry["gross"] = entry["take_home"] + entry["fee"] + entry["withholding"]
    return sorted(years.values(), key=lambda e: -e["year"])


def withdrawals_of(user: User) -> QuerySet[Withdrawal]:
    return Withdrawal.objects.filter(user=user).order_by("-requested_at", "-id")


# ---- documents ------------------------------------------------------------------------------


def access_contract_documents(user: User, contract_id: int) -> Contract:
    """A contract's invoices and receipts are for its two parties only (404 for others,
    the secretariat included: they see the ledger, not the parties' tax papers)."""
    try:
        return Contract.objects.select_related(
            "client", "client__client_profile", "worker", "job"
        ).get(Q(client_id=user.pk) | Q(worker_id=user.pk), pk=contract_id)
    except Contract.DoesNotExist as exc:
        raise Http404 from exc


def billable_milestones(contract: Contract) -> list[Milestone]:
    """Milestones with documents: an invoice once the offer is accepted, a receipt once paid."""
    if contract.accepted_at is None:
        return []
    return list(contract.milestones.exclude(status=MilestoneStatus.CANCELLED).order_by("position"))


def access_milestone_document(user: User, contract_id: int, position: int) -> Milestone:
    contract = access_contract_documents(user, contract_id)
    for milestone in billable_milestones(contract):
        if milestone.position == position:
            milestone.contract = contract
            return milestone
    raise Http404


@dataclass(frozen=True)
class PaymentStatement:
    """One 支払調書 line: what a withholding client paid one worker in a year."""

    year: int
    client: User
    worker: User
    gross: int
    withholding: int
    payments: int


def payment_statements_for(user: User) -> list[PaymentStatement]:
    """The yearly 支払調書 the user is party to (as the paying client or the paid worker)."""
    tz = timezone.get_current_timezone()
    rows = (
        LedgerEntry.objects.filter(account=LedgerAccount.TAX)
        .filter(Q(contract__client=user) | Q(contract__worker=user))
        .annotate(year=ExtractYear("created_at", tzinfo=tz))
        .values("year", "contract__client_id", "contract__worker_id")
        .annotate(withheld=Sum("amount"))
        .order_by("-year")
    )
    statements = []
    for row in rows:
        statements.append(
            payment_statement(
                row["year"],
                client_id=row["contract__client_id"],
                worker_id=row["contract__worker_id"],
            )
        )
    return [s for s in statements if s is not None]


def payment_statement(year: int, *, client_id: int, worker_id: int) -> PaymentStatement | None:
    """What `client` paid `worker` in `year` on withholding contracts (None if nothing)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    paid = Milestone.objects.filter(
        contract__client_id=client_id,
        contract__worker_id=worker_id,
        contract__withholding=True,
        released__gt=0,
        closed_at__gte=start,
        closed_at__lt=end,
    )
    totals = paid.aggregate(gross=Sum("released"))
    withheld = LedgerEntry.objects.filter(
        account=LedgerAccount.TAX,
        contract__client_id=client_id,
        contract__worker_id=worker_id,
        created_at__gte=start,
        created_at__lt=end,
    ).aggregate(total=Sum("amount"))["total"]
    if not totals["gross"]:
        return None
    users = User.objects.in_bulk([client_id, worker_id])
    return PaymentStatement(
        year=year,
        client=users[client_id],
        worker=users[worker_id],
        gross=totals["gross"],
        withholding=withheld or 0,
        payments=paid.count(),
    )


def access_payment_statement(
    user: User, year: int, *, client_id: int, worker_id: int
) -> PaymentStatement:
    if user.pk not in (client_id, worker_id):
        raise Http404
    statement = payment_statement(year, client_id=client_id, worker_id=worker_id)
    if statement is None:
        raise Http404
    return statement


# ---- the secretariat: disputes ------------------------------------------------------------


def open_disputes() -> QuerySet[Dispute]:
    return (
        Dispute.objects.filter(status=DisputeStatus.OPEN)
        .select_related("contract", "contract__client", "contract__worker", "milestone")
        .order_by("created_at", "id")
    )


def recently_resolved_disputes(limit: int = 20) -> QuerySet[Dispute]:
    return (
        Dispute.objects.filter(status=DisputeStatus.RESOLVED)
        .select_related("contract", "resolved_by", "milestone")
        .order_by("-resolved_at", "-id")[:limit]
    )


def open_dispute_count() -> int:
    return Dispute.objects.filter(status=DisputeStatus.OPEN).count()


def access_dispute(user: User, dispute_id: int) -> Dispute:
    """A dispute, for the secretariat only (404 for everyone else)."""
    if not has_staff_permission(user, REVIEW):
        raise Http404
    try:
        return Dispute.objects.select_related(
            "contract",
            "contract__client",
            "contract__worker",
            "contract__job",
            "milestone",
            "opened_by",
            "resolved_by",
            "cancellation",
            "cancellation__proposed_by",
        ).get(pk=dispute_id)
    except Dispute.DoesNotExist as exc:
        raise Http404 from exc


def dispute_statements(dispute: Dispute) -> QuerySet[DisputeStatement]:
    return dispute.statements.select_related("author").order_by("created_at", "id")


def dispute_thread(dispute: Dispute, limit: int = 100) -> list[Message]:
    """The parties' messages on the job (oldest first, the latest `limit`)."""
    contract = dispute.contract
    thread = Thread.objects.filter(job_id=contract.job_id, worker_id=contract.worker_id).first()
    if thread is None:
        return []
    messages = list(
        Message.objects.filter(thread=thread)
        .select_related("sender")
        .order_by("-created_at")[:limit]
    )
    messages.reverse()
    return messages


# ---- the secretariat: payouts ---------------------------------------------------------------


def requested_withdrawals() -> QuerySet[Withdrawal]:
    return (
        Withdrawal.objects.filter(status=WithdrawalStatus.REQUESTED)
        .select_related("user")
        .order_by("requested_at", "id")
    )


def recent_batches(limit: int = 20) -> QuerySet[PayoutBatch]:
    return PayoutBatch.objects.select_related("created_by").order_by("-created_at", "-id")[:limit]


def access_batch(user: User, batch_id: int) -> PayoutBatch:
    if not has_staff_permission(user, MANAGE_PAYOUTS):
        raise Http404
    try:
        return PayoutBatch.objects.get(pk=batch_id)
    except PayoutBatch.DoesNotExist as exc:
        raise Http404 from exc


def batch_withdrawals(batch: PayoutBatch) -> QuerySet[Withdrawal]:
    return batch.withdrawals.select_related("user").order_by("requested_at", "id")


def access_withdrawal_for_staff(user: User, withdrawal_id: int) -> Withdrawal:
    if not has_staff_permission(user, MANAGE_PAYOUTS):
        raise Http404
    try:
        return Withdrawal.objects.select_related("user").get(pk=withdrawal_id)
    except Withdrawal.DoesNotExist as exc:
        raise Http404 from exc
