"""Reports, usage restrictions, strikes, appeals and the enforcement audit log.

A `Report` is one user's report of one item (job, user, message, scout, proposal); reports on the
same item meet in one moderation case (queue "reports"). A `Restriction` is the secretariat's
decision to limit an account; its effect is read in one place, `enforcement.selectors`. A
restriction ends only when its time runs out, by an upheld `Appeal`, or by staff with a recorded
reason. `EnforcementLog` is the append-only record of all of it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RestrictionLevel(models.TextChoices):
    WARNING = "warning", pgettext_lazy("restriction level", "Warning")
    LIMITED = "limited", _("Feature limits")
    SUSPENDED = "suspended", _("Suspension")
    PERMANENT = "permanent", _("Permanent restriction")


# Levels under which the account can do nothing but read its notice and appeal; its content is
# hidden from everyone else.
BLOCKING_LEVELS = (RestrictionLevel.SUSPENDED, RestrictionLevel.PERMANENT)


class Feature(models.TextChoices):
    MESSAGE = "message", _("Sending messages")
    POST = "post", _("Posting and editing jobs")
    SCOUT = "scout", _("Sending scouts")


# The rules a restriction can cite: the sections of the job-posting guidelines, by their anchor
# on /help/guidelines/, named as the statement of reasons shows them.
GUIDELINE_RULES: dict[str, str | Promise] = {
    "prohibited-mlm": _("MLM, network business and pyramid schemes"),
    "prohibited-off-platform": _("Dealing outside yorozu"),
    "prohibited-contact-harvesting": _("Collecting contact details or personal data"),
    "prohibited-upfront-fees": _("Asking workers for fees"),
    "prohibited-bait-and-switch": _("Offering work other than what was posted"),
    "prohibited-unrealistic-rewards": _("Rewards too good to be true"),
    "prohibited-parcel-forwarding": _("Receiving and forwarding parcels"),
    "prohibited-illegal": _("Illegal or harmful work"),
}
# The guideline section each category of the screening engine's rules enforces.
RULE_FOR_CATEGORY: dict[str, str] = {
    "contact": "prohibited-off-platform",
    "offplatform": "prohibited-off-platform",
    "funnel": "prohibited-off-platform",
    "mlm": "prohibited-mlm",
    "data_harvesting": "prohibited-contact-harvesting",
    "id_documents": "prohibited-contact-harvesting",
    "upfront_fee": "prohibited-upfront-fees",
    "bait_switch": "prohibited-bait-and-switch",
    "reward_bait": "prohibited-unrealistic-rewards",
    "task_scam": "prohibited-unrealistic-rewards",
    "parcel": "prohibited-parcel-forwarding",
    "money_transfer": "prohibited-illegal",
    "card_purchase": "prohibited-illegal",
    "account_trading": "prohibited-illegal",
    "name_lending": "prohibited-illegal",
    "casino": "prohibited-illegal",
}


def rule_for_reasons(reasons: list[dict]) -> str:
    """The guideline section a screening's reasons point to (the first that names one), or ""
    for the terms in general."""
    for reason in reasons:
        rule = RULE_FOR_CATEGORY.get(reason.get("category", ""), "")
        if rule:
            return rule
    return ""


class Restriction(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="restrictions"
    )
    level = models.CharField(max_length=10, choices=RestrictionLevel.choices)
    # For the "limited" level: which features are withdrawn (see `features`).
    no_message = models.BooleanField(default=False)
    no_post = models.BooleanField(default=False)
    no_scout = models.BooleanField(default=False)
    # Shown to the user in the statement of reasons.
    reason = models.TextField()
    # The rule broken: a guideline anchor ("prohibited-mlm", ...) or "" for the terms in general.
    rule_code = models.CharField(max_length=80, blank=True)
    # The content the decision is about, as it was described when the decision was taken.
    content_label = models.CharField(max_length=200, blank=True)
    case = models.ForeignKey(
        "moderation.ModerationCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="restrictions",
    )
    starts_at = models.DateTimeField(default=timezone.now)
    # None: until lifted (a permanent restriction, or a suspension without an end date).
    ends_at = models.DateTimeField(null=True, blank=True)
    imposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("usage restriction")
        verbose_name_plural = _("usage restrictions")
        indexes = [
            models.Index(fields=["user", "lifted_at"], name="restriction_user"),
            models.Index(fields=["lifted_at", "level"], name="restriction_live"),
        ]

    def __str__(self) -> str:
        return f"Restriction#{self.pk} {self.level} user={self.user_id}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.lifted_at is None
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )

    @property
    def features(self) -> list[str]:
        """The Feature values withdrawn by this restriction (all of them when blocking)."""
        if self.level in BLOCKING_LEVELS:
            return list(Feature.values)
        return [f for f in Feature.values if getattr(self, f"no_{f}")]

    @property
    def rule_label(self) -> str:
        """The guideline section the restriction cites, in words; "" when it cites the terms
        in general (or a code that names no section)."""
        return str(GUIDELINE_RULES.get(self.rule_code, ""))

    @property
    def appeal_or_none(self):
        """The appeal against this decision, if there is one (templates cannot catch)."""
        try:
            return self.appeal
        except Appeal.DoesNotExist:
            return None

    def feature_labels(self) -> list[str]:
        labels = dict(Feature.choices)
        return [str(labels.get(f, f)) for f in self.features]


def active_restriction_q(now=None, prefix: str = "") -> Q:
    """Restrictions in force at `now` (not lifted, started, not yet ended)."""
    now = now or timezone.now()
    return Q(**{f"{prefix}lifted_at__isnull": True, f"{prefix}starts_at__lte": now}) & (
        Q(**{f"{prefix}ends_at__isnull": True}) | Q(**{f"{prefix}ends_at__gt": now})
    )


class ReportReason(models.TextChoices):
    MLM = "mlm", _("MLM or pyramid scheme")
    OFF_PLATFORM = "off_platform", _("Contact or dealing outside the platform")
    DIFFERENT_WORK = "different_work", _("Work different from the posting")
    UPFRONT_FEES = "upfront_fees", _("Upfront fees")
    HARASSMENT = "harassment", _("Harassment")
    SPAM = "spam", _("Spam")
    OTHER = "other", pgettext_lazy("report reason", "Other")


class ReportTarget(models.TextChoices):
    JOB = "job", _("Job posting")
    USER = "user", pgettext_lazy("report target", "User")
    MESSAGE = "message", pgettext_lazy("report target", "Message")
    SCOUT = "scout", pgettext_lazy("report target", "Scout")
    PROPOSAL = "proposal", pgettext_lazy("report target", "Proposal")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Under review")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """One reporter's report of one item. The reported party never sees who made it."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    target = models.CharField(max_length=10, choices=ReportTarget.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    # The account whose content or conduct is reported.
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_received"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    case = models.ForeignKey(
        "moderation.ModerationCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["reporter", "created_at"], name="report_reporter"),
            models.Index(fields=["content_type", "object_id"], name="report_item"),
            models.Index(fields=["created_at"], name="report_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"], name="one_report_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"Report#{self.pk} {self.target}={self.object_id} {self.status}"


