"""The two-level job category taxonomy (main categories and their subcategories)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    slug = models.SlugField(max_length=60, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = get_language() or "ja"
        return self.name_en if lang.startswith("en") else self.name_ja

    @property
    def is_main(self) -> bool:
        return self.parent_id is None
