"""The secretariat's view of proposals and contracts; money rows are read-only everywhere."""

from django.contrib import admin

from yorozu.contracts.models import Contract, ContractEvent, LedgerEntry, Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["id", "job", "worker", "price", "delivery_days", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["job__title", "worker__email", "worker__display_name", "message"]
    raw_id_fields = ["job", "worker"]
    list_select_related = ["job", "worker"]
    date_hierarchy = "created_at"


class ContractEventInline(admin.TabularInline):
    model = ContractEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = ["created_at", "from_status", "to_status", "actor", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "amount", "gateway_reference"]
    readonly_fields = ["created_at", "kind", "amount", "gateway_reference"]

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
    ]
    date_hierarchy = "created_at"
    inlines = [ContractEventInline, LedgerEntryInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """The append-only ledger: viewable and searchable, never edited."""

    list_display = ["id", "contract", "kind", "amount", "gateway_reference", "created_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["gateway_reference", "contract__title"]
    list_select_related = ["contract"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
