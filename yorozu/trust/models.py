"""The Django side of the trust engine: rules staff edit, their daily hits, rescans, tokens.

The engine (`yorozu/trust/engine`) takes rules as data; `TrustRule` is that data as rows, so the
secretariat adds, tunes, shadows and retires rules without a deploy. `RuleSetVersion` is one row
whose number goes up whenever the rule set changes, so every process rebuilds its engine after
one cheap read. `RuleHitDaily` counts what each rule matched per day (the flood guard reads it),
`ContentToken` indexes the URLs, e-mail addresses, phone numbers and IDs found in content (the
console's "related items"), and `Rescan`/`RescanChunk` record a background re-assessment so a
killed worker resumes where it stopped.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.core.models import AuditEvent


class RuleState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("rule state", "Draft")
    SHADOW = "shadow", pgettext_lazy("rule state", "Shadow")
    LIVE = "live", pgettext_lazy("rule state", "Live")
    ARCHIVED = "archived", pgettext_lazy("rule state", "Archived")


# The state machine: which states a rule may move to from each state.
RULE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    RuleState.DRAFT: (RuleState.SHADOW, RuleState.ARCHIVED),
    RuleState.SHADOW: (RuleState.LIVE, RuleState.DRAFT, RuleState.ARCHIVED),
    RuleState.LIVE: (RuleState.SHADOW, RuleState.ARCHIVED),
    RuleState.ARCHIVED: (RuleState.DRAFT,),
}


class TrustRule(models.Model):
    """One engine `Rule` as a row. A row whose code equals a shipped rule's replaces that rule."""

    code = models.SlugField(_("code"), max_length=60, unique=True, allow_unicode=False)
    category = models.CharField(_("category"), max_length=30)
    weight = models.FloatField(_("weight"))
    message_ja = models.CharField(_("message (Japanese)"), max_length=300)
    message_en = models.CharField(_("message (English)"), max_length=300, blank=True)
    # One entry per line in the form; stored as JSON lists.
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    patterns = models.JSONField(_("patterns"), default=list, blank=True)
    near = models.JSONField(_("must be near"), default=list, blank=True)
    window = models.PositiveIntegerField(_("window (characters)"), default=30)
    unless_near = models.JSONField(_("unless near"), default=list, blank=True)
    negatable = models.BooleanField(_("negation cancels it"), default=True)
    discussable = models.BooleanField(_("discussion cancels it"), default=False)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    stages = models.JSONField(_("stages"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RuleState.choices, default=RuleState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The last backtest: {"days", "scanned": {...}, "flagged": {...}, "samples": [...]}.
    backtest = models.JSONField(default=dict, blank=True)
    backtested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("trust rule")
        verbose_name_plural = _("trust rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=0) & models.Q(weight__lte=10),
                name="trust_rule_weight_range",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def backtest_current(self) -> bool:
        """A backtest was run since the rule last changed: what going live requires."""
        return self.backtested_at is not None and self.backtested_at >= self.updated_at

    def allowed_states(self) -> tuple[str, ...]:
        return RULE_TRANSITIONS.get(self.state, ())


class TrustRuleEvent(AuditEvent):
    """Append-only audit of a rule's life: created, edited, state changes, backtests."""

    rule = models.ForeignKey(TrustRule, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.event_type} rule={self.rule_id}"


class RuleSetVersion(models.Model):
    """A single row (pk=1): its number goes up whenever the live or shadow rule set changes."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"rules v{self.version}"


class RuleHitDaily(models.Model):
    """How often a rule fired on one day (live hits and shadow hits apart)."""

    code = models.CharField(max_length=60)
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)
    shadow_hits = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "day"], name="one_hit_row_per_rule_day")
        ]
        indexes = [models.Index(fields=["day"], name="rulehit_day")]

    def __str__(self) -> str:
        return f"{self.code} {self.day}: {self.hits}"


class VerdictDaily(models.Model):
    """How many texts of one kind got one verdict on one day (the console's dashboard)."""

    day = models.DateField()
    kind = models.CharField(max_length=10)
    verdict = models.CharField(max_length=10)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "kind", "verdict"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "verdict"], name="one_verdict_row_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.verdict}: {self.count}"


class TokenKind(models.TextChoices):
    URL = "url", _("URL")
    EMAIL = "email", _("E-mail address")
    PHONE = "phone", _("Phone number")
    HANDLE = "handle", _("ID")


class ContentToken(models.Model):
    """A contact-like token found in a piece of content, to find the same one elsewhere."""

    token = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=TokenKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_tokens"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "token"], name="token_lookup"),
            models.Index(fields=["content_type", "object_id"], name="token_content"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "token"], name="one_token_per_content"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.token}"


class RescanStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("rescan status", "Waiting")
    RUNNING = "running", pgettext_lazy("rescan status", "Running")
    DONE = "done", pgettext_lazy("rescan status", "Done")


class Rescan(models.Model):
    """A re-assessment of open jobs and recent messages after the live rules changed."""

    status = models.CharField(
        max_length=10, choices=RescanStatus.choices, default=RescanStatus.PENDING
    )
    reason = models.CharField(max_length=200, blank=True)
    rules_version = models.PositiveBigIntegerField(default=0)
    message_days = models.PositiveIntegerField(default=30)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    new_holds = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Rescan#{self.pk} {self.status}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == RescanStatus.DONE else 0
        return min(100, int(self.processed * 100 / self.total))


class RescanChunk(models.Model):
    """One id range of one kind; `cursor` is the last id processed, advanced with each batch.

    Workers take chunks with SKIP LOCKED (PostgreSQL) one batch at a time, so two workers split
    the work and a killed worker's batch rolls back and is simply done again by the next run.
    """

    rescan = models.ForeignKey(Rescan, on_delete=models.CASCADE, related_name="chunks")
    kind = models.CharField(max_length=10)  # "job" | "message"
    start_id = models.PositiveBigIntegerField()
    end_id = models.PositiveBigIntegerField()
    cursor = models.PositiveBigIntegerField()
    processed = models.PositiveIntegerField(default=0)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["rescan", "done"], name="rescan_chunk_todo")]

    def __str__(self) -> str:
        return f"{self.kind}[{self.start_id}..{self.end_id}] @{self.cursor}"


class ScreeningRecord(models.Model):
    """A text the screening door flagged (warn, hold or block), as it was written.

    One row per flagged attempt, whatever the kind: the evidence a reviewer reads (the text that
    was held, beside a later edit), what the slow-down and the repeat-offender escalation count
    (holds and blocks within a window; a hold the secretariat approved is `cleared`), and where
    a refused text's contact details are indexed for "related items". `scope` names where it was
    said ("thread:12"), so a sender's consecutive messages can be read together.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_records"
    )
    kind = models.CharField(_("kind"), max_length=10)
    verdict = models.CharField(_("verdict"), max_length=10)
    text = models.TextField(_("text"))
    assessment = models.JSONField(_("assessment"), default=dict, blank=True)
    scope = models.CharField(max_length=40, blank=True)
    # The content it became (a held message, a warned posting); empty for a refused text.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    cleared = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("screening record")
        verbose_name_plural = _("screening records")
        indexes = [
            models.Index(fields=["author", "created_at"], name="screening_author_time"),
            models.Index(fields=["content_type", "object_id"], name="screening_content"),
            models.Index(fields=["scope", "created_at"], name="screening_scope_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.verdict} by {self.author_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def reasons(self) -> list[dict]:
        return list((self.assessment or {}).get("reasons") or [])
