"""A worker's portfolio: works they show on their profile (title, description, category, an
optional link) with pictures or files attached through the files app (a `portfolio_work` host).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkStatus(models.TextChoices):
    SHOWN = "shown", pgettext_lazy("portfolio work status", "Shown")
    # The secretariat took it down (an upheld report): only its worker sees it, marked.
    TAKEN_DOWN = "taken_down", pgettext_lazy("portfolio work status", "Taken down")


class PortfolioWork(models.Model):
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_works"
    )
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    link = models.URLField(_("link"), max_length=200, blank=True)
    # The worker's order (0 first), changed by moving a work up or down.
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=WorkStatus.choices, default=WorkStatus.SHOWN)
    # The screening of its text (title, description, link) when last saved: {} when clean.
    assessment = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("portfolio work")
        verbose_name_plural = _("portfolio works")
        indexes = [models.Index(fields=["worker", "position"], name="portfolio_worker_order")]

    def __str__(self) -> str:
        return f"PortfolioWork({self.pk}, {self.title})"

    @property
    def text(self) -> str:
        """What is screened, as one text (title, description, link)."""
        return work_text(self.title, self.description, self.link)


def work_text(title: str, description: str, link: str) -> str:
    return "\n".join(p for p in (title, description, link) if p)
