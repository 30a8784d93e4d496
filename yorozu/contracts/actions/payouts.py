"""Earnings leave yorozu: the worker's bank account, withdrawal requests, and the secretariat's
batches of transfers.

A request takes its amount out of the available balance at once (WORKER → PAYOUT), under a lock
on the balance row and behind the CHECK constraint, so parallel requests can never spend the
same yen twice. A batch issues the transfers (PAYOUT → BANK) and its Zengin file goes to the
bank; a withdrawal the secretariat cannot pay goes back to the balance (PAYOUT → WORKER).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import AccountEvent, User
from yorozu.contracts import banks, ledger
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import (
    AccountType,
    BankAccount,
    PayoutBatch,
    Withdrawal,
    WithdrawalStatus,
    WorkerBalance,
)
from yorozu.contracts.notices import notify
from yorozu.core.staff import MANAGE_PAYOUTS, require_staff_permission


@dataclass(frozen=True)
class BankAccountData:
    bank_code: str
    branch_code: str
    account_type: str
    account_number: str
    holder_name: str


def _earnings_url() -> str:
    return reverse("contracts:earnings")


def clean_bank_account(data: BankAccountData) -> dict:
    """Check codes against the bank list and write the holder in half-width katakana; the
    fields to store, or ContractError saying what is wrong."""
    bank = banks.find_bank(data.bank_code)
    if bank is None:
        raise ContractError(
            _("There is no bank with the code %(code)s.") % {"code": data.bank_code}
        )
    branch = banks.find_branch(data.bank_code, data.branch_code)
    if branch is None:
        raise ContractError(
            _("%(bank)s has no branch with the code %(code)s.")
            % {"bank": bank.name, "code": data.branch_code}
        )
    if data.account_type not in AccountType.values:
        raise ContractError(_("Please choose the account type."))
    number = data.account_number.strip()
    if not number.isdigit() or not 1 <= len(number) <= 7:
        raise ContractError(_("The account number is up to 7 digits."))
    try:
        holder = banks.to_zengin_kana(data.holder_name)
    except banks.KanaError as exc:
        raise ContractError(
            _("Write the account holder in katakana as the bank has it (not: %(chars)s).")
            % {"chars": str(exc)}
        ) from exc
    if not holder.strip() or len(holder) > 30:
        raise ContractError(_("The account holder is 1 to 30 half-width characters."))
    return {
        "bank_code": bank.code,
        "bank_name": bank.name,
        "bank_kana": bank.kana,
        "branch_code": branch.code,
        "branch_name": branch.name,
        "branch_kana": branch.kana,
        "account_type": data.account_type,
        "account_number": number.zfill(7),
        "holder_name": holder,
    }


@transaction.atomic(durable=True)
def do_save_bank_account(*, user: User, data: BankAccountData, actor: User) -> BankAccount:
    """Register or change the bank account withdrawals go to; the change is audited and the
    worker told (a changed payout account is what a hijacked login would do first)."""
    if actor.pk != user.pk:
        raise PermissionDenied("only the account holder registers their bank account")
    fields = clean_bank_account(data)
    account, created = BankAccount.objects.update_or_create(
        user=user, defaults={**fields, "updated_at": timezone.now()}
    )
    AccountEvent.objects.create(
        user=user,
        actor=actor,
        event_type="bank_account_registered" if created else "bank_account_changed",
        data={
            "bank": fields["bank_code"],
            "branch": fields["branch_code"],
            "account": account.masked_number,
        },
    )
    notify(
        user,
        kind="bank_account_changed",
        title=_("Your bank account for withdrawals was saved"),
        body=_(
            "%(bank)s %(branch)s %(number)s. If you did not do this, contact the "
            "secretariat at once."
        ),
        url=_earnings_url(),
        params={
            "bank": fields["bank_name"],
            "branch": fields["branch_name"],
            "number": account.masked_number,
        },
    )
    return account


@transaction.atomic(durable=True)
def do_request_withdrawal(*, user: User, amount: int, request_key: str, actor: User) -> Withdrawal:
    """Ask for `amount` of the available balance to be transferred to the registered account.

    The same `request_key` (the form's token) twice returns the first request: a double click
    is one withdrawal. The balance row is locked while it is checked and debited.
    """
    if actor.pk != user.pk:
        raise PermissionDenied("only the worker withdraws their earnings")
    existing = Withdrawal.objects.filter(user=user, request_key=request_key).first()
    if existing is not None:
        return existing
    if amount < settings.WITHDRAWAL_MINIMUM:
        raise ContractError(
            _("The minimum withdrawal is ¥%(min)s.") % {"min": f"{settings.WITHDRAWAL_MINIMUM:,}"}
        )
    account = BankAccount.objects.filter(user=user).first()
    if account is None:
        raise ContractError(_("Please register a bank account first."))
    balance = WorkerBalance.objects.select_for_update().filter(user=user).first()
    if balance is None or balance.available < amount:
        raise ContractError(
            _("Your available balance is ¥%(balance)s.")
            % {"balance": f"{balance.available if balance else 0:,}"}
        )
    try:
        with transaction.atomic():
            withdrawal = Withdrawal.objects.create(
                user=user,
                amount=amount,
                request_key=request_key[:64],
                bank_code=account.bank_code,
                bank_name=account.bank_name,
                bank_kana=account.bank_kana,
                branch_code=account.branch_code,
                branch_name=account.branch_name,
                branch_kana=account.branch_kana,
                account_type=account.account_type,
                account_number=account.account_number,
                holder_name=account.holder_name,
            )
    except IntegrityError:  # the same key raced in from another request
        return Withdrawal.objects.get(user=user, request_key=request_key[:64])
    ledger.post(
        ledger.withdrawal_key(withdrawal, "request"),
        ledger.withdrawal_postings(worker_id=user.pk, amount=amount),
        withdrawal=withdrawal,
    )
    return withdrawal


def _require_staff(actor: User, *, about=()) -> None:
    """Payouts are the administrators' (`core.manage_payouts`); nobody approves their own."""
    require_staff_permission(actor, MANAGE_PAYOUTS, about=about)


@transaction.atomic(durable=True)
def do_approve_payouts(
    withdrawal_ids: list[int], *, transfer_date: datetime.date, actor: User
) -> PayoutBatch:
    """Approve requested withdrawals together: one batch, one Zengin file, each transfer
    recorded in the ledger (PAYOUT → BANK) and its worker told."""
    _require_staff(actor)
    if transfer_date < timezone.localdate():
        raise ContractError(_("The transfer date cannot be in the past."))
    withdrawals = list(
        Withdrawal.objects.select_for_update()
        .filter(pk__in=withdrawal_ids, status=WithdrawalStatus.REQUESTED)
        .order_by("requested_at", "id")
    )
    if not withdrawals:
        raise ContractError(_("Please choose at least one requested withdrawal."))
    _require_staff(actor, about=[w.user_id for w in withdrawals])
    now = timezone.now()
    batch = PayoutBatch.objects.create(
        created_by=actor,
        created_at=now,
        transfer_date=transfer_date,
        count=len(withdrawals),
        total=sum(w.amount for w in withdrawals),
    )
    for withdrawal in withdrawals:
        withdrawal.status = WithdrawalStatus.APPROVED
        withdrawal.batch = batch
        withdrawal.decided_at = now
        withdrawal.decided_by = actor
        ledger.post(
            ledger.withdrawal_key(withdrawal, "payout"),
            ledger.payout_postings(worker_id=withdrawal.user_id, amount=withdrawal.amount),
            withdrawal=withdrawal,
            reference=f"batch-{batch.pk}",
        )
        notify(
            withdrawal.user,
            kind="withdrawal_approved",
            title=_("Your withdrawal of ¥%(amount)s is on its way"),
            body=_("It will be transferred to %(bank)s %(branch)s on %(date)s."),
            url=_earnings_url(),
            params={
                "amount": f"{withdrawal.amount:,}",
                "bank": withdrawal.bank_name,
                "branch": withdrawal.branch_name,
                "date": transfer_date.strftime("%Y/%m/%d"),
            },
        )
    Withdrawal.objects.bulk_update(withdrawals, ["status", "batch", "decided_at", "decided_by"])
    return batch


@transaction.atomic(durable=True)
def do_reject_withdrawal(withdrawal: Withdrawal, *, reason: str, actor: User) -> Withdrawal:
    """Return a requested withdrawal to the worker's balance, saying why (a closed account…)."""
    _require_staff(actor, about=[withdrawal.user_id])
    reason = (reason or "").strip()
    if not reason:
        raise ContractError(_("Please give the reason."))
    locked = Withdrawal.objects.select_for_update().get(pk=withdrawal.pk)
    if locked.status != WithdrawalStatus.REQUESTED:
        raise ContractError(_("Only a requested withdrawal can be returned."))
    locked.status = WithdrawalStatus.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.reject_reason = reason[:300]
    locked.save(update_fields=["status", "decided_at", "decided_by", "reject_reason"])
    ledger.post(
        ledger.withdrawal_key(locked, "return"),
        ledger.payout_return_postings(worker_id=locked.user_id, amount=locked.amount),
        withdrawal=locked,
    )
    notify(
        locked.user,
        kind="withdrawal_rejected",
        title=_("Your withdrawal of ¥%(amount)s was returned to your balance"),
        body=_("Reason: %(reason)s"),
        url=_earnings_url(),
        params={"amount": f"{locked.amount:,}", "reason": reason},
    )
    return locked


@transaction.atomic(durable=True)
def do_record_transfer_file_download(batch: PayoutBatch, *, actor: User) -> PayoutBatch:
    """Note when the batch's Zengin file was first taken (the file itself is rebuilt from the
    batch's withdrawals, so every download is the same file)."""
    _require_staff(actor)
    PayoutBatch.objects.filter(pk=batch.pk, downloaded_at__isnull=True).update(
        downloaded_at=timezone.now()
    )
    batch.refresh_from_db()
    return batch
