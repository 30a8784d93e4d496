"""Staff pages open only after a second factor in this session.

A staff member's password alone opens nothing of the secretariat's: every staff page (a view
made with `core.staff.staff_view`) and the Django admin first send them to the second-factor step
(`accounts:staff_second_factor`), which asks for a code from their authenticator app (TOTP) or a
recovery code, or has them set the app up first. Install after AuthenticationMiddleware:

    "yorozu.accounts.middleware.StaffSecondFactorMiddleware",
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from yorozu.accounts.selectors import passed_second_factor

# Admin views that must work without the second factor (leaving, and the admin's own login page,
# which redirects to ours).
ADMIN_OPEN = {"logout", "login"}


def is_staff_page(request: HttpRequest, view_func: Callable[..., Any]) -> bool:
    if getattr(view_func, "staff_permission", None):
        return True
    match = request.resolver_match
    return bool(match and match.namespace == "admin" and match.url_name not in ADMIN_OPEN)


def second_factor_url(next_url: str) -> str:
    return f"{reverse('accounts:staff_second_factor')}?{urlencode({'next': next_url})}"


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if (
            not settings.STAFF_SECOND_FACTOR_REQUIRED
            or user is None
            or not user.is_authenticated
            or not user.is_staff
            or not is_staff_page(request, view_func)
            or passed_second_factor(request)
        ):
            return None
        target = second_factor_url(request.get_full_path())
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
