"""The secretariat's view of threads and messages: read-only evidence.

Messages are never edited or deleted here; what the secretariat does to a message (release or
reject a held one) will be an admin action calling a messaging action, so it leaves its trail.
"""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from yorozu.messaging.models import Message, Thread

INLINE_FIELDS: tuple[str, ...] = ("created_at", "sender", "status", "body")
MESSAGE_FIELDS: tuple[str, ...] = (
    "thread",
    "sender",
    "status",
    "body",
    "idempotency_key",
    "created_at",
)


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MessageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Message
    extra = 0
    fields = INLINE_FIELDS
    readonly_fields = INLINE_FIELDS
    ordering = ["created_at", "id"]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "job", "client", "worker", "last_message_at", "created_at"]
    list_select_related = ["job", "client", "worker"]
    search_fields = [
        "job__title",
        "client__email",
        "client__display_name",
        "worker__email",
        "worker__display_name",
    ]
    date_hierarchy = "created_at"
    inlines = [MessageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("job", "client", "worker")


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "thread", "sender", "status", "short_body", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["body"]
    list_select_related = ["thread", "sender"]
    date_hierarchy = "created_at"
    fields = MESSAGE_FIELDS
    readonly_fields = MESSAGE_FIELDS

    @admin.display(description=_("message"))
    def short_body(self, obj: Message) -> str:
        return Truncator(obj.body).chars(60)