class Strike(models.Model):
    """One upheld violation on an account's record; it stops counting at `expires_at`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strikes"
    )
    case = models.ForeignKey(
        "moderation.ModerationCase", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "expires_at"], name="strike_user")]

    def __str__(self) -> str:
        return f"Strike#{self.pk} user={self.user_id}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Under review")
    UPHELD = "upheld", _("Upheld: the restriction is lifted")
    REJECTED = "rejected", _("Rejected: the restriction stays")


class Appeal(models.Model):
    """The restricted user's one appeal against one restriction decision."""

    restriction = models.OneToOneField(Restriction, on_delete=models.CASCADE, related_name="appeal")
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    text = models.TextField(_("your appeal"), max_length=4000)
    status = models.CharField(
        max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"Appeal#{self.pk} {self.status}"


class EnforcementLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the enforcement log is append-only")

    def delete(self):
        raise PermissionError("the enforcement log is append-only")


class EnforcementLog(models.Model):
    """Append-only record of every report, decision, restriction, lift and appeal."""

    class Event(models.TextChoices):
        REPORT_FILED = "report_filed", _("Report filed")
        REPORT_DECIDED = "report_decided", _("Report case decided")
        STRIKE_ADDED = "strike_added", _("Strike added")
        RESTRICTION_PROPOSED = "restriction_proposed", _("Restriction proposed")
        RESTRICTED = "restricted", _("Account restricted")
        LIFTED = "lifted", _("Restriction lifted")
        APPEAL_FILED = "appeal_filed", _("Appeal filed")
        APPEAL_DECIDED = "appeal_decided", _("Appeal decided")
        STAFF_REFUSED = "staff_refused", _("Staff action refused")

    event_type = models.CharField(max_length=30, choices=Event.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, related_name="+")
    restriction = models.ForeignKey(
        Restriction, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    appeal = models.ForeignKey(Appeal, on_delete=models.SET_NULL, null=True, related_name="+")
    case = models.ForeignKey(
        "moderation.ModerationCase", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = EnforcementLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["event_type", "created_at"], name="enflog_event")]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the enforcement log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the enforcement log is append-only")
