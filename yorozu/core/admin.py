"""Admin helpers every app shares."""

from __future__ import annotations


class ReadOnlyAdminMixin:
    """Records the secretariat reads in the admin but never edits there (decisions are taken
    in the console, through the actions that write their audit rows)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
