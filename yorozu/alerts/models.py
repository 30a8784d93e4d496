"""Saved searches and the daily digest of what is new in them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    JOB = "job", _("Job search")
    WORKER = "worker", _("Worker search")


class SavedSearch(models.Model):
    """A search with its filters (the query string of the search page), and what was sent.

    `seen_ids` holds the ids of the matches already known (set when it is saved, then by each
    digest), newest first and capped, so a digest lists only what is new to its owner — a job
    approved late, or a worker who newly qualifies, included.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SearchKind.choices)
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    alerts = models.BooleanField(_("daily digest"), default=True)
    seen_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        indexes = [models.Index(fields=["alerts", "owner"], name="saved_search_alerts")]

    def __str__(self) -> str:
        return f"SavedSearch({self.owner_id}, {self.kind}, {self.name})"


class DigestRun(models.Model):
    """When a person's last digest ran: followed clients' jobs newer than it are news."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"DigestRun({self.user_id}, {self.last_run_at})"
