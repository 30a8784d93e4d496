"""Moderation cases: everything the secretariat must look at, in one queue model.

A case points at one piece of content (a job posting, a message, a scout, a proposal, a profile,
a user) through a generic relation, carries the trust engine's assessment that opened it, and
moves open → claimed → decided. Held messages (issue 4), held postings and the console (issue 7),
and reports (issue 8) all open and decide cases through `yorozu.moderation.actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.core.models import AuditEvent

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class CaseQueue(models.TextChoices):
    JOBS = "jobs", _("Held job postings")
    MESSAGES = "messages", _("Held messages")
    REPORTS = "reports", _("Reports")
    CONTACT_REQUESTS = "contact_requests", _("Requests to contact outside the platform")
    ACCOUNTS = "accounts", _("Accounts")
    DISPUTES = "disputes", _("Disputes")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    CLAIMED = "claimed", _("Claimed")
    DECIDED = "decided", _("Decided")


class CaseDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    REJECT_AND_RESTRICT = "reject_restrict", _("Reject and restrict the account")


# What the console shows for a case's `reason_code` (report cases: "report_<ReportReason>").
REASON_LABELS: dict[str, str | _StrPromise] = {
    "trust_hold": _("Held by screening"),
    "trust_resubmitted": _("Edited while under review"),
    "trust_warn": _("Caution from screening"),
    "rescan_hold": _("Held by a rescan"),
    "contact_request": _("Request to share contact details"),
    "repeat_offender": _("Repeated flagged sends"),
    "strike_threshold": _("Strike threshold reached"),
}


def register_reason_labels(labels: dict[str, str | _StrPromise]) -> None:
    """Apps that open cases for reasons of their own (reports: "report_<reason>") name them
    here from their `ready()`, so the console shows them in words."""
    REASON_LABELS.update(labels)


# The trust engine's verdict stored in a case's assessment, in words.
VERDICT_LABELS = {
    "allow": pgettext_lazy("verdict", "Allowed"),
    "warn": pgettext_lazy("verdict", "Caution"),
    "hold": pgettext_lazy("verdict", "Held"),
    "block": pgettext_lazy("verdict", "Blocked"),
}
# What each audit row of a case records, in words.
EVENT_LABELS = {
    "opened": pgettext_lazy("case event", "Opened"),
    "merged": pgettext_lazy("case event", "Merged a new signal"),
    "claimed": pgettext_lazy("case event", "Claimed"),
    "decided": pgettext_lazy("case event", "Decided"),
    "restricted": pgettext_lazy("case event", "Account restricted"),
}


class ModerationCase(models.Model):
    queue = models.CharField(max_length=20, choices=CaseQueue.choices)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    # The content under review.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    # The account whose content or conduct is under review.
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_cases"
    )
    # Why the case was opened: "trust_hold", "trust_warn", "report", "escalation", ...
    reason_code = models.CharField(max_length=40)
    # The trust engine's assessment at the time: {"verdict", "score", "reasons": [...]}.
    assessment = models.JSONField(default=dict, blank=True)
    priority = models.PositiveIntegerField(default=0, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=CaseDecision.choices, blank=True)
    # Shown to the user when the decision is a rejection.
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-priority", "created_at", "id"]
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        indexes = [
            models.Index(fields=["queue", "status", "-priority", "created_at"], name="case_queue"),
            models.Index(fields=["content_type", "object_id"], name="case_content"),
            models.Index(fields=["subject_user", "created_at"], name="case_subject"),
        ]
        constraints = [
            # At most one undecided case per piece of content and queue: new signals merge into it.
            models.UniqueConstraint(
                fields=["queue", "content_type", "object_id"],
                condition=~models.Q(status="decided"),
                name="one_live_case_per_content",
            )
        ]

    def __str__(self) -> str:
        return f"Case#{self.pk} {self.queue} {self.status}"

    @property
    def reason_label(self) -> str | _StrPromise:
        """The reason in words for the console; the code itself when it has none."""
        return REASON_LABELS.get(self.reason_code, self.reason_code)

    @property
    def verdict_label(self) -> str | _StrPromise:
        verdict = self.assessment.get("verdict", "")
        return VERDICT_LABELS.get(verdict, verdict)


class CaseEvent(AuditEvent):
    """Append-only audit row for every step of a case: opened, merged, claimed, decided."""

    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.event_type} case={self.case_id}"

    @property
    def label(self) -> str | _StrPromise:
        return EVENT_LABELS.get(self.event_type, self.event_type)
