"""Where a worker's earnings go: their bank account, withdrawal requests and payout batches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountType(models.TextChoices):
    """預金種目 as the Zengin format codes it."""

    ORDINARY = "1", _("Ordinary (普通)")
    CURRENT = "2", _("Current (当座)")
    SAVINGS = "4", _("Savings (貯蓄)")


class BankAccount(models.Model):
    """The one bank account a worker's withdrawals are transferred to.

    Codes are checked against the Zengin bank and branch list; the holder's name (口座名義) is
    stored in half-width katakana, exactly as the transfer file carries it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_account"
    )
    bank_code = models.CharField(_("bank code"), max_length=4)
    bank_name = models.CharField(_("bank"), max_length=60)
    bank_kana = models.CharField(max_length=15, blank=True)
    branch_code = models.CharField(_("branch code"), max_length=3)
    branch_name = models.CharField(_("branch"), max_length=60)
    branch_kana = models.CharField(max_length=15, blank=True)
    account_type = models.CharField(
        _("account type"), max_length=1, choices=AccountType.choices, default=AccountType.ORDINARY
    )
    account_number = models.CharField(_("account number"), max_length=7)
    holder_name = models.CharField(_("account holder (half-width katakana)"), max_length=30)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.bank_name} {self.branch_name} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return "*" * (len(self.account_number) - 3) + self.account_number[-3:]


class WithdrawalStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("withdrawal status", "Requested")
    APPROVED = "approved", pgettext_lazy("withdrawal status", "Transfer issued")
    REJECTED = "rejected", pgettext_lazy("withdrawal status", "Returned to balance")


class PayoutBatch(models.Model):
    """Withdrawals a staff member approved together; its Zengin file is what the bank receives."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    transfer_date = models.DateField(_("transfer date"))
    count = models.PositiveIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")

    def __str__(self) -> str:
        return f"PayoutBatch#{self.pk} {self.count} {self.total}"


class Withdrawal(models.Model):
    """A worker asks for `amount` of their balance to be transferred to their bank account.

    The amount leaves the available balance when requested (so two requests can never spend the
    same yen); the bank details are copied, so a later edit never changes an issued transfer.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="withdrawals"
    )
    amount = models.PositiveIntegerField(_("amount (yen)"))
    status = models.CharField(
        max_length=10, choices=WithdrawalStatus.choices, default=WithdrawalStatus.REQUESTED
    )
    # The form's one-time token: a double submit finds the first request instead of a second.
    request_key = models.CharField(max_length=64)
    bank_code = models.CharField(max_length=4)
    bank_name = models.CharField(max_length=60)
    bank_kana = models.CharField(max_length=15, blank=True)
    branch_code = models.CharField(max_length=3)
    branch_name = models.CharField(max_length=60)
    branch_kana = models.CharField(max_length=15, blank=True)
    account_type = models.CharField(max_length=1, choices=AccountType.choices)
    account_number = models.CharField(max_length=7)
    holder_name = models.CharField(max_length=30)
    requested_at = models.DateTimeField(default=timezone.now)
    batch = models.ForeignKey(
        PayoutBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="withdrawals",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reject_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        constraints = [
            models.UniqueConstraint(fields=["user", "request_key"], name="one_withdrawal_per_key"),
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="withdrawal_amount"),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="withdrawal_status")]

    def __str__(self) -> str:
        return f"Withdrawal#{self.pk} {self.user_id} {self.amount} {self.status}"
