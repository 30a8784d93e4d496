"""The caller: who they are, and (clients) their progress toward certification."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from yorozu.api.auth import signed_in
from yorozu.api.models import Scope
from yorozu.api.schemas import READ_ERRORS
from yorozu.certification.progress import criterion_rows
from yorozu.certification.selectors import access_own_certification, enabled_criteria
from yorozu.core.errors import Refused

router = Router(tags=["account"])


class Me(Schema):
    id: int
    display_name: str
    role: str
    is_staff: bool
    scopes: list[str] | None


class Criterion(Schema):
    code: str
    name: str
    met: bool
    evaluated: bool
    value: str
    target: str
    percent: int
    advice: str


class Certification(Schema):
    certified: bool
    met: int
    criteria: list[Criterion]


@router.get("/me", response={200: Me, **READ_ERRORS}, auth=signed_in(Scope.READ))
def me(request):
    """The account the call speaks for, and the token's scopes (none for a session)."""
    user = request.user
    token = getattr(request, "auth_token", None)
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "role": user.active_role,
        "is_staff": user.is_staff,
        "scopes": token.scopes if token else None,
    }


@router.get(
    "/me/certification", response={200: Certification, **READ_ERRORS}, auth=signed_in(Scope.READ)
)
def my_certification(request):
    """The caller's certified-client status and progress per criterion (as /certified/progress)."""
    try:
        status = access_own_certification(request.user)
    except PermissionDenied:
        raise Refused(
            _("Certification is for clients: switch to the client role first."),
            "clients_only",
            status=403,
        ) from None
    rows = criterion_rows(enabled_criteria(), status)
    return {
        "certified": bool(status and status.certified),
        "met": sum(row.met for row in rows),
        "criteria": [
            {
                "code": row.criterion.code,
                "name": row.criterion.label,
                "met": row.met,
                "evaluated": row.evaluated,
                "value": str(row.value),
                "target": str(row.target),
                "percent": row.percent,
                "advice": str(row.advice),
            }
            for row in rows
        ],
    }
