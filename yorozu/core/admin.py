"""Admin helpers every app shares, and the scheduler's record of runs."""

from __future__ import annotations

from django.contrib import admin

from yorozu.core.models import ScheduledRun


class ReadOnlyAdminMixin:
    """Records the secretariat reads in the admin but never edits there (decisions are taken
    in the console, through the actions that write their audit rows)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("task_path", "slot", "enqueued_at", "task_result_id")
    readonly_fields = ("task_path", "slot", "enqueued_at", "task_result_id")
    list_filter = ("task_path",)
