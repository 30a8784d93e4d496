"""The whole-site lock for suspended and permanently restricted accounts.

Such an account may still sign in, but only to read its statement of reasons, appeal, read the
help pages and sign out; every other request is sent to the statement (GET) or refused (other
methods). Install after AuthenticationMiddleware:

    "yorozu.enforcement.middleware.SuspensionMiddleware",
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse

from yorozu.enforcement.selectors import is_suspended


def allowed_prefixes() -> tuple[str, ...]:
    return (
        reverse("enforcement:statement"),  # also covers …/<id>/appeal/
        reverse("accounts:logout"),
        reverse("accounts:privacy"),  # a suspended account may still download its data (APPI)
        "/help/",
        "/i18n/",
        settings.STATIC_URL or "/static/",
    )


class SuspensionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(allowed_prefixes())
            and is_suspended(user)
        ):
            if request.method in ("GET", "HEAD"):
                return redirect("enforcement:statement")
            return HttpResponseForbidden("This account is suspended.")
        return self.get_response(request)
