"""Proposals, contracts (an explicit state machine), their milestones, cancellations, disputes
and the audit trail of every step."""

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
    price = models.PositiveIntegerField(_("proposed price (yen, incl. tax)"))
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
    """Where a contract stands; while it runs, this mirrors its current milestone.

    `accepted` is "awaiting escrow" for the next milestone (the first one, or the next one after
    a milestone was paid), `funded` is "work in progress", `delivered` is "awaiting acceptance".
    """

    OFFERED = "offered", pgettext_lazy("contract status", "Offered")
    ACCEPTED = "accepted", pgettext_lazy("contract status", "Accepted")
    FUNDED = "funded", pgettext_lazy("contract status", "Escrow funded")
    DELIVERED = "delivered", pgettext_lazy("contract status", "Delivered")
    COMPLETED = "completed", pgettext_lazy("contract status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("contract status", "Cancelled")
    DISPUTED = "disputed", pgettext_lazy("contract status", "Disputed")
    # The secretariat decided a dispute and ended the contract (released, refunded or split).
    RESOLVED = "resolved", pgettext_lazy("contract status", "Settled by the secretariat")


# A contract whose escrow was funded at some point and that was not called off with the money
# returned: the parties are "past escrow" (contact details needed for the work may be shared).
def past_escrow_q(prefix: str = "") -> models.Q:
    """The one "past escrow?" predicate on contracts, as a Q (prefix: a relation path + "__")."""
    return models.Q(**{f"{prefix}funded_at__isnull": False}) & ~models.Q(
        **{f"{prefix}status": ContractStatus.CANCELLED}
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
    # The sum of the milestones' amounts (kept by the offer actions), tax-inclusive.
    amount = models.PositiveIntegerField(_("contract amount (yen)"))
    status = models.CharField(
        max_length=10, choices=ContractStatus.choices, default=ContractStatus.OFFERED
    )
    # A client that is a business withholds income tax (源泉徴収) from each payment.
    withholding = models.BooleanField(_("subject to withholding tax (源泉徴収)"), default=False)
    # Bumped whenever the client edits the offer; the worker accepts one version of the terms.
    terms_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The first funding: escrow was paid in at least once from here on.
    funded_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

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
        return self.funded_at is not None and self.status != ContractStatus.CANCELLED


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("milestone status", "Awaiting escrow")
    FUNDED = "funded", pgettext_lazy("milestone status", "In progress")
    DELIVERED = "delivered", pgettext_lazy("milestone status", "Awaiting acceptance")
    RELEASED = "released", pgettext_lazy("milestone status", "Paid")
    REFUNDED = "refunded", pgettext_lazy("milestone status", "Refunded")
    SETTLED = "settled", pgettext_lazy("milestone status", "Part paid, part refunded")
    CANCELLED = "cancelled", pgettext_lazy("milestone status", "Cancelled")


# A milestone in one of these has its escrow funded and not yet paid out or returned.
HELD_MILESTONE_STATUSES = (MilestoneStatus.FUNDED, MilestoneStatus.DELIVERED)
CLOSED_MILESTONE_STATUSES = (
    MilestoneStatus.RELEASED,
    MilestoneStatus.REFUNDED,
    MilestoneStatus.SETTLED,
    MilestoneStatus.CANCELLED,
)


class Milestone(models.Model):
    """One paid step of a contract: its own amount, due date, escrow, delivery and acceptance.

    Milestones are worked in order; the contract's status follows the first one not closed.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("milestone"), max_length=100)
    amount = models.PositiveIntegerField(_("amount (yen, incl. tax)"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING
    )
    # Withholding kept back by the client when funding (on the whole amount; 0 if none).
    withholding = models.PositiveIntegerField(default=0)
    funded_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_note = models.TextField(_("delivery note"), blank=True, max_length=5000)
    # Times the client asked for changes to a delivery.
    revisions = models.PositiveSmallIntegerField(default=0)
    # When the current delivery is accepted automatically unless the client acts first.
    acceptance_due_at = models.DateTimeField(null=True, blank=True)
    # Reminders of the acceptance deadline sent for the current delivery.
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    auto_accepted = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Of `amount`, what was paid to the worker (before withholding and fee) and what went back.
    released = models.PositiveIntegerField(default=0)
    refunded = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["contract", "position"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["contract", "position"], name="milestone_position"),
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="milestone_amount"),
            models.CheckConstraint(
                condition=models.Q(released__lte=models.F("amount") - models.F("refunded")),
                name="milestone_paid_within_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "acceptance_due_at"], name="milestone_acceptance_due")
        ]

    def __str__(self) -> str:
        return f"Milestone#{self.pk} {self.contract_id}/{self.position}"

    @property
    def is_held(self) -> bool:
        return self.status in HELD_MILESTONE_STATUSES


class ContractEvent(models.Model):
    """Append-only audit row for every contract step (Saleor's OrderEvent).

    `action` names the step (a transition, "auto_accept", "resolve", "edit_offer"…), so steps
    that keep the status (a change request, a cancellation proposal) are recorded too; `data`
    holds the amounts a money step moved.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=32, blank=True)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    note = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action or ''} {self.from_status}->{self.to_status}"


class CancellationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("cancellation status", "Awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("cancellation status", "Agreed")
    DECLINED = "declined", pgettext_lazy("cancellation status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("cancellation status", "Withdrawn")
    ESCALATED = "escalated", pgettext_lazy("cancellation status", "Sent to the secretariat")


class CancellationRequest(models.Model):
    """One party proposes to call off a funded contract, returning `refund` of the milestone's
    amount to the client (the rest is paid to the worker); the other party answers."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="cancellation_requests"
    )
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    refund = models.PositiveIntegerField(_("refund to the client (yen)"))
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        max_length=10, choices=CancellationStatus.choices, default=CancellationStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A silent week sends it to the secretariat.
    answer_due_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answer_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cancellation request")
        verbose_name_plural = _("cancellation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status="open"),
                name="one_open_cancellation_per_contract",
            )
        ]
        indexes = [models.Index(fields=["status", "answer_due_at"], name="cancellation_due")]

    def __str__(self) -> str:
        return f"CancellationRequest#{self.pk} {self.contract_id} {self.status}"


class DisputeReason(models.TextChoices):
    REPORTED = "reported", _("A party reported a problem")
    CANCEL_DECLINED = "cancel_declined", _("A cancellation was declined")
    CANCEL_UNANSWERED = "cancel_unanswered", _("A cancellation went unanswered")
    RESTRICTED = "restricted", _("A party cannot continue on yorozu for now")


class DisputeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("dispute status", "Open")
    RESOLVED = "resolved", pgettext_lazy("dispute status", "Resolved")


class Dispute(models.Model):
    """A contract the secretariat must decide: who gets the escrow of its current milestone.

    A reviewer releases, refunds or splits (release + refund = the milestone's amount), with
    reasons; both parties are told and every step is a ContractEvent.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="disputes")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=DisputeReason.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancellation = models.ForeignKey(
        CancellationRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Of the milestone's amount: paid to the worker, and returned to the client.
    release = models.PositiveIntegerField(null=True, blank=True)
    refund = models.PositiveIntegerField(null=True, blank=True)
    resolution_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status="open"),
                name="one_open_dispute_per_contract",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="dispute_status")]

    def __str__(self) -> str:
        return f"Dispute#{self.pk} {self.contract_id} {self.status}"


class DisputeStatement(models.Model):
    """What one side says about a dispute, in their own words (append-only)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="statements")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10)  # "client" or "worker"
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"DisputeStatement#{self.pk} {self.side}"
