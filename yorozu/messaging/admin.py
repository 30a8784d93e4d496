"""The secretariat's view of threads and messages: read-only evidence, plus the cautions.

Messages are never edited or deleted here; what the secretariat does to a held message or a
contact request is an admin action calling a messaging action (the same the review console
calls), so it leaves its trail. Cautions are the one thing edited here: they are copy.
"""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from yorozu.core.admin import ReadOnlyAdminMixin
from yorozu.messaging.models import (
    Caution,
    ContactRequest,
    Message,
    Thread,
)

ADMIN_REJECT_REASON = _("It breaks the guidelines (decided by the secretariat).")

INLINE_FIELDS: tuple[str, ...] = ("created_at", "sender", "status", "body")
MESSAGE_FIELDS: tuple[str, ...] = (
    "thread",
    "sender",
    "status",
    "body",
    "assessment",
    "idempotency_key",
    "created_at",
)


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
    # Held messages are decided in the review console, which records the case decision; the
    # admin only reads them.

    @admin.display(description=_("message"))
    def short_body(self, obj: Message) -> str:
        return Truncator(obj.body).chars(60)


@admin.register(Caution)
class CautionAdmin(admin.ModelAdmin):
    list_display = ["reader_role", "title_ja", "enabled", "updated_at"]
    list_editable = ["enabled"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


CONTACT_FIELDS: tuple[str, ...] = (
    "thread",
    "requested_by",
    "reason",
    "status",
    "created_at",
    "decided_by",
    "decided_at",
    "decision_reason",
)


@admin.register(ContactRequest)
class ContactRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "thread", "requested_by", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["thread", "requested_by"]
    fields = CONTACT_FIELDS
    readonly_fields = CONTACT_FIELDS
    # Requests are decided in the review console (contact-requests queue).
