"""Job postings by clients."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.core.models import AuditEvent


class PayType(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    HOURLY = "hourly", _("Hourly")


class JobStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("job status", "Open")
    CLOSED = "closed", pgettext_lazy("job status", "Closed")
    # A task or competition whose budget is not yet in escrow: only its owner sees it.
    UNFUNDED = "unfunded", pgettext_lazy("job status", "Awaiting escrow")


class JobFormat(models.TextChoices):
    """How a job is worked (the `formats` app holds what tasks and competitions add)."""

    PROJECT = "project", pgettext_lazy("job format", "Project")
    TASK = "task", pgettext_lazy("job format", "Task")
    COMPETITION = "competition", pgettext_lazy("job format", "Competition")


class JobModeration(models.TextChoices):
    """Whether the secretariat lets a posting be public (set by screening and the console)."""

    PUBLIC = "public", pgettext_lazy("job moderation", "Public")
    HELD = "held", pgettext_lazy("job moderation", "Under review")
    REJECTED = "rejected", pgettext_lazy("job moderation", "Not published")


# What a client writes when posting and may change when editing; everything else is derived.
EDITABLE_FIELDS = (
    "title",
    "category",
    "description",
    "pay_type",
    "budget_min",
    "budget_max",
    "deadline",
    "hires_wanted",
)


class Job(models.Model):
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    title = models.CharField(_("title"), max_length=100)
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.PROTECT,
        related_name="jobs",
        verbose_name=_("category"),
    )
    # The main category, copied from category.parent so search by main category needs no join.
    main_category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, related_name="+", editable=False
    )
    description = models.TextField(_("description"), max_length=10000)
    pay_type = models.CharField(
        _("payment type"), max_length=10, choices=PayType.choices, default=PayType.FIXED
    )
    budget_min = models.PositiveIntegerField(_("minimum budget (yen)"))
    budget_max = models.PositiveIntegerField(_("maximum budget (yen)"))
    deadline = models.DateField(_("application deadline"))
    hires_wanted = models.PositiveSmallIntegerField(_("number of hires"), default=1)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.OPEN)
    format = models.CharField(
        _("format"), max_length=12, choices=JobFormat.choices, default=JobFormat.PROJECT
    )
    proposal_count = models.PositiveIntegerField(default=0)
    # Screening's outcome: only public postings appear to anyone but their owner and staff.
    moderation = models.CharField(
        max_length=10, choices=JobModeration.choices, default=JobModeration.PUBLIC
    )
    # Why the secretariat did not publish it, shown to the poster.
    moderation_reason = models.TextField(blank=True)
    # Screening's reasons when it cautioned (verdict "warn"): workers see them beside the
    # posting until the secretariat has reviewed it. Empty for a clean posting.
    assessment = models.JSONField(_("assessment"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        # Each search sort has an index that ends in its full ORDER BY, tie-breaker included:
        # SQLite otherwise sorts every matching row (joined for the cards) to return 20 of them.
        # bench/bench_job_search.py measures the difference.
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="job_open_new"),
            models.Index(
                fields=["status", "main_category", "-created_at", "-id"], name="job_open_main"
            ),
            models.Index(fields=["status", "category", "-created_at", "-id"], name="job_open_sub"),
            models.Index(fields=["status", "-budget_max", "-id"], name="job_open_budget"),
            models.Index(fields=["status", "deadline", "-id"], name="job_open_deadline"),
            models.Index(fields=["-created_at", "-id"], name="job_all_new"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min__lte=models.F("budget_max")),
                name="job_budget_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.OPEN

    @property
    def card_client_name(self) -> str:
        """The poster's public name from joined rows only, so a card never costs a query.

        The selectors join `client__client_profile` (see `jobs.selectors.with_card_relations`);
        a list built without it shows the display name, or nothing, instead of a query per card.
        """
        if not Job.client.is_cached(self):  # type: ignore[attr-defined]
            return ""
        client = self.client
        profile_cache = type(client).client_profile.related  # type: ignore[attr-defined]
        if profile_cache.is_cached(client):
            profile = profile_cache.get_cached_value(client)
            if profile is not None:
                return profile.public_name  # type: ignore[attr-defined]
        return client.display_name

    @property
    def caution_reasons(self) -> list[dict]:
        """The reasons workers are cautioned with (a warned posting not yet reviewed)."""
        if (self.assessment or {}).get("verdict") != "warn":
            return []
        return list(self.assessment.get("reasons") or [])

    @property
    def is_project(self) -> bool:
        return self.format == JobFormat.PROJECT

    @property
    def is_public(self) -> bool:
        return self.moderation == JobModeration.PUBLIC

    @property
    def deadline_passed(self) -> bool:
        return self.deadline < timezone.localdate()

    @property
    def accepting_proposals(self) -> bool:
        """A project open, public and its deadline not yet passed (tasks and competitions take
        answers and entries instead). `accepting_proposals_q` is the same test for a query."""
        return self.is_project and self.is_open and self.is_public and not self.deadline_passed


def accepting_proposals_q() -> models.Q:
    """`Job.accepting_proposals` as a filter: what a scout, an invitation or a proposal can be
    about. One definition, so a list never offers a job its action then refuses (a task or a
    competition offered for a scout that could not be accepted)."""
    return models.Q(
        format=JobFormat.PROJECT,
        status=JobStatus.OPEN,
        moderation=JobModeration.PUBLIC,
        deadline__gte=timezone.localdate(),
    )


class JobEvent(AuditEvent):
    """Append-only audit of a posting's life: posted, edited, closed."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.event_type} job={self.job_id}"
