"""Who in the secretariat may do what: Django permissions in three groups, behind one check.

A staff member acts only through a permission (`core.review_content`, …) that their group grants
(reviewer < senior reviewer < administrator; a superuser holds every one). Every staff check in
the project is `has_staff_permission` (reads, templates) or `require_staff_permission`
(actions, which also refuse a decision about the actor themselves); views use `staff_view`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused

REVIEW = "core.review_content"
VERIFY_IDENTITY = "core.verify_identity"
VIEW_AUDIT = "core.view_audit"
RESTRICT = "core.restrict_accounts"
DECIDE_APPEALS = "core.decide_appeals"
MANAGE_RULES = "core.manage_rules"
MANAGE_PAYOUTS = "core.manage_payouts"

# The groups a data migration creates, each with its permissions (a group includes the ones
# before it). Staff accounts are put in one of them in the admin.
ROLES: dict[str, tuple[str, ...]] = {
    "reviewer": (REVIEW, VERIFY_IDENTITY, VIEW_AUDIT),
    "senior_reviewer": (REVIEW, VERIFY_IDENTITY, VIEW_AUDIT, RESTRICT, DECIDE_APPEALS),
    "administrator": (
        REVIEW,
        VERIFY_IDENTITY,
        VIEW_AUDIT,
        RESTRICT,
        DECIDE_APPEALS,
        MANAGE_RULES,
        MANAGE_PAYOUTS,
    ),
}


class OwnCaseRefused(Refused):
    """Nobody in the secretariat decides about themselves or their own content."""

    default_code = "own_case"
    status = 403

    def __init__(self) -> None:
        super().__init__(
            _(
                "You cannot decide about yourself or your own content: another member of the "
                "secretariat must."
            )
        )


def has_staff_permission(user: Any, perm: str) -> bool:
    """True if `user` is an active staff member holding `perm` (a superuser holds all)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.has_perm(perm)
    )


def is_secretariat(user: Any) -> bool:
    """True for any active staff member who can review (the lowest role): page chrome only."""
    return has_staff_permission(user, REVIEW)


def require_staff_permission(actor: Any, perm: str, *, about: Iterable[Any] = ()) -> None:
    """Raise PermissionDenied unless `actor` holds `perm`; raise OwnCaseRefused when the
    decision is about `actor` (`about` holds the users, or user ids, it concerns).

    Every refusal is audited (`StaffRefusal`, written once the request's transactions are over).
    """
    subjects = [getattr(s, "pk", s) for s in about if s is not None]
    if not has_staff_permission(actor, perm):
        _note_refusal(actor, perm, subjects, "no_permission")
        raise PermissionDenied("this needs the secretariat's permission " + perm)
    if actor.pk in subjects:
        _note_refusal(actor, perm, subjects, "own_case")
        raise OwnCaseRefused()


# --- the audit of refusals ---------------------------------------------------------------------
# A refusal is raised inside the action's transaction, which its raising rolls back: an audit row
# written there would vanish with it. So a refusal is noted here and written by the recorders
# (the enforcement log registers one from its AppConfig.ready) once the request, or the block of
# `staff_refusals_audited`, has ended; outside both it is written at once (and shares the fate of
# the transaction around it).


@dataclass(frozen=True)
class StaffRefusal:
    """A staff check that said no: who, which permission, about whom, and why."""

    actor_id: int | None
    perm: str
    about: tuple[int, ...]
    code: str  # "no_permission" or "own_case"
    path: str = ""


_pending_refusals: ContextVar[list[StaffRefusal] | None] = ContextVar(
    "yorozu_pending_staff_refusals", default=None
)
_refusal_recorders: list[Callable[[list[StaffRefusal]], None]] = []
_current_path: ContextVar[str] = ContextVar("yorozu_staff_request_path", default="")


def register_refusal_recorder(recorder: Callable[[list[StaffRefusal]], None]) -> None:
    """Have `recorder` write every refusal (called from an AppConfig.ready)."""
    if recorder not in _refusal_recorders:
        _refusal_recorders.append(recorder)


def _note_refusal(actor: Any, perm: str, about: list[Any], code: str) -> None:
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    refusal = StaffRefusal(actor_id, perm, tuple(about), code, _current_path.get())
    pending = _pending_refusals.get()
    if pending is not None:
        pending.append(refusal)
    else:
        _record([refusal])


def _record(refusals: list[StaffRefusal]) -> None:
    for recorder in _refusal_recorders:
        recorder(refusals)


@contextmanager
def staff_refusals_audited(path: str = "") -> Iterator[None]:
    """Collect the refusals raised inside the block and write them when it ends, after the
    transactions inside it have rolled back. Every request runs in one (the middleware below);
    a command or task that makes staff decisions wraps its work in one too."""
    token = _pending_refusals.set([])
    path_token = _current_path.set(path[:200])
    try:
        yield
    finally:
        refusals = _pending_refusals.get() or []
        _pending_refusals.reset(token)
        _current_path.reset(path_token)
        if refusals:
            with transaction.atomic():
                _record(refusals)


class StaffRefusalAuditMiddleware:
    """Writes the request's staff refusals once its view (and its transactions) have finished."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with staff_refusals_audited(request.path):
            return self.get_response(request)


def role_group(role: str) -> Group:
    """The group of a role, with its permissions (created by a data migration; recreated here
    if a flushed test database lost it)."""
    group, created = Group.objects.get_or_create(name=role)
    if created or not group.permissions.exists():
        ct, _ = ContentType.objects.get_or_create(app_label="core", model="secretariat")
        perms = []
        for perm in ROLES[role]:
            codename = perm.split(".", 1)[1]
            permission, _ = Permission.objects.get_or_create(
                content_type=ct, codename=codename, defaults={"name": codename}
            )
            perms.append(permission)
        group.permissions.set(perms)
    return group


def staff_with_permission(perm: str) -> QuerySet:
    """The active staff accounts holding `perm` (to tell them something)."""
    app_label, codename = perm.split(".", 1)
    granted = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(granted | Q(is_superuser=True))
        .distinct()
    )


def staff_view(perm: str) -> Callable:
    """A secretariat page: anonymous visitors sign in first; anyone without `perm` gets a 404
    (the page's existence is not revealed)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_staff_permission(request.user, perm):
                raise Http404("no such page")
            return view(request, *args, **kwargs)

        # Marks a staff page: the second-factor step guards every one (accounts.middleware).
        wrapped.staff_permission = perm  # type: ignore[attr-defined]
        return wrapped

    return decorator
