"""Workers: denormalized facts search filters on, scouts, and the filter-usage record."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.core.models import AuditEvent


class WorkerCategoryStat(models.Model):
    """How many contracts a worker completed in one category (main or sub).

    Kept up to date by the contract-completion action and rebuildable from contracts by the
    `rebuild_worker_stats` command, so search never aggregates contracts at query time.
    """

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="category_stats"
    )
    category = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, related_name="+")
    completed_count = models.PositiveIntegerField(default=0)
    # The worker's search row, joined on the same worker id (no column of its own): relevance
    # for one category walks `stat_category_count` and filters on the row it meets.
    search_row = models.ForeignObject(
        "workers.WorkerSearchRow",
        on_delete=models.DO_NOTHING,
        from_fields=["worker"],
        to_fields=["worker"],
        related_name="+",
        null=True,  # no column: the migration must not ask for a default
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "category"], name="one_stat_per_category")
        ]
        indexes = [
            models.Index(fields=["category", "worker"], name="stat_category_worker"),
            # Relevance for one category walks this index in order and stops after a page.
            models.Index(
                fields=["category", "-completed_count", "worker"], name="stat_category_count"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id}:{self.category_id}={self.completed_count}"


# Sort keys are NOT NULL so that one plain descending index serves a sort on SQLite and on
# PostgreSQL alike (whose DESC puts NULLs first): an unrated worker has rating_key -1, a worker
# never seen active has NEVER_ACTIVE.
UNRATED = -1
NEVER_ACTIVE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# Every search-row index ends in these, so a page's rows query reads the index alone (SQLite
# keeps worker_id, the rowid, in every index) and never the wide row with its haystack.
_COVERING = ["gender", "prefecture", "birth_date", "accepts_scouts", "identity_verified"]


class WorkerSearchRow(models.Model):
    """One row per worker with everything worker search filters and sorts on, in one table.

    Search reads this table alone, walking one composite index per sort, instead of joining
    users, profiles and counters and sorting every match. It is derived data: written only by
    `workers.actions.do_refresh_worker_search_rows(worker_ids)`, which the actions that change
    an input call (profile edit, rating recomputation, contract completion, activity, identity
    decision, admin edits), and rebuilt wholesale by `manage.py rebuild_worker_search`.

    Privacy: `gender` and `birth_date` hold the value only while the worker shows it, and NULL
    otherwise ("prefer not to say" is NULL too), so a filter on them cannot match a worker who
    hides them. `is_searchable` is `searchable_workers()` evaluated for this worker, so that
    function stays the one exclusion point; whoever changes what it excludes for a worker
    (e.g. a restriction starting or ending) calls the refresh for that worker.
    """

    worker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_row",
    )
    is_searchable = models.BooleanField(default=False)
    gender = models.CharField(max_length=10, null=True, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    prefecture = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_key = models.SmallIntegerField(default=UNRATED)  # rating_avg × 100, or UNRATED
    rating_count = models.PositiveIntegerField(default=0)
    completed_count = models.PositiveIntegerField(default=0)
    last_active_at = models.DateTimeField(default=NEVER_ACTIVE)
    accepts_scouts = models.BooleanField(default=True)
    identity_verified = models.BooleanField(default=False)
    # Display name, headline, skills and bio, one per line, for the keyword filter.
    haystack = models.TextField(blank=True)

    class Meta:
        indexes = [
            # One per sort, each in its sort's full ORDER BY (ending in the unique worker id),
            # so a first page stops after 21 index entries that pass the filters.
            models.Index(
                fields=[
                    "is_searchable",
                    "-completed_count",
                    "-rating_key",
                    "-worker",
                    "rating_count",
                    *_COVERING,
                ],
                name="wsr_completed",
            ),
            models.Index(
                fields=["is_searchable", "-rating_key", "-rating_count", "-worker", *_COVERING],
                name="wsr_rating",
            ),
            models.Index(
                fields=["is_searchable", "-last_active_at", "-worker", "rating_key", *_COVERING],
                name="wsr_recent",
            ),
            # Relevance for a category meets each worker's row through this one, read alone.
            models.Index(
                fields=["worker", "is_searchable", "rating_key", *_COVERING], name="wsr_worker"
            ),
        ]

    def __str__(self) -> str:
        return f"WorkerSearchRow({self.worker_id})"


class ScoutStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("scout status", "Sent")
    HELD = "held", pgettext_lazy("scout status", "Held for review")
    ACCEPTED = "accepted", pgettext_lazy("scout status", "Accepted")
    DECLINED = "declined", pgettext_lazy("scout status", "Declined")
    REJECTED = "rejected", pgettext_lazy("scout status", "Rejected by the secretariat")


# What the worker sees: a held or rejected scout never reaches them.
WORKER_VISIBLE_STATUSES = (ScoutStatus.SENT, ScoutStatus.ACCEPTED, ScoutStatus.DECLINED)


class Scout(models.Model):
    """A client's invitation to one worker to propose on one of the client's open jobs.

    Stored only when the trust engine lets it through: `verdict` is what it said (allow, warn
    or hold; a block is refused before anything is stored) and `reasons` why, so the worker can
    be warned and the secretariat can review held ones.
    """

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scouts_sent"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scouts_received"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="scouts")
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=ScoutStatus.choices, default=ScoutStatus.SENT
    )
    verdict = models.CharField(_("trust verdict"), max_length=10, default="allow")
    score = models.FloatField(_("trust score"), default=0.0)
    reasons = models.JSONField(_("trust reasons"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scout")
        verbose_name_plural = _("scouts")
        constraints = [
            models.UniqueConstraint(fields=["job", "worker"], name="one_scout_per_job_worker")
        ]
        indexes = [
            # The daily quota counts a client's scouts since midnight in Tokyo.
            models.Index(fields=["client", "created_at"], name="scout_client_day"),
            models.Index(fields=["worker", "status", "-created_at"], name="scout_worker_inbox"),
            models.Index(fields=["status", "created_at"], name="scout_status_queue"),
        ]

    def __str__(self) -> str:
        return f"Scout({self.client_id}→{self.worker_id}, job {self.job_id}, {self.status})"

    @property
    def is_open(self) -> bool:
        """Waiting for the worker's answer."""
        return self.status == ScoutStatus.SENT

    @property
    def warned(self) -> bool:
        return self.verdict == "warn"

    def reason_messages(self, lang: str = "ja") -> list[str]:
        key = "message_en" if lang.startswith("en") else "message_ja"
        return [r.get(key, "") for r in self.reasons if r.get(key)]


class ScoutEvent(AuditEvent):
    """Append-only audit of a scout's life: sent, held, accepted, declined, released, rejected."""

    scout = models.ForeignKey(Scout, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.event_type} scout={self.scout_id}"


class FilterUsageDaily(models.Model):
    """How often worker search was filtered by gender or age band, per value and Tokyo day.

    Aggregated counts only: who searched is never recorded. The secretariat reads it to see
    whether the filters are used the way they are meant to be (finding workers who fit a job),
    because discriminatory job requests are prohibited.
    """

    date = models.DateField(_("date"))
    filter = models.CharField(_("filter"), max_length=20)
    value = models.CharField(_("value"), max_length=20)
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        ordering = ["-date", "filter", "value"]
        verbose_name = _("search filter usage")
        verbose_name_plural = _("search filter usage")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "filter", "value"], name="one_usage_row_per_day_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.filter}={self.value}: {self.count}"
