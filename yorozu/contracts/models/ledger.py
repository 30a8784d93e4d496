"""The ledger: double-entry, append-only money movements, and the balances that mirror it.

Every movement (a deposit, a release, a refund, a withdrawal…) is a set of rows with the same
`movement` key whose signed amounts sum to zero, so every contract's rows sum to zero at every
instant and nothing is ever created or lost. `(movement, account)` is unique: a movement posted
twice (a retried task, a double click that slipped past a lock) fails in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LedgerKind(models.TextChoices):
    DEPOSIT = "deposit", _("Escrow deposit")
    RELEASE = "release", _("Release to worker")
    REFUND = "refund", _("Refund to client")
    FEE = "fee", _("Platform fee")
    WITHHOLDING = "withholding", _("Withholding tax (源泉徴収)")
    WITHDRAWAL = "withdrawal", _("Withdrawal requested")
    PAYOUT = "payout", _("Bank transfer")
    PAYOUT_RETURN = "payout_return", _("Withdrawal returned to the balance")


class LedgerAccount(models.TextChoices):
    # Outside the platform: what the client paid in (negative) and got back (positive).
    CLIENT = "client", _("Client")
    # Held for one milestone until it is released or refunded.
    ESCROW = "escrow", _("Escrow")
    # The worker's earnings on yorozu, available to withdraw (mirrored by WorkerBalance).
    WORKER = "worker", _("Worker's balance")
    PLATFORM = "platform", _("Platform fees")
    # Withheld income tax the client pays to the tax office on the worker's behalf.
    TAX = "tax", _("Withholding tax")
    # Requested withdrawals not yet sent to the bank.
    PAYOUT = "payout", _("Withdrawals in progress")
    # Outside the platform: transferred to the worker's bank account.
    BANK = "bank", _("Bank transfers")


class LedgerImmutableError(Exception):
    """Raised on any attempt to change or remove a ledger row: corrections are new rows."""


class LedgerQuerySet(models.QuerySet):
    """Bulk update and delete are refused too, not only the instance methods."""

    def update(self, **kwargs):
        raise LedgerImmutableError("ledger entries are append-only")

    def delete(self):
        raise LedgerImmutableError("ledger entries are append-only")


class LedgerEntry(models.Model):
    """One posting of a movement to one account; balances are sums, never edited rows."""

    contract = models.ForeignKey(
        "contracts.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger",
    )
    milestone = models.ForeignKey(
        "contracts.Milestone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger",
    )
    withdrawal = models.ForeignKey(
        "contracts.Withdrawal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger",
    )
    # A task's or competition's escrow (the `formats` app): the posting is the subject, as a
    # contract is for a milestone's.
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger",
    )
    # Whose account (the client for CLIENT, the worker for WORKER/PAYOUT/BANK/TAX).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=16, choices=LedgerKind.choices)
    account = models.CharField(max_length=10, choices=LedgerAccount.choices)
    # Signed yen: what the account gained (positive) or gave (negative).
    amount = models.BigIntegerField()
    # The movement this posting belongs to, e.g. "milestone:12:release"; also the idempotency
    # key the gateway is called with.
    movement = models.CharField(max_length=64)
    gateway_reference = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.UniqueConstraint(fields=["movement", "account"], name="one_posting_per_account"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_amount_nonzero"),
            models.CheckConstraint(
                condition=models.Q(contract__isnull=False)
                | models.Q(withdrawal__isnull=False)
                | models.Q(job__isnull=False),
                name="ledger_has_a_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "user"], name="ledger_account_user"),
            models.Index(fields=["movement"], name="ledger_movement"),
        ]

    def __str__(self) -> str:
        return f"{self.movement} {self.account} {self.amount:+}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutableError("ledger entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutableError("ledger entries are append-only")


class WorkerBalance(models.Model):
    """A worker's money on yorozu, kept equal to the sums of their WORKER and PAYOUT postings
    in the same transaction as those postings.

    The CHECK constraints are the last line of defence: however two requests interleave, the
    database refuses a balance below zero, so no yen is ever paid out twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="balance",
    )
    available = models.BigIntegerField(default=0)
    in_payout = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("worker balance")
        verbose_name_plural = _("worker balances")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available__gte=0), name="balance_never_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(in_payout__gte=0), name="payout_never_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"WorkerBalance({self.user_id}) {self.available}"
