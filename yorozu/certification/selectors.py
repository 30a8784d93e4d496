"""Reads for certification and worker tiers. Other apps import `is_certified_client` (e.g. the
scout quota) and `worker_tier_of` / `cached_worker_tier` (badges), `TIER_JOIN` (to join a tier
onto a list of workers)."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from yorozu.certification.models import (
    WORKER_TIERS,
    CertificationStatus,
    Criterion,
    Programme,
    WorkerTierStatus,
)

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


def enabled_criteria(programmes=(Programme.CLIENT,)) -> list[Criterion]:
    """The enabled criteria of these programmes (the certified client's by default), in order."""
    return list(
        Criterion.objects.filter(enabled=True, programme__in=list(programmes)).order_by(
            "position", "id"
        )
    )


def enabled_worker_criteria() -> list[Criterion]:
    """Every worker tier's enabled criteria, the lowest tier's first."""
    rank: dict[str, int] = {tier: n for n, tier in enumerate(WORKER_TIERS)}
    return sorted(enabled_criteria(WORKER_TIERS), key=lambda c: rank[c.programme])


# The user → tier status one-to-one seen from the user's side (`user.worker_tier`); a list of
# workers joins it with `select_related(f"{prefix}{TIER_JOIN}")`.
_TIER_OF_USER = WorkerTierStatus._meta.get_field("worker").remote_field
TIER_JOIN = "worker_tier"


def worker_tier_of(user) -> WorkerTierStatus | None:
    """The stored tier status of `user`, from a joined row when loaded, else with one query."""
    if user is None or getattr(user, "pk", None) is None:
        return None
    if _TIER_OF_USER.is_cached(user):
        return cast(WorkerTierStatus | None, _TIER_OF_USER.get_cached_value(user))
    return WorkerTierStatus.objects.filter(worker_id=user.pk).first()


def cached_worker_tier(user) -> str:
    """The tier held ("" for none) from a joined row only, so a card never costs a query."""
    if user is None or getattr(user, "pk", None) is None or not _TIER_OF_USER.is_cached(user):
        return ""
    status = _TIER_OF_USER.get_cached_value(user)
    return getattr(status, "tier", "") if status is not None else ""


def holds_a_tier(worker_id) -> QuerySet[WorkerTierStatus]:
    """The tier status of `worker_id` (a value or an OuterRef) if it holds any tier: for an
    `Exists` in worker search's "certified workers only" filter."""
    return WorkerTierStatus.objects.filter(worker_id=worker_id).exclude(tier="")


def access_own_worker_tier(user) -> WorkerTierStatus | None:
    """The signed-in user's own tier status as a worker (None before their first evaluation).

    Every account can work, so any signed-in user may see their own; there is no id in the
    URL, so nobody can ask for someone else's.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("sign in")
    return WorkerTierStatus.objects.filter(worker_id=user.pk).first()


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
