"""The one error type for a domain refusal, and its one mapping to HTML and to JSON.

An action that refuses raises a subclass of `Refused` before it writes anything (or after the
transaction that recorded the attempt has committed). Each domain subclasses it to carry what its
forms need (a screening's reasons, a kept draft); views that own a form catch it and show
`message` beside the form, so nothing the person typed is lost. Whatever no view catches reaches
`RefusedMiddleware`, which answers once, the same way everywhere: a page with the message (or the
flash region, for htmx), or `{"error": {"code", "message"}}` for JSON (Zulip's `JsonableError`,
HackSoft's `ApplicationError`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class Refused(Exception):
    """A refused action: `message` says why to the person who tried; nothing changed.

    `code` is a stable machine-readable name (the API returns it); `status` the HTTP status a
    refusal that reaches the edge answers with (400; 403 for a permission, 409 for a conflict
    with the current state, 429 for a rate limit, then with `retry_after` seconds).
    """

    default_code = "refused"
    status = 400

    def __init__(
        self,
        message: str | _StrPromise,
        code: str | None = None,
        *,
        status: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        if status is not None:
            self.status = status
        self.retry_after = retry_after

    def as_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": str(self.message)}}


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def refused_response(request: HttpRequest, refused: Refused) -> HttpResponse:
    """The answer to a refusal no view caught: JSON for API clients, else the message."""
    if wants_json(request):
        response: HttpResponse = JsonResponse(refused.as_json(), status=refused.status)
    elif getattr(request, "htmx", False):
        # htmx does not swap error responses: show the message in the page's flash region.
        response = render(request, "core/refused.html#flash", {"refused": refused})
        response["HX-Retarget"] = "#flash"
        response["HX-Reswap"] = "innerHTML"
    else:
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = ""
        response = render(
            request, "core/refused.html", {"refused": refused, "back": back}, status=refused.status
        )
    if refused.retry_after is not None:
        response["Retry-After"] = str(refused.retry_after)
    return response


def with_refusal(response: HttpResponse, refused: Refused | None) -> HttpResponse:
    """A form page re-rendered beside a refusal: its status (429 for a rate limit, with
    Retry-After), so the person keeps their draft and a client still sees the code."""
    if refused is not None:
        response.status_code = refused.status
        if refused.retry_after is not None:
            response["Retry-After"] = str(refused.retry_after)
    return response


class RefusedMiddleware:
    """Maps a `Refused` that escaped its view to `refused_response` (installed once)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Refused):
            return refused_response(request, exception)
        return None
