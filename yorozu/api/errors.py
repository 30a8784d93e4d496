"""The API's one mapping of a refusal to `application/problem+json` (RFC 9457).

Every answer that is not a success is a problem document with a stable `code`: a `Refused` from
an action carries its own (`blocked`, `rate_limited`, `restricted`, `job_closed`…) and its status,
a 429 its `Retry-After`; a text the screening door refused adds its `spans` (where in the text,
which rule) so a client can mark the draft as the pages do; invalid input adds `errors` by field.
404, 403, 401 and the framework's own validation errors take the same shape.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from yorozu.core.errors import Refused
from yorozu.trust.screening import Blocked

PROBLEM_TYPE = "application/problem+json"


class Invalid(Refused):
    """Input that does not validate (the same forms as the pages decide); `errors` by field."""

    default_code = "invalid"
    status = 422

    def __init__(self, errors: dict[str, list[str]], message: Any = None) -> None:
        super().__init__(message or _("Some fields are not valid; see errors."))
        self.errors = errors

    @classmethod
    def from_form(cls, form) -> Invalid:
        return cls({field: [str(m) for m in msgs] for field, msgs in form.errors.items()})


class Span(Schema):
    start: int
    end: int
    code: str
    category: str
    message: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str
    spans: list[Span] | None = None
    messages: list[str] | None = None
    errors: dict[str, list[str]] | None = None


def spans_of(reasons: list[dict], lang: str) -> list[dict]:
    english = lang.startswith("en")
    return [
        {
            "start": r["start"],
            "end": r["end"],
            "code": r["code"],
            "category": r["category"],
            "message": (r["message_en"] if english and r["message_en"] else r["message_ja"]),
        }
        for r in reasons
    ]


def problem(
    status: int, code: str, detail: Any, *, retry_after: int | None = None, **extra: Any
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
        "code": code,
        **{k: v for k, v in extra.items() if v is not None},
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    extra: dict[str, Any] = {}
    if isinstance(exc, Blocked):
        lang = get_language() or "ja"
        extra["spans"] = spans_of(exc.reasons, lang)
        extra["messages"] = exc.screening.reason_messages(lang)
    if isinstance(exc, Invalid):
        extra["errors"] = exc.errors
    return problem(exc.status, exc.code, exc.message, retry_after=exc.retry_after, **extra)


def not_found(request: HttpRequest, exc: Exception | None) -> HttpResponse:
    return problem(404, "not_found", _("Not found."))


def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(403, "forbidden", _("You may not do this."))


def not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = problem(401, "not_authenticated", _("Sign in, or send a valid access token."))
    response["WWW-Authenticate"] = 'Bearer realm="yorozu"'
    return response


def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = "csrf_failed" if exc.status_code == 403 else "http_error"
    return problem(exc.status_code, code, exc.message)


def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        errors.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "")))
    return problem(422, "invalid", _("Some fields are not valid; see errors."), errors=errors)


def install(api) -> None:
    api.add_exception_handler(Refused, refused)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, not_authenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ValidationError, invalid)
