"""The secretariat's view of proposals and contracts; money rows are read-only everywhere."""

from django.contrib import admin

from yorozu.contracts.models import (
    BankAccount,
    CancellationRequest,
    Contract,
    ContractEvent,
    Dispute,
    LedgerEntry,
    Milestone,
    PayoutBatch,
    Proposal,
    Withdrawal,
    WorkerBalance,
)
from yorozu.core.admin import ReadOnlyAdminMixin


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Money rows change only through their actions: the admin shows them, never edits them."""


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["id", "job", "worker", "price", "delivery_days", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["job__title", "worker__email", "worker__display_name", "message"]
    raw_id_fields = ["job", "worker"]
    list_select_related = ["job", "worker"]
    date_hierarchy = "created_at"


MILESTONE_FIELDS: list[str] = [
    "position",
    "title",
    "amount",
    "status",
    "withholding",
    "released",
    "refunded",
    "acceptance_due_at",
    "auto_accepted",
]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    can_delete = False
    fields = tuple(MILESTONE_FIELDS)
    readonly_fields = MILESTONE_FIELDS

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ContractEventInline(admin.TabularInline):
    model = ContractEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    can_delete = False
    fields = ["created_at", "movement", "kind", "account", "amount", "gateway_reference"]
    readonly_fields = ["created_at", "movement", "kind", "account", "amount", "gateway_reference"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    """Contracts change state only through their actions, so the state fields are read-only."""

    list_display = ["id", "title", "client", "worker", "amount", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["title", "client__email", "worker__email", "client__display_name"]
    list_select_related = ["client", "worker"]
    raw_id_fields = ["job", "proposal", "client", "worker", "category"]
    readonly_fields = [
        "status",
        "amount",
        "created_at",
        "accepted_at",
        "funded_at",
        "delivered_at",
        "completed_at",
        "cancelled_at",
        "resolved_at",
        "withholding",
        "terms_version",
    ]
    date_hierarchy = "created_at"
    inlines = [MilestoneInline, ContractEventInline, LedgerEntryInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """The append-only ledger: viewable and searchable, never edited."""

    list_display = ["id", "movement", "account", "kind", "amount", "user", "created_at"]
    list_filter = ["kind", "account", "created_at"]
    search_fields = ["gateway_reference", "movement", "contract__title"]
    list_select_related = ["contract"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "contract",
        "reason",
        "status",
        "release",
        "refund",
        "resolved_by",
        "created_at",
    ]
    list_filter = ["status", "reason"]
    list_select_related = ["contract", "resolved_by"]


@admin.register(CancellationRequest)
class CancellationRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "contract", "proposed_by", "refund", "status", "answer_due_at"]
    list_filter = ["status"]
    list_select_related = ["contract", "proposed_by"]


@admin.register(WorkerBalance)
class WorkerBalanceAdmin(ReadOnlyAdmin):
    list_display = ["user", "available", "in_payout", "updated_at"]
    search_fields = ["user__email", "user__display_name"]
    list_select_related = ["user"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["id", "user", "amount", "status", "batch", "requested_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["user__email", "holder_name"]
    list_select_related = ["user", "batch", "decided_by"]


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin):
    list_display = ["id", "transfer_date", "count", "total", "created_by", "downloaded_at"]


@admin.register(BankAccount)
class BankAccountAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "bank_name",
        "branch_name",
        "account_type",
        "masked_number",
        "holder_name",
        "updated_at",
    ]
    search_fields = ["user__email", "holder_name"]
    list_select_related = ["user"]
    exclude = ["account_number"]
