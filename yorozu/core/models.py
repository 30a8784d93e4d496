"""What every app builds on: the abstract audit event, the secretariat's permissions (no
table: Django permissions need a model to hang on) and the scheduler's record of runs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """An append-only audit row: who (None for the system) did what to the row it belongs to,
    with its details. Each app's event model adds the foreign key to what it audits (a posting,
    a scout, a case, a rule) and is written in the same transaction as the change."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    event_type = models.CharField(max_length=30)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class Secretariat(models.Model):
    """The anchor of the secretariat's permissions (`core.<codename>`); see `core.staff`."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("review_content", _("Review held content and reports")),
            ("verify_identity", _("Decide identity documents")),
            ("view_audit", _("Read the audit log")),
            ("restrict_accounts", _("Restrict and reinstate accounts")),
            ("decide_appeals", _("Decide appeals")),
            ("manage_rules", _("Manage screening rules and rescans")),
            ("manage_payouts", _("Approve withdrawals and download transfer files")),
        ]

    def __str__(self) -> str:
        return "secretariat"


class QuotaHit(models.Model):
    """One counted action in a quota window (`core.quotas`): a key and when. Trimmed as it ages."""

    key = models.CharField(max_length=200)
    at = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="quota_key_at")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.at}"


class ScheduledRun(models.Model):
    """One row per (scheduled task, slot) the scheduler has enqueued: the idempotency record.

    A daily task's slot is the local date; a periodic task's is its interval number.
    """

    task_path = models.CharField(max_length=200)
    slot = models.CharField(max_length=40)
    enqueued_at = models.DateTimeField(default=timezone.now)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-enqueued_at", "task_path"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["task_path", "slot"], name="one_run_per_task_slot")
        ]
        indexes = [models.Index(fields=["enqueued_at"], name="scheduled_run_enqueued")]

    def __str__(self) -> str:
        return f"{self.task_path} {self.slot}"


class PageVersion(models.Model):
    """A counter per kind of cached page, raised by database triggers on every write to what
    those pages show (`core.pages`): a cached page is stored under the counter's value, so the
    first request after a write's commit reads the new value and renders afresh."""

    name = models.CharField(max_length=40, primary_key=True)
    n = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.n}"
