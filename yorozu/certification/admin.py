"""The secretariat's admin: edit the criteria without a deploy, re-run the evaluation, read the
stored statuses and the history."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from yorozu.certification.models import (
    CertificationEvent,
    CertificationStatus,
    Criterion,
    WorkerTierEvent,
    WorkerTierStatus,
)
from yorozu.certification.tasks import evaluate_all_clients, evaluate_all_workers


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = (
        "programme",
        "position",
        "code",
        "label_ja",
        "metric",
        "comparison",
        "threshold",
        "window_days",
        "enabled",
    )
    list_display_links = ("code",)
    list_editable = ("position", "threshold", "window_days", "enabled")
    list_filter = ("programme", "enabled", "metric")
    actions = ("enable", "disable", "evaluate_now")

    @admin.action(description=_("Enable the selected criteria"))
    def enable(self, request: HttpRequest, queryset: QuerySet[Criterion]) -> None:
        queryset.update(enabled=True)
        messages.success(
            request, _("The selected criteria are enabled; re-evaluate to apply them now.")
        )

    @admin.action(description=_("Disable the selected criteria"))
    def disable(self, request: HttpRequest, queryset: QuerySet[Criterion]) -> None:
        queryset.update(enabled=False)
        messages.success(
            request, _("The selected criteria are disabled; re-evaluate to apply them now.")
        )

    @admin.action(description=_("Re-evaluate every client and worker now (in the background)"))
    def evaluate_now(self, request: HttpRequest, queryset: QuerySet[Criterion]) -> None:
        evaluate_all_clients.enqueue()
        evaluate_all_workers.enqueue()
        messages.success(
            request,
            _(
                "The evaluation of every client and every worker's tier is queued; results "
                "appear when it has run."
            ),
        )


@admin.register(CertificationStatus)
class CertificationStatusAdmin(admin.ModelAdmin):
    list_display = ("client", "certified", "since", "evaluated_at", "failed")
    list_filter = ("certified",)
    search_fields = ("client__email", "client__display_name")
    list_select_related = ("client",)
    readonly_fields = ("client", "certified", "since", "evaluated_at", "values", "failed")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(CertificationEvent)
class CertificationEventAdmin(admin.ModelAdmin):
    list_display = ("client", "kind", "failed", "created_at")
    list_filter = ("kind",)
    search_fields = ("client__email", "client__display_name")
    list_select_related = ("client",)
    readonly_fields = ("client", "kind", "failed", "values", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(WorkerTierStatus)
class WorkerTierStatusAdmin(admin.ModelAdmin):
    list_display = ("worker", "tier", "since", "evaluated_at", "failed")
    list_filter = ("tier",)
    search_fields = ("worker__email", "worker__display_name")
    list_select_related = ("worker",)
    readonly_fields = ("worker", "tier", "since", "evaluated_at", "values", "failed")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(WorkerTierEvent)
class WorkerTierEventAdmin(admin.ModelAdmin):
    list_display = ("worker", "kind", "tier", "failed", "created_at")
    list_filter = ("kind", "tier")
    search_fields = ("worker__email", "worker__display_name")
    list_select_related = ("worker",)
    readonly_fields = ("worker", "kind", "tier", "failed", "values", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
