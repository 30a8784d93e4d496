"""Views for accounts (thin: access_* then one do_* then render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yorozu.accounts.actions import (
    IdentitySubmissionRefused,
    do_change_display_name,
    do_create_account,
    do_submit_identity_document,
    do_update_client_profile,
    do_update_worker_profile,
)
from yorozu.accounts.forms import (
    AccountForm,
    ClientProfileForm,
    EmailAuthenticationForm,
    IdentityDocumentForm,
    SignupForm,
    WorkerProfileForm,
)
from yorozu.accounts.models import IdentityStatus
from yorozu.accounts.requests import SignedInRequest as AuthenticatedRequest
from yorozu.accounts.selectors import (
    access_client_profile,
    client_reviews_from_workers,
    latest_identity_document,
)
from yorozu.core.errors import Refused
from yorozu.core.redirects import safe_next
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.trust.screening import Blocked

SETTINGS_TEMPLATE = "accounts/account_settings.html"


class AccountLoginView(LoginView):
    """Django's login view, by e-mail; `next` is checked by Django against our own host."""

    template_name = "accounts/account_login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class AccountLogoutView(LogoutView):
    """Log out by POST only (Django refuses GET), then back to the home page."""


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next(request, reverse("home:home")))
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = do_create_account(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            role=form.cleaned_data["role"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to yorozu! Fill in your profile to get started."))
        return redirect(safe_next(request, reverse("accounts:settings")))
    return render(
        request, "accounts/account_signup.html", {"form": form, "next": safe_next(request, "")}
    )


def _settings_forms(request: AuthenticatedRequest, bound: str | None = None) -> dict:
    """The three forms of the settings page, only `bound` filled from the POST."""
    user = request.user
    data = request.POST if bound else None
    return {
        "account_form": AccountForm(
            data if bound == "account" else None, initial={"display_name": user.display_name}
        ),
        "worker_form": WorkerProfileForm(
            data if bound == "worker" else None, instance=user.worker_profile, prefix="worker"
        ),
        "client_form": ClientProfileForm(
            data if bound == "client" else None, instance=user.client_profile, prefix="client"
        ),
    }


SETTINGS_SECTIONS = {"account", "worker", "client"}


def _save_section(user, section: str, form) -> bool:
    """Run the section's action; a refusal (screening refused the text) goes on the form, the
    draft kept. True when it was saved."""
    try:
        if section == "account":
            do_change_display_name(user, form.cleaned_data["display_name"], actor=user)
        elif section == "worker":
            do_update_worker_profile(user, actor=user, **form.cleaned_data)
        else:
            do_update_client_profile(user, actor=user, **form.cleaned_data)
    except Refused as refused:
        form.add_error(None, refused.message)
        if isinstance(refused, Blocked):
            for reason in refused.shown()["messages"]:
                form.add_error(None, reason)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: AuthenticatedRequest) -> HttpResponse:
    """One page, three forms; each posts its `section` and runs its own action.

    It only ever edits request.user: there is no id in the URL to tamper with.
    """
    user = request.user
    section = request.POST.get("section") if request.method == "POST" else None
    if section is not None and section not in SETTINGS_SECTIONS:
        section = None
    forms = _settings_forms(request, bound=section)
    saved = None
    if section:
        form = forms[f"{section}_form"]
        if form.is_valid() and _save_section(user, section, form):
            if not request.htmx:
                messages.success(request, _("Your settings have been saved."))
                return redirect("accounts:settings")
            saved = section
            forms = _settings_forms(request)
    context = {**forms, "saved": saved, "identity_document": latest_identity_document(user)}
    if request.htmx and section:
        return render(request, f"{SETTINGS_TEMPLATE}#{section}_section", context)
    return render(request, SETTINGS_TEMPLATE, context)


@login_required
@require_http_methods(["GET", "POST"])
def identity(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    can_submit = user.identity_status == IdentityStatus.UNVERIFIED
    form = (
        IdentityDocumentForm(request.POST, request.FILES)
        if request.method == "POST"
        else IdentityDocumentForm()
    )
    if request.method == "POST":
        if not can_submit:
            messages.info(request, _("Your identity is already verified or under review."))
            return redirect("accounts:identity")
        if form.is_valid():
            try:
                do_submit_identity_document(user, form.cleaned_data["document"], actor=user)
            except IdentitySubmissionRefused:
                messages.info(request, _("Your identity is already verified or under review."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. The secretariat will review your document, "
                        "usually within two business days."
                    ),
                )
            return redirect("accounts:identity")
    return render(
        request,
        "accounts/identity_upload.html",
        {"form": form, "can_submit": can_submit, "document": latest_identity_document(user)},
    )


def client_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = access_client_profile(request.user, user_id)
    client = profile.user
    page = Paginator(open_jobs_of_client(client), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/client_profile.html",
        {
            "profile": profile,
            "client": client,
            "page": page,
            "reviews": client_reviews_from_workers(client),
        },
    )
