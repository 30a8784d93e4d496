"""The secretariat's read-only view of blocks and their history (a signal, never edited)."""

from django.contrib import admin

from yorozu.blocks.models import Block, BlockEvent
from yorozu.core.admin import ReadOnlyAdminMixin


@admin.register(Block)
class BlockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("blocker", "blocked", "reason", "created_at")
    list_filter = ("reason",)
    search_fields = ("blocker__email", "blocked__email")
    raw_id_fields = ("blocker", "blocked")


@admin.register(BlockEvent)
class BlockEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("event_type", "blocker", "blocked", "created_at")
    list_filter = ("event_type",)
    search_fields = ("blocker__email", "blocked__email")
    raw_id_fields = ("blocker", "blocked", "actor")
