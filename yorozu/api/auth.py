"""Who is calling: a personal access token (Bearer) with the scope an operation needs, or the
site's own session with its CSRF token. The resolved user becomes `request.user`, so the
selectors and actions see the same person the pages would.

A staff operation needs a token with the `staff` scope made after the second factor, or a session
that passed it — as every staff page does (`accounts.middleware`). A suspended account's token
answers nothing but 403, as the site answers it nothing but its statement of reasons.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from yorozu.accounts.selectors import passed_second_factor
from yorozu.api.actions import note_token_use
from yorozu.api.models import Scope
from yorozu.api.selectors import token_for
from yorozu.core.errors import Refused
from yorozu.enforcement.selectors import is_suspended

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class AuthRefused(Refused):
    default_code = "not_authenticated"
    status = 401


def _admit(request: HttpRequest, user, *, staff: bool) -> Any:
    if is_suspended(user):
        raise Refused(_("This account is suspended."), "suspended", status=403)
    if staff and not user.is_staff:
        raise Refused(_("Only the secretariat may do this."), "staff_only", status=403)
    request.user = user
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer yz_…` with `scope` among the token's scopes."""

    def __init__(self, scope: str | None) -> None:
        self.scope = scope
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for(token.strip())
        if found is None:
            raise AuthRefused(_("This access token is not valid (revoked, or never made)."))
        if self.scope and not found.allows(self.scope):
            raise Refused(
                _("This token was not given the “%(scope)s” scope.") % {"scope": self.scope},
                "insufficient_scope",
                status=403,
            )
        if self.scope == Scope.STAFF and not found.second_factor:
            raise Refused(
                _("A staff token must be made after the second factor."),
                "second_factor_required",
                status=403,
            )
        note_token_use(found)
        request.auth_token = found  # type: ignore[attr-defined]
        return _admit(request, found.user, staff=self.scope == Scope.STAFF)


class SessionAuth(APIKeyCookie):
    """The site's own session (its JavaScript); writes need the CSRF token as the forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self, *, staff: bool = False) -> None:
        self.staff = staff
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # CSRF is checked only when a session is what authenticates the call.
        if not request.user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, "CSRF check failed")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if self.staff and user.is_staff and not passed_second_factor(request):
            raise Refused(
                _("Pass the second factor first (sign in again with your authenticator app)."),
                "second_factor_required",
                status=403,
            )
        return _admit(request, user, staff=self.staff)


class Anyone:
    """Public reads: whoever is calling, or nobody (an invalid token is still refused)."""

    def __call__(self, request: HttpRequest) -> Any:
        return request.user if request.user.is_authenticated else AnonymousUser()


def signed_in(scope: str | None) -> list:
    return [TokenAuth(scope), SessionAuth()]


def public() -> list:
    return [TokenAuth(None), SessionAuth(), Anyone()]


def staff() -> list:
    return [TokenAuth(Scope.STAFF), SessionAuth(staff=True)]
