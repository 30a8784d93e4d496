"""The secretariat's admin for accounts, profiles, identity documents and the audit log."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from yorozu.accounts.actions import do_decide_identity_document, do_register_user_from_admin
from yorozu.accounts.models import (
    AccountEvent,
    ClientProfile,
    IdentityDocument,
    User,
    WorkerProfile,
)
from yorozu.workers.actions import do_refresh_worker_search_rows


def _staff(request: HttpRequest) -> User:
    """The signed-in staff member (the admin site has already checked the login)."""
    assert isinstance(request.user, User)
    return request.user


class YorozuUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name", "active_role")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class YorozuUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class WorkerProfileInline(admin.StackedInline):
    model = WorkerProfile
    can_delete = False
    extra = 0
    readonly_fields = ("rating_avg", "rating_count", "completed_count")


class ClientProfileInline(admin.StackedInline):
    model = ClientProfile
    can_delete = False
    extra = 0
    readonly_fields = ("satisfaction_avg", "satisfaction_count", "orders_count")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = YorozuUserChangeForm
    add_form = YorozuUserCreationForm
    list_display = (
        "email",
        "display_name",
        "active_role",
        "identity_status",
        "is_staff",
        "is_active",
        "date_joined",
    )
    list_filter = ("active_role", "identity_status", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "display_name")
    ordering = ("-date_joined",)
    date_hierarchy = "date_joined"
    # Identity status changes only through the identity-document decision (it is audited).
    readonly_fields = ("identity_status", "date_joined", "last_login", "last_active_at")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "active_role", "identity_status")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("date_joined", "last_login", "last_active_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "active_role", "password1", "password2"),
            },
        ),
    )
    inlines = (WorkerProfileInline, ClientProfileInline)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            do_register_user_from_admin(obj, actor=_staff(request))

    def save_related(self, request, form, formsets, change):
        """Staff edits (active flag, name, the worker profile inline) reach worker search."""
        super().save_related(request, form, formsets, change)
        do_refresh_worker_search_rows([form.instance.pk])


@admin.register(WorkerProfile)
class WorkerProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "headline",
        "prefecture",
        "gender",
        "accepts_scouts",
        "rating_avg",
        "completed_count",
    )
    list_filter = ("prefecture", "gender", "accepts_scouts", "show_gender", "show_age")
    search_fields = ("user__email", "user__display_name", "headline", "skills")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("rating_avg", "rating_count", "completed_count")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        do_refresh_worker_search_rows([obj.user_id])


@admin.register(ClientProfile)
class ClientProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "company_name", "orders_count", "satisfaction_avg")
    list_filter = ("kind",)
    search_fields = ("user__email", "user__display_name", "company_name")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("satisfaction_avg", "satisfaction_count", "orders_count")


class RejectionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the user"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tell the user why, so they can upload a better document."),
    )


@admin.register(IdentityDocument)
class IdentityDocumentAdmin(admin.ModelAdmin):
    """Staff review documents here; the decision is made only through the two actions."""

    list_display = ("user", "submitted_at", "decision", "decided_by", "decided_at", "view_file")
    list_filter = ("decision", "submitted_at")
    search_fields = ("user__email", "user__display_name")
    list_select_related = ("user", "decided_by")
    date_hierarchy = "submitted_at"
    ordering = ("decision", "-submitted_at")
    actions = ("approve", "reject")
    fields = ("user", "view_file", "submitted_at", "decision", "decided_by", "decided_at", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # users upload; staff never add documents on their behalf

    def get_urls(self):
        urls = [
            path(
                "<id:document_id>/file/",
                self.admin_site.admin_view(self.document_file),
                name="accounts_identitydocument_file",
            )
        ]
        return urls + super().get_urls()

    def document_file(self, request: HttpRequest, document_id: int) -> HttpResponseBase:
        """Serve the document to staff only, never through a public media URL."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = get_object_or_404(IdentityDocument, pk=document_id)
        try:
            handle = document.document.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404("document file is missing") from error
        response = FileResponse(handle, as_attachment=False)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @admin.display(description=_("File"))
    def view_file(self, obj: IdentityDocument) -> str:
        if not obj.pk or not obj.document:
            return "-"
        url = reverse("admin:accounts_identitydocument_file", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open"))

    @admin.action(description=_("Approve the selected documents"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset) -> None:
        decided = sum(
            do_decide_identity_document(doc, True, "", actor=_staff(request)) for doc in queryset
        )
        self._report(request, decided, queryset.count())

    @admin.action(description=_("Reject the selected documents"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset):
        """Ask for a note first (an intermediate page), then reject with it."""
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            note = form.cleaned_data["note"]
            decided = sum(
                do_decide_identity_document(doc, False, note, actor=_staff(request))
                for doc in queryset
            )
            self._report(request, decided, queryset.count())
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject identity documents"),
            "form": form,
            "documents": queryset.select_related("user"),
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/accounts/identitydocument/reject_confirmation.html", context
        )

    def _report(self, request: HttpRequest, decided: int, selected: int) -> None:
        self.message_user(
            request,
            ngettext("%(count)d document decided.", "%(count)d documents decided.", decided)
            % {"count": decided},
            messages.SUCCESS,
        )
        if decided < selected:
            self.message_user(
                request,
                _("Documents that were already decided were left unchanged."),
                messages.WARNING,
            )


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """The audit log: read-only, for everyone including superusers."""

    list_display = ("created_at", "user", "event_type", "actor")
    list_filter = ("event_type", "created_at")
    search_fields = ("user__email", "user__display_name", "event_type")
    list_select_related = ("user", "actor")
    date_hierarchy = "created_at"
    readonly_fields = ("user", "actor", "event_type", "data", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
