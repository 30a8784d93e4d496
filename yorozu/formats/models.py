"""Task-format jobs (タスク形式) and competitions (コンペ形式): what they add to a job posting.

A task or a competition *is* a `jobs.Job` (its `format` says which): title, category, the
instructions or brief as its description, its deadline, screening and moderation, reports and
search all stay the posting's. These rows add what the format needs — the answer form and the
unit price, the prize — and the submissions and entries workers send. Money moves through the
contracts ledger with the posting as its subject (`LedgerEntry.job`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AnswerKind(models.TextChoices):
    TEXT = "text", _("Free text")
    CHOICE = "choice", _("One of several choices")
    URL = "url", _("A link to a page on yorozu")


class TaskJob(models.Model):
    """A task: many workers each do one small paid unit, approved one by one."""

    job = models.OneToOneField(
        "jobs.Job", on_delete=models.CASCADE, primary_key=True, related_name="task"
    )
    question = models.CharField(_("question"), max_length=300)
    answer_kind = models.CharField(
        _("answer form"), max_length=10, choices=AnswerKind.choices, default=AnswerKind.TEXT
    )
    min_length = models.PositiveSmallIntegerField(_("minimum length"), default=0)
    max_length = models.PositiveSmallIntegerField(_("maximum length"), default=400)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    unit_price = models.PositiveIntegerField(_("price per answer (yen)"))
    slots = models.PositiveIntegerField(_("number of answers wanted"))
    per_worker = models.PositiveSmallIntegerField(_("answers per worker"), default=1)
    funded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Kept with each submission and decision, so a card shows them without a query.
    pending_count = models.PositiveIntegerField(default=0)
    approved_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(condition=models.Q(unit_price__gte=1), name="task_unit_price"),
            models.CheckConstraint(condition=models.Q(slots__gte=1), name="task_slots"),
            models.CheckConstraint(
                condition=models.Q(
                    pending_count__lte=models.F("slots") - models.F("approved_count")
                ),
                name="task_never_oversubscribed",
            ),
        ]

    def __str__(self) -> str:
        return f"TaskJob({self.job_id})"

    @property
    def budget(self) -> int:
        """What the client funds into escrow: every slot at the unit price."""
        return self.unit_price * self.slots

    @property
    def slots_left(self) -> int:
        return max(0, self.slots - self.pending_count - self.approved_count)

    @property
    def approval_rate(self) -> int | None:
        """Approved of decided answers, in percent; None before any decision."""
        decided = self.approved_count + self.rejected_count
        return round(self.approved_count * 100 / decided) if decided else None


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", pgettext_lazy("task answer", "Approved")
    REJECTED = "rejected", pgettext_lazy("task answer", "Rejected")


class TaskSubmission(models.Model):
    """One worker's answer to a task: approved (one unit paid) or rejected with a reason."""

    task = models.ForeignKey(TaskJob, on_delete=models.CASCADE, related_name="submissions")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_submissions"
    )
    answer = models.TextField(_("answer"), max_length=4000)
    status = models.CharField(
        max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    # Screening's reasons when it cautioned (verdict "warn"): the client sees them beside it.
    assessment = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    approval_due_at = models.DateTimeField()
    # When the client was reminded that the approval period is about to end (once per answer).
    reminded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # None for an automatic approval at the end of the approval period.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("task answer")
        verbose_name_plural = _("task answers")
        indexes = [
            models.Index(fields=["status", "approval_due_at"], name="submission_due"),
            models.Index(fields=["worker", "-submitted_at"], name="submission_worker"),
            models.Index(fields=["task", "status"], name="submission_task_status"),
        ]

    def __str__(self) -> str:
        return f"TaskSubmission({self.pk}, task={self.task_id})"

    @property
    def is_pending(self) -> bool:
        return self.status == SubmissionStatus.PENDING

    @property
    def caution_reasons(self) -> list[dict]:
        if (self.assessment or {}).get("verdict") != "warn":
            return []
        return list(self.assessment.get("reasons") or [])


class CompetitionStage(models.TextChoices):
    UNFUNDED = "unfunded", _("Awaiting escrow")
    OPEN = "open", _("Taking entries")
    # The client picked nobody in time: the secretariat refunds or awards.
    SECRETARIAT = "secretariat", _("With the secretariat")
    AWARDED = "awarded", _("Winner chosen")
    REFUNDED = "refunded", _("Prize refunded")


class Competition(models.Model):
    """A competition: workers send entries to a brief; the client picks a winner who gets the
    prize, and the rights to the winning entry pass to the client."""

    job = models.OneToOneField(
        "jobs.Job", on_delete=models.CASCADE, primary_key=True, related_name="competition"
    )
    prize = models.PositiveIntegerField(_("prize (yen)"))
    stage = models.CharField(
        max_length=12, choices=CompetitionStage.choices, default=CompetitionStage.UNFUNDED
    )
    entry_count = models.PositiveIntegerField(default=0)
    # How many entries one worker may send (the client's setting; most competitions take one).
    entries_per_worker = models.PositiveSmallIntegerField(_("entries per worker"), default=1)
    funded_at = models.DateTimeField(null=True, blank=True)
    winner = models.ForeignKey(
        "formats.CompetitionEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    awarded_at = models.DateTimeField(null=True, blank=True)
    # When the rights to the winning entry passed to the client (recorded with the award).
    rights_transferred_at = models.DateTimeField(null=True, blank=True)
    # What the secretariat decided and why, when the client picked nobody.
    decision_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        constraints = [
            models.CheckConstraint(condition=models.Q(prize__gte=1), name="competition_prize"),
        ]

    def __str__(self) -> str:
        return f"Competition({self.job_id})"

    @property
    def is_open(self) -> bool:
        return self.stage == CompetitionStage.OPEN


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    WON = "won", _("Winner")


class CompetitionEntry(models.Model):
    """One entry of a worker (up to the competition's `entries_per_worker`): text, files, or
    both. Its files are attachments of the files app (this model is a registered attachment
    host, `formats.attachments`): the client, the entrant and the secretariat see them, and
    after the award the client keeps only the winning entry's files."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competition_entries"
    )
    # May be empty when the entry is its files.
    body = models.TextField(_("entry"), max_length=4000, blank=True)
    status = models.CharField(
        max_length=12, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    # The client's comment to the worker on this entry (screened like a message).
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    assessment = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("competition entry")
        verbose_name_plural = _("competition entries")
        indexes = [
            models.Index(fields=["competition", "worker"], name="entry_competition_worker"),
        ]

    def __str__(self) -> str:
        return f"CompetitionEntry({self.pk}, competition={self.competition_id})"

    @property
    def caution_reasons(self) -> list[dict]:
        if (self.assessment or {}).get("verdict") != "warn":
            return []
        return list(self.assessment.get("reasons") or [])
