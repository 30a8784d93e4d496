"""Views for accounts (thin: access_* then one do_* then render)."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.accounts.actions import (
    AccountDeletionRefused,
    IdentitySubmissionRefused,
    do_change_display_name,
    do_delete_account,
    do_export_account_data,
    do_submit_identity_document,
    do_update_client_profile,
    do_update_worker_profile,
)
from yorozu.accounts.forms import (
    AccountForm,
    ClientProfileForm,
    DeleteAccountForm,
    IdentityDocumentForm,
    WorkerProfileForm,
)
from yorozu.accounts.models import IdentityStatus
from yorozu.accounts.requests import SignedInRequest as AuthenticatedRequest
from yorozu.accounts.selectors import (
    SECOND_FACTOR_NEXT_KEY,
    access_client_profile,
    client_reviews_from_workers,
    deletion_blockers,
    has_authenticator_app,
    has_confirmed_email,
    latest_identity_document,
    passed_second_factor,
)
from yorozu.core.errors import Refused
from yorozu.core.pages import cached_for_visitors
from yorozu.core.quotas import QuotaExceeded
from yorozu.core.redirects import safe_next
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.trust.screening import Blocked

SETTINGS_TEMPLATE = "accounts/account_settings.html"


class AccountLoginView(allauth_views.LoginView):
    """allauth's login by e-mail (throttled; a staff account with TOTP is asked for its code)."""


class AccountLogoutView(allauth_views.LogoutView):
    """Log out by POST (a GET asks for confirmation), then back to the home page."""


class AccountSignupView(allauth_views.SignupView):
    """allauth's signup; a spent signup quota answers 429 with the form as it was typed."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms_url"] = reverse("content:terms")
        context["privacy_url"] = reverse("content:privacy")
        context["login_url"] = reverse("accounts:login")
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except QuotaExceeded as refused:
            form.add_error(None, refused.message)
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = refused.status
            response["Retry-After"] = str(refused.retry_after)
            return response


def _settings_forms(request: AuthenticatedRequest, bound: str | None = None) -> dict:
    """The three forms of the settings page, only `bound` filled from the POST."""
    user = request.user
    data = request.POST if bound else None
    return {
        "account_form": AccountForm(
            data if bound == "account" else None,
            initial={"display_name": user.display_name},
            staff=user.is_staff,
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


@cached_for_visitors("public")
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


@login_required
def security(request: AuthenticatedRequest) -> HttpResponse:
    """Sign-in and security: e-mail address, password, two-factor authentication."""
    user = request.user
    return render(
        request,
        "accounts/account_security.html",
        {
            "email_confirmed": has_confirmed_email(user),
            "has_authenticator_app": has_authenticator_app(user),
        },
    )


@login_required
def staff_second_factor(request: AuthenticatedRequest) -> HttpResponse:
    """The step every staff page sends a staff member to until they pass a second factor.

    With an authenticator app: allauth's code form (a recovery code works too), then back to
    the page. Without one: this page says why and leads to setting one up.
    """
    user = request.user
    next_url = safe_next(request, reverse("home:home"))
    if not user.is_staff or passed_second_factor(request):
        return redirect(next_url)
    if has_authenticator_app(user):
        query = urlencode({"next": next_url})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    request.session[SECOND_FACTOR_NEXT_KEY] = next_url
    return render(request, "accounts/staff_second_factor.html", {"next": next_url})


@login_required
def privacy(request: AuthenticatedRequest) -> HttpResponse:
    """/account/privacy/: download your data, or delete your account."""
    user = request.user
    return render(
        request,
        "accounts/account_privacy.html",
        {"form": DeleteAccountForm(user=user), "blockers": deletion_blockers(user)},
    )


@login_required
@require_POST
def privacy_export(request: AuthenticatedRequest) -> HttpResponse:
    """A ZIP of JSON files with everything the account wrote and what is held about it."""
    user = request.user
    archive = do_export_account_data(user, actor=user)
    response = HttpResponse(archive, content_type="application/zip")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="yorozu-data-{user.pk}-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def privacy_delete(request: AuthenticatedRequest) -> HttpResponse:
    """Delete the account: the password again and a typed confirmation; then signed out."""
    user = request.user
    form = DeleteAccountForm(request.POST, user=user)
    blockers = deletion_blockers(user)
    if form.is_valid() and not blockers:
        try:
            do_delete_account(user, actor=user)
        except AccountDeletionRefused as refused:
            form.add_error(None, refused.message)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Your account has been deleted. Thank you for using yorozu. What the law "
                    "requires us to keep is kept, as the privacy policy says."
                ),
            )
            return redirect("home:home")
    return render(
        request,
        "accounts/account_privacy.html",
        {"form": form, "blockers": blockers},
        status=400,
    )
