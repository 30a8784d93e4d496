from django.contrib import admin

from yorozu.moderation.models import CaseEvent, ModerationCase


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "event_type", "actor", "data")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ModerationCase)
class ModerationCaseAdmin(admin.ModelAdmin):
    """Read-only view of the queue; decisions are taken through the moderation actions."""

    list_display = (
        "id",
        "queue",
        "status",
        "priority",
        "reason_code",
        "subject_user",
        "created_at",
    )
    list_filter = ("queue", "status", "decision")
    search_fields = ("subject_user__email", "subject_user__display_name", "reason_code")
    readonly_fields = [f.name for f in ModerationCase._meta.fields]
    inlines = [CaseEventInline]

    def has_add_permission(self, request) -> bool:
        return False
