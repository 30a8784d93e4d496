"""The secretariat's view of scouts (held ones to review) and of how search filters are used."""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from yorozu.core.admin import ReadOnlyAdminMixin
from yorozu.workers.models import FilterUsageDaily, Scout, ScoutEvent

SCOUT_FIELDS: tuple[str, ...] = (
    "client",
    "worker",
    "job",
    "message",
    "status",
    "verdict",
    "score",
    "reasons",
    "created_at",
    "decided_at",
)


class ScoutEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ScoutEvent
    extra = 0
    fields = ("created_at", "event_type", "actor", "data")
    readonly_fields = fields


@admin.register(Scout)
class ScoutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Held scouts wait here (filter by status "held"); release or reject them with an action."""

    list_display = [
        "id",
        "client",
        "worker",
        "job",
        "status",
        "verdict",
        "short_message",
        "created_at",
    ]
    list_filter = ["status", "verdict", "created_at"]
    list_select_related = ["client", "worker", "job"]
    search_fields = ["message", "client__email", "worker__email", "job__title"]
    date_hierarchy = "created_at"
    fields = SCOUT_FIELDS
    readonly_fields = SCOUT_FIELDS
    inlines = [ScoutEventInline]
    # Held scouts are decided in the review console, which records the case decision; the
    # admin only reads them.

    @admin.display(description=_("message"))
    def short_message(self, obj: Scout) -> str:
        return Truncator(obj.message).chars(60)


@admin.register(FilterUsageDaily)
class FilterUsageDailyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """How often worker search was filtered by gender and age band: counts only, per day."""

    list_display = ["date", "filter", "value", "count"]
    list_filter = ["filter", "value", "date"]
    date_hierarchy = "date"
