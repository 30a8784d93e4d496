from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from yorozu.core.admin import ReadOnlyAdminMixin
from yorozu.trust.models import ScreeningRecord

RECORD_FIELDS: tuple[str, ...] = (
    "author",
    "kind",
    "verdict",
    "text",
    "assessment",
    "scope",
    "content_type",
    "object_id",
    "cleared",
    "created_at",
)


@admin.register(ScreeningRecord)
class ScreeningRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every text the screening door flagged, as written (blocked ones are only here)."""

    list_display = ["id", "author", "kind", "verdict", "short_text", "cleared", "created_at"]
    list_filter = ["kind", "verdict", "cleared", "created_at"]
    list_select_related = ["author"]
    search_fields = ["text", "author__email"]
    date_hierarchy = "created_at"
    fields = RECORD_FIELDS
    readonly_fields = RECORD_FIELDS

    @admin.display(description=_("text"))
    def short_text(self, obj: ScreeningRecord) -> str:
        return Truncator(obj.text).chars(60)
