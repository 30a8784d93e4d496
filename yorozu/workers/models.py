"""Denormalized per-worker facts that worker search filters on."""

from django.conf import settings
from django.db import models


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "category"], name="one_stat_per_category")
        ]
        indexes = [models.Index(fields=["category", "worker"], name="stat_category_worker")]

    def __str__(self) -> str:
        return f"{self.worker_id}:{self.category_id}={self.completed_count}"
