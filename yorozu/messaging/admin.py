"""The secretariat's view of threads and messages: read-only evidence, plus the cautions.

Messages are never edited or deleted here; what the secretariat does to a held message or a
contact request is an admin action calling a messaging action (the same the review console
calls), so it leaves its trail. Cautions are the one thing edited here: they are copy.
"""

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from yorozu.messaging.actions import (
    ContactRequestRefused,
    do_decide_contact_request,
    do_reject_held_message,
    do_release_held_message,
)
from yorozu.messaging.models import (
    BlockedAttempt,
    Caution,
    ContactRequest,
    ContactRequestStatus,
    Message,
    MessageStatus,
    Thread,
)
from yorozu.moderation.actions import CaseError

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
    actions = ["release_held", "reject_held"]

    @admin.display(description=_("message"))
    def short_body(self, obj: Message) -> str:
        return Truncator(obj.body).chars(60)

    def _decide(self, request, queryset, decide) -> None:
        done = 0
        for message in queryset.filter(status=MessageStatus.HELD):
            try:
                decide(message)
            except CaseError as exc:
                self.message_user(request, f"#{message.pk}: {exc}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, _("%(n)s held messages decided.") % {"n": done})

    @admin.action(description=_("Release the selected held messages"))
    def release_held(self, request, queryset) -> None:
        self._decide(request, queryset, lambda m: do_release_held_message(m, actor=request.user))

    @admin.action(description=_("Reject the selected held messages"))
    def reject_held(self, request, queryset) -> None:
        self._decide(
            request,
            queryset,
            lambda m: do_reject_held_message(
                m, reason=str(ADMIN_REJECT_REASON), actor=request.user
            ),
        )


@admin.register(Caution)
class CautionAdmin(admin.ModelAdmin):
    list_display = ["reader_role", "title_ja", "enabled", "updated_at"]
    list_editable = ["enabled"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


BLOCKED_FIELDS: tuple[str, ...] = ("sender", "thread", "kind", "body", "assessment", "created_at")


@admin.register(BlockedAttempt)
class BlockedAttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "sender", "kind", "short_body", "created_at"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["sender"]
    search_fields = ["body", "sender__email"]
    fields = BLOCKED_FIELDS
    readonly_fields = BLOCKED_FIELDS

    @admin.display(description=_("message"))
    def short_body(self, obj: BlockedAttempt) -> str:
        return Truncator(obj.body).chars(60)


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
    actions = ["approve", "reject"]

    def _decide(self, request, queryset, approve: bool) -> None:
        for contact in queryset.filter(status=ContactRequestStatus.PENDING):
            try:
                do_decide_contact_request(
                    contact,
                    approve=approve,
                    reason="" if approve else str(ADMIN_REJECT_REASON),
                    actor=request.user,
                )
            except (ContactRequestRefused, CaseError) as exc:
                self.message_user(request, f"#{contact.pk}: {exc}", messages.WARNING)

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Reject the selected requests"))
    def reject(self, request, queryset) -> None:
        self._decide(request, queryset, approve=False)
