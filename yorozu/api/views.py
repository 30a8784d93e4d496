"""The token pages: make a token (shown once), list one's tokens, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.accounts.requests import SignedInRequest
from yorozu.accounts.selectors import passed_second_factor
from yorozu.api.actions import do_create_access_token, do_revoke_access_token
from yorozu.api.forms import TokenForm
from yorozu.api.selectors import access_own_token, tokens_of
from yorozu.core.errors import Refused, with_refusal

PAGE_SIZE = 20


# The new token's secret waits in the session for the one page that shows it (POST, redirect,
# GET), so reloading that page neither shows it again nor makes a second token.
NEW_TOKEN_KEY = "api_new_token"


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: SignedInRequest) -> HttpResponse:
    """List the caller's tokens and make a new one; its secret is shown on the next page only."""
    user = request.user
    second_factor = user.is_staff and passed_second_factor(request)
    form = TokenForm(request.POST or None, staff=user.is_staff)
    refused: Refused | None = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = do_create_access_token(
                user=user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                second_factor=second_factor,
                actor=user,
            )
        except Refused as exc:
            form.add_error(None, exc.message)
            refused = exc
        else:
            request.session[NEW_TOKEN_KEY] = {"name": created.name, "secret": secret}
            return redirect("api:tokens")
    shown = request.session.pop(NEW_TOKEN_KEY, None) if request.method == "GET" else None
    page = Paginator(tokens_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(
        request,
        "api/token_list.html",
        {"form": form, "page_obj": page, "new_token": shown, "second_factor": second_factor},
    )
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return with_refusal(response, refused)


@login_required
@require_POST
def revoke(request: SignedInRequest, token_id: int) -> HttpResponse:
    token = access_own_token(request.user, token_id)
    if do_revoke_access_token(token, actor=request.user):
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
