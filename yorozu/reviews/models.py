"""Reviews both ways after a contract completes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STARS = [MinValueValidator(1), MaxValueValidator(5)]


class Direction(models.TextChoices):
    CLIENT_TO_WORKER = "client_to_worker", _("Client reviewing worker")
    WORKER_TO_CLIENT = "worker_to_client", _("Worker reviewing client")


class Review(models.Model):
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_given"
    )
    reviewee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_received"
    )
    direction = models.CharField(max_length=20, choices=Direction.choices)
    overall = models.PositiveSmallIntegerField(_("overall"), validators=STARS)
    quality = models.PositiveSmallIntegerField(_("quality"), validators=STARS)
    communication = models.PositiveSmallIntegerField(_("communication"), validators=STARS)
    timeliness = models.PositiveSmallIntegerField(_("timeliness"), validators=STARS)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "reviewer"], name="one_review_per_side"),
            models.CheckConstraint(
                condition=models.Q(overall__gte=1, overall__lte=5), name="review_overall_1_5"
            ),
        ]
        indexes = [models.Index(fields=["reviewee", "direction"], name="review_reviewee_dir")]

    def __str__(self) -> str:
        return f"Review({self.contract_id}, {self.direction}, {self.overall})"
