"""Certified clients (認定クライアント) and worker tiers (認定ワーカー, プロ認定ワーカー): the
criteria as data per programme, each account's stored result, history.

The secretariat edits `Criterion` rows in the admin, each belonging to one `Programme`; the daily
evaluation (`actions.py`) writes one `CertificationStatus` per client and one `WorkerTierStatus`
per worker with every criterion's value, so pages only read; every grant and revocation is kept as
a `CertificationEvent` / `WorkerTierEvent` with the criteria that failed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """The metrics the evaluator implements; `docs/certification.md` defines each precisely."""

    IDENTITY_VERIFIED = "identity_verified", _("Identity verified (1 = yes, 0 = no)")
    LATE_OR_FAILED_FUNDING = "late_or_failed_funding", _("Late or failed escrow fundings")
    COMPLETED_ORDER_VALUE = "completed_order_value", _("Completed orders worth (yen)")
    HIRE_RATE = "hire_rate", _("Posted jobs that led to a hire (%)")
    SATISFIED_REVIEW_RATE = "satisfied_review_rate", _("Satisfied reviews from workers (%)")
    RESPONSE_RATE = "response_rate", _("Proposals and messages answered within 72 hours (%)")
    UPHELD_VIOLATIONS = "upheld_violations", _("Upheld violations or restrictions")
    TASK_APPROVAL_RATE = "task_approval_rate", _("Task answers approved (%)")
    # Worker metrics (the worker's side of contracts, reviews, messages and scouts).
    COMPLETED_CONTRACTS = "completed_contracts", _("Contracts completed as a worker")
    AVERAGE_RATING = "average_rating", _("Average rating from clients (stars)")
    ON_TIME_DELIVERY_RATE = "on_time_delivery_rate", _("Milestones delivered by their due date (%)")
    WORKER_RESPONSE_RATE = (
        "worker_response_rate",
        _("Clients' messages and scouts answered within 72 hours (%)"),
    )


class Programme(models.TextChoices):
    """Who a criterion is for: the certified-client programme or one level of worker tier."""

    CLIENT = "client", _("Certified client")
    WORKER = "worker", _("Certified worker")
    PRO_WORKER = "pro_worker", _("Pro certified worker")


# The worker tiers from the lowest up: a tier is held when its criteria and those of every tier
# below it are met.
WORKER_TIERS = (Programme.WORKER, Programme.PRO_WORKER)

# The metrics each programme's criteria may use (the evaluator computes them for that side).
SHARED_METRICS = {Metric.IDENTITY_VERIFIED, Metric.UPHELD_VIOLATIONS}
CLIENT_METRICS = SHARED_METRICS | {
    Metric.LATE_OR_FAILED_FUNDING,
    Metric.COMPLETED_ORDER_VALUE,
    Metric.HIRE_RATE,
    Metric.SATISFIED_REVIEW_RATE,
    Metric.RESPONSE_RATE,
    Metric.TASK_APPROVAL_RATE,
}
WORKER_METRICS = SHARED_METRICS | {
    Metric.COMPLETED_CONTRACTS,
    Metric.AVERAGE_RATING,
    Metric.ON_TIME_DELIVERY_RATE,
    Metric.WORKER_RESPONSE_RATE,
}


def metrics_for(programme: str) -> set[Metric]:
    return CLIENT_METRICS if programme == Programme.CLIENT else WORKER_METRICS


class Comparison(models.TextChoices):
    GTE = ">=", _("at least")
    LTE = "<=", _("at most")
    EQ = "==", _("exactly")


class Criterion(models.Model):
    """One condition an account must meet for a programme; disabled criteria are ignored."""

    programme = models.CharField(
        _("programme"), max_length=20, choices=Programme.choices, default=Programme.CLIENT
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_ja = models.CharField(_("label (Japanese)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)
    metric = models.CharField(_("metric"), max_length=40, choices=Metric.choices)
    comparison = models.CharField(
        _("comparison"), max_length=2, choices=Comparison.choices, default=Comparison.GTE
    )
    threshold = models.DecimalField(_("threshold"), max_digits=12, decimal_places=2)
    window_days = models.PositiveIntegerField(
        _("window (days)"),
        default=182,
        help_text=_("How many days back the metric looks; 0 for a metric without a window."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("certification criterion")
        verbose_name_plural = _("certification criteria")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.metric and self.programme and self.metric not in metrics_for(self.programme):
            raise ValidationError({"metric": _("This metric is not computed for this programme.")})

    @property
    def label(self) -> str:
        """The label in the language of the request (Japanese unless English is chosen)."""
        return self.label_en if (get_language() or "ja").startswith("en") else self.label_ja

    def passes(self, value: float | None) -> bool:
        """Whether a metric value meets this criterion; no value (no record yet) never does."""
        if value is None:
            return False
        threshold = float(self.threshold)
        if self.comparison == Comparison.GTE:
            return value >= threshold
        if self.comparison == Comparison.LTE:
            return value <= threshold
        return value == threshold

    def progress_percent(self, value: float | None) -> int:
        """How far towards the threshold, 0–100, for the progress bar."""
        if value is None:
            return 0
        if self.passes(value):
            return 100
        threshold = float(self.threshold)
        if self.comparison == Comparison.GTE and threshold > 0:
            return max(0, min(99, int(value / threshold * 100)))
        return 0


class CertificationStatus(models.Model):
    """A client's latest evaluation: whether certified, since when, and every criterion's value."""

    client = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="certification",
    )
    certified = models.BooleanField(_("certified"), default=False)
    since = models.DateTimeField(_("certified since"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), default=timezone.now)
    # {criterion code: metric value or null (no record)} as of evaluated_at.
    values = models.JSONField(_("values"), default=dict, blank=True)
    # The codes of the enabled criteria that were not met.
    failed = models.JSONField(_("failed criteria"), default=list, blank=True)

    class Meta:
        verbose_name = _("certification status")
        verbose_name_plural = _("certification statuses")
        indexes = [models.Index(fields=["certified"], name="cert_status_certified")]

    def __str__(self) -> str:
        return f"CertificationStatus({self.client_id}, {self.certified})"


class CertificationEvent(models.Model):
    """Append-only history of grants and revocations, with the reason."""

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REVOKED = "revoked", _("Revoked")

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certification_events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    failed = models.JSONField(_("failed criteria"), default=list, blank=True)
    values = models.JSONField(_("values"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("certification event")
        verbose_name_plural = _("certification events")
        indexes = [models.Index(fields=["client", "-created_at"], name="cert_event_client")]

    def __str__(self) -> str:
        return f"{self.kind} {self.client_id}"


class WorkerTierStatus(models.Model):
    """A worker's latest tier evaluation: the tier held (blank for none), since when, and every
    worker criterion's value (of every tier, so the progress page shows the next level too)."""

    worker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="worker_tier",
    )
    tier = models.CharField(
        _("tier"),
        max_length=20,
        blank=True,
        choices=[(p.value, p.label) for p in WORKER_TIERS],
    )
    since = models.DateTimeField(_("tier held since"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), default=timezone.now)
    values = models.JSONField(_("values"), default=dict, blank=True)
    failed = models.JSONField(_("failed criteria"), default=list, blank=True)

    class Meta:
        verbose_name = _("worker tier status")
        verbose_name_plural = _("worker tier statuses")
        indexes = [models.Index(fields=["tier"], name="worker_tier_tier")]

    def __str__(self) -> str:
        return f"WorkerTierStatus({self.worker_id}, {self.tier or '-'})"

    @property
    def tier_label(self) -> str:
        return str(Programme(self.tier).label) if self.tier else ""


class WorkerTierEvent(models.Model):
    """Append-only history of tiers granted and revoked, with the criteria that failed."""

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REVOKED = "revoked", _("Revoked")

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worker_tier_events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The tier granted, or the tier lost.
    tier = models.CharField(
        _("tier"), max_length=20, choices=[(p.value, p.label) for p in WORKER_TIERS]
    )
    failed = models.JSONField(_("failed criteria"), default=list, blank=True)
    values = models.JSONField(_("values"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("worker tier event")
        verbose_name_plural = _("worker tier events")
        indexes = [models.Index(fields=["worker", "-created_at"], name="worker_tier_event_worker")]

    def __str__(self) -> str:
        return f"{self.kind} {self.tier} {self.worker_id}"
