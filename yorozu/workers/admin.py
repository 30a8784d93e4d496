"""The secretariat's view of scouts (held ones to review) and of how search filters are used."""

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from yorozu.workers.actions import do_reject_held_scout, do_release_held_scout
from yorozu.workers.models import FilterUsageDaily, Scout, ScoutEvent, ScoutStatus

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


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
    actions = ["release_held", "reject_held"]

    def has_change_permission(self, request, obj=None) -> bool:
        # Actions need change permission on the changelist; the fields stay read-only.
        return obj is None and request.user.is_staff

    @admin.display(description=_("message"))
    def short_message(self, obj: Scout) -> str:
        return Truncator(obj.message).chars(60)

    @admin.action(description=_("Deliver the selected held scouts"))
    def release_held(self, request, queryset) -> None:
        done = sum(
            do_release_held_scout(s, actor=request.user)
            for s in queryset.filter(status=ScoutStatus.HELD)
        )
        self.message_user(
            request,
            ngettext("%(n)d scout delivered.", "%(n)d scouts delivered.", done) % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject the selected held scouts"))
    def reject_held(self, request, queryset) -> None:
        done = sum(
            do_reject_held_scout(s, actor=request.user)
            for s in queryset.filter(status=ScoutStatus.HELD)
        )
        self.message_user(
            request,
            ngettext("%(n)d scout rejected.", "%(n)d scouts rejected.", done) % {"n": done},
            messages.SUCCESS,
        )


@admin.register(FilterUsageDaily)
class FilterUsageDailyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """How often worker search was filtered by gender and age band: counts only, per day."""

    list_display = ["date", "filter", "value", "count"]
    list_filter = ["filter", "value", "date"]
    date_hierarchy = "date"
