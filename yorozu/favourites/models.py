"""What people keep for later: clients favourite workers and jobs, workers favourite jobs and
follow clients. One row per (owner, kind, target)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FavouriteKind(models.TextChoices):
    WORKER = "worker", _("Favourite worker")
    JOB = "job", _("Favourite job")
    CLIENT = "client", _("Followed client")


class Favourite(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FavouriteKind.choices)
    # A worker or a client (kind worker / client), or a job (kind job).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="favourited_by",
    )
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.CASCADE, null=True, blank=True, related_name="favourited_by"
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "person"],
                condition=Q(person__isnull=False),
                name="one_favourite_per_person",
            ),
            models.UniqueConstraint(
                fields=["owner", "job"], condition=Q(job__isnull=False), name="one_favourite_job"
            ),
            models.CheckConstraint(
                condition=(Q(kind="job", job__isnull=False, person__isnull=True))
                | (Q(kind__in=["worker", "client"], job__isnull=True, person__isnull=False)),
                name="favourite_target_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["owner", "kind", "-created_at"], name="favourite_list")]

    def __str__(self) -> str:
        return f"Favourite({self.owner_id}, {self.kind}, {self.person_id or self.job_id})"
