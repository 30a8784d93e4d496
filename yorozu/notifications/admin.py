"""The secretariat's view of what each user was told."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from yorozu.notifications.models import Notification

NOTIFICATION_FIELDS: tuple[str, ...] = (
    "user",
    "kind",
    "title",
    "body",
    "url",
    "collapse_key",
    "created_at",
    "read_at",
)


class UnreadFilter(admin.SimpleListFilter):
    title = _("read")
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("no", _("Unread")), ("yes", _("Read"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(read_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(read_at__isnull=False)
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind", UnreadFilter, "created_at"]
    search_fields = ["title", "body", "user__email", "user__display_name"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    fields = NOTIFICATION_FIELDS
    readonly_fields = NOTIFICATION_FIELDS

    # What a user was told is a record: the admin shows it and changes nothing.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
