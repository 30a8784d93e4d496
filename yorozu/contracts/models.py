"""Proposals, contracts (an explicit state machine), their audit trail and the escrow ledger."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
    SHORTLISTED = "shortlisted", pgettext_lazy("proposal status", "Shortlisted")
    DECLINED = "declined", pgettext_lazy("proposal status", "Declined")
    HIRED = "hired", pgettext_lazy("proposal status", "Hired")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")
    # Screening held it for the secretariat: the client neither sees it nor is told of it.
    HELD = "held", pgettext_lazy("proposal status", "Under review")
    # The secretariat refused a held proposal; the worker is told why.
    REJECTED = "rejected", pgettext_lazy("proposal status", "Not delivered")


# What a job's client may see: everything but proposals the secretariat holds or refused.
CLIENT_HIDDEN_PROPOSAL_STATUSES = (ProposalStatus.HELD, ProposalStatus.REJECTED)


class Proposal(models.Model):
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="proposals")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposals"
    )
    price = models.PositiveIntegerField(_("proposed price (yen, excl. tax)"))
    message = models.TextField(_("message"), max_length=5000)
    delivery_days = models.PositiveSmallIntegerField(_("estimated delivery (days)"))
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(fields=["job", "worker"], name="one_proposal_per_worker_job")
        ]

    def __str__(self) -> str:
        return f"Proposal({self.job_id}, {self.worker_id})"

    def get_absolute_url(self) -> str:
        return reverse("contracts:proposal_detail", args=[self.pk])


class ContractStatus(models.TextChoices):
    OFFERED = "offered", pgettext_lazy("contract status", "Offered")
    ACCEPTED = "accepted", pgettext_lazy("contract status", "Accepted")
    FUNDED = "funded", pgettext_lazy("contract status", "Escrow funded")
    DELIVERED = "delivered", pgettext_lazy("contract status", "Delivered")
    COMPLETED = "completed", pgettext_lazy("contract status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("contract status", "Cancelled")
    DISPUTED = "disputed", pgettext_lazy("contract status", "Disputed")


# Escrow funded, or any later step of the same contract: from here on the two parties may share
# the contact details the work needs (a contract cancelled before funding never reaches these).
POST_ESCROW_STATUSES = (
    ContractStatus.FUNDED,
    ContractStatus.DELIVERED,
    ContractStatus.COMPLETED,
    ContractStatus.DISPUTED,
)


class Contract(models.Model):
    job = models.ForeignKey("jobs.Job", on_delete=models.PROTECT, related_name="contracts")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="contract")
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_client"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_worker"
    )
    title = models.CharField(max_length=100)
    # Copied from the job at hire time: the category this contract's completion counts under.
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveIntegerField(_("contract amount (yen)"))
    status = models.CharField(
        max_length=10, choices=ContractStatus.choices, default=ContractStatus.OFFERED
    )
    delivery_note = models.TextField(_("delivery note"), blank=True, max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    funded_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        indexes = [
            models.Index(fields=["worker", "status"], name="contract_worker_status"),
            models.Index(fields=["client", "status"], name="contract_client_status"),
            models.Index(fields=["status", "completed_at"], name="contract_status_completed"),
        ]

    def __str__(self) -> str:
        return f"Contract#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("contracts:detail", args=[self.pk])

    @property
    def is_funded_or_later(self) -> bool:
        return self.status in {
            ContractStatus.FUNDED,
            ContractStatus.DELIVERED,
            ContractStatus.COMPLETED,
            ContractStatus.DISPUTED,
        }


class ContractEvent(models.Model):
    """Append-only audit row for every contract transition (Saleor's OrderEvent)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status}->{self.to_status}"


class LedgerKind(models.TextChoices):
    DEPOSIT = "deposit", _("Escrow deposit")
    RELEASE = "release", _("Release to worker")
    REFUND = "refund", _("Refund to client")
    FEE = "fee", _("Platform fee")


class LedgerImmutableError(Exception):
    """Raised on any attempt to change or remove a ledger row: corrections are new rows."""


class LedgerQuerySet(models.QuerySet):
    """Bulk update and delete are refused too, not only the instance methods."""

    def update(self, **kwargs):
        raise LedgerImmutableError("ledger entries are append-only")

    def delete(self):
        raise LedgerImmutableError("ledger entries are append-only")


class LedgerEntry(models.Model):
    """Append-only money movements for a contract; balances are sums, never stored."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=10, choices=LedgerKind.choices)
    amount = models.PositiveIntegerField()
    gateway_reference = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "kind"], name="one_ledger_kind_per_contract"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutableError("ledger entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutableError("ledger entries are append-only")
