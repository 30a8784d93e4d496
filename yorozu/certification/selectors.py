"""Reads for certification. Other apps import `is_certified_client` (e.g. the scout quota)."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied

from yorozu.certification.models import CertificationStatus, Criterion

# The user → status one-to-one seen from the user's side (`user.certification`), taken from the
# model rather than from `type(user)`, which for `request.user` is Django's lazy wrapper.
_STATUS_OF_USER = CertificationStatus._meta.get_field("client").remote_field


def _cached_status(user) -> tuple[bool, CertificationStatus | None]:
    """(whether the status is already loaded on `user`, the status or None) without a query.

    `user` may be a User or `request.user` (a SimpleLazyObject around one): both read the same
    per-instance cache.
    """
    if _STATUS_OF_USER.is_cached(user):
        return True, cast(CertificationStatus | None, _STATUS_OF_USER.get_cached_value(user))
    return False, None


def certification_of(user) -> CertificationStatus | None:
    """The stored status of `user`, from a joined row when loaded, else with one query."""
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    cached, status = _cached_status(user)
    if cached:
        return status
    return CertificationStatus.objects.filter(client_id=user.pk).first()


def is_certified_client(user) -> bool:
    """Whether `user` holds the certified-client badge now (as of the last evaluation)."""
    status = certification_of(user)
    return bool(status and status.certified)


def cached_certified(user) -> bool:
    """The badge from a joined row only, so a job card never costs a query.

    The job selectors join `client__certification` (`jobs.selectors.with_card_relations`); a list
    built without it shows no badge rather than a query per card.
    """
    if user is None or getattr(user, "pk", None) is None:
        return False
    cached, status = _cached_status(user)
    return bool(cached and status is not None and status.certified)


def enabled_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(enabled=True).order_by("position", "id"))


def access_own_certification(user) -> CertificationStatus | None:
    """The signed-in client's own status (None before their first evaluation).

    Only a user acting as a client may see it; there is no id in the URL, so nobody can ask for
    someone else's.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("sign in as a client")
    if not user.acting_as_client:
        raise PermissionDenied("the certification progress page is for clients")
    return CertificationStatus.objects.filter(client_id=user.pk).first()
