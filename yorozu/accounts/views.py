"""Views for accounts (thin: access_* then one do_* then render)."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
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
    do_set_worker_skills,
    do_submit_identity_document,
    do_update_client_profile,
    do_update_worker_profile,
)
from yorozu.accounts.avatars import (
    avatar_storage,
    do_remove_avatar,
    do_upload_avatar,
    held_avatar,
)
from yorozu.accounts.forms import (
    AccountForm,
    AvailabilityForm,
    AvatarForm,
    ClientProfileForm,
    DeleteAccountForm,
    IdentityDocumentForm,
    SkillFormSet,
    WorkerProfileForm,
)
from yorozu.accounts.models import IdentityStatus
from yorozu.accounts.requests import SignedInRequest as AuthenticatedRequest
from yorozu.accounts.selectors import (
    SECOND_FACTOR_NEXT_KEY,
    access_avatar_file,
    access_client_profile,
    access_public_avatar,
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
    context = {
        **forms,
        "saved": saved,
        "identity_document": latest_identity_document(user),
        **_avatar_context(user),
    }
    if request.htmx and section:
        return render(request, f"{SETTINGS_TEMPLATE}#{section}_section", context)
    return render(request, SETTINGS_TEMPLATE, context)


def refusal_shown(refused: Refused, title: str) -> dict:
    """What `accounts/refusal.html` shows: the reasons and, for a screening, the flagged parts."""
    if isinstance(refused, Blocked):
        return {"title": title, **refused.shown()}
    return {"title": title, "messages": [refused.message], "segments": []}


def _avatar_context(user, form: AvatarForm | None = None) -> dict:
    return {"avatar_form": form or AvatarForm(), "held_avatar": held_avatar(user)}


@login_required
@require_POST
def avatar_upload(request: AuthenticatedRequest) -> HttpResponse:
    """Upload an avatar from the settings page; a refusal re-renders the page with the reasons
    and what screening read, the current avatar kept."""
    user = request.user
    form = AvatarForm(request.POST, request.FILES)
    refusal = None
    if form.is_valid():
        try:
            avatar = do_upload_avatar(user, form.cleaned_data["picture"], actor=user)
        except Refused as refused:
            refusal = refusal_shown(refused, _("This picture cannot be used"))
        else:
            if avatar.status == "held":
                messages.info(
                    request,
                    _(
                        "Thank you. The secretariat will check your new avatar before it is "
                        "shown; until then your current one stays."
                    ),
                )
            else:
                messages.success(request, _("Your avatar has been changed."))
            return redirect("accounts:settings")
    context = {
        **_settings_forms(request),
        "saved": None,
        "identity_document": latest_identity_document(user),
        **_avatar_context(user, form),
        "avatar_refusal": refusal,
    }
    return render(request, SETTINGS_TEMPLATE, context, status=400)


@login_required
@require_POST
def avatar_remove(request: AuthenticatedRequest) -> HttpResponse:
    if do_remove_avatar(request.user, actor=request.user):
        messages.success(request, _("Your avatar has been removed."))
    return redirect("accounts:settings")


def _avatar_response(stored_name: str, cache: str) -> FileResponse:
    storage = avatar_storage()
    try:
        handle = storage.open(stored_name, "rb")
    except FileNotFoundError:
        raise Http404("no such avatar") from None
    content_type = "image/png" if stored_name.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@require_http_methods(["GET", "HEAD"])
def avatar(request: HttpRequest, user_id: int, name: str) -> FileResponse:
    """A live avatar, for anyone (it is as public as the profile). Its name changes with every
    upload, so it is cached for a year; an old name is a 404."""
    stored = access_public_avatar(user_id, name)
    return _avatar_response(stored, "public, max-age=31536000, immutable")


@login_required
def avatar_file(request: AuthenticatedRequest, avatar_id: int) -> FileResponse:
    """Any avatar upload (held too), for its owner and the secretariat."""
    record = access_avatar_file(request.user, avatar_id)
    return _avatar_response(record.stored_name, "private, no-cache")


@login_required
@require_http_methods(["GET", "POST"])
def skills(request: AuthenticatedRequest) -> HttpResponse:
    """Skills with years of experience, and availability (hours per week, next free date)."""
    user = request.user
    profile = user.worker_profile
    refusal = None
    if request.method == "POST":
        formset = SkillFormSet(request.POST, prefix="skill")
        availability = AvailabilityForm(request.POST, prefix="availability")
        if formset.is_valid() and availability.is_valid():
            rows = [
                (f.cleaned_data["name"], f.cleaned_data.get("years"))
                for f in formset.forms
                if f.cleaned_data and (f.cleaned_data.get("name") or "").strip()
            ]
            try:
                do_set_worker_skills(
                    user,
                    rows,
                    hours_per_week=availability.cleaned_data["hours_per_week"],
                    available_from=availability.cleaned_data["available_from"],
                    actor=user,
                )
            except Refused as refused:
                refusal = refusal_shown(refused, _("Your skills were not saved"))
            else:
                messages.success(request, _("Your skills and availability have been saved."))
                return redirect("accounts:skills")
    else:
        initial = [{"name": n, "years": y} for n, y in profile.skills_with_years]
        formset = SkillFormSet(initial=initial + [{}] * max(3, 5 - len(initial)), prefix="skill")
        availability = AvailabilityForm(
            initial={
                "hours_per_week": profile.hours_per_week,
                "available_from": profile.available_from,
            },
            prefix="availability",
        )
    return render(
        request,
        "accounts/account_skills.html",
        {"formset": formset, "availability": availability, "refusal": refusal},
        status=400 if refusal else 200,
    )


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
