"""Who in the secretariat may do what: Django permissions in three groups, behind one check.

A staff member acts only through a permission (`core.review_content`, …) that their group grants
(reviewer < senior reviewer < administrator; a superuser holds every one). Every staff check in
the project is `has_staff_permission` (reads, templates) or `require_staff_permission`
(actions, which also refuse a decision about the actor themselves); views use `staff_view`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
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
    decision is about `actor` (`about` holds the users, or user ids, it concerns)."""
    if not has_staff_permission(actor, perm):
        raise PermissionDenied("this needs the secretariat's permission " + perm)
    for subject in about:
        if subject is not None and getattr(subject, "pk", subject) == actor.pk:
            raise OwnCaseRefused()


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

        return wrapped

    return decorator
