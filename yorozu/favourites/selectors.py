"""Reads for favourites: the lists of `/account/favourites/`, and who may be kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from yorozu.accounts.selectors import access_client_profile
from yorozu.enforcement.selectors import visible_q
from yorozu.favourites.models import Favourite, FavouriteKind
from yorozu.jobs.selectors import access_job
from yorozu.workers.selectors import access_worker_profile

if TYPE_CHECKING:
    from yorozu.accounts.models import User


def access_favourite_target(user: User, kind: str, target_id: int):
    """What `user` may keep as a favourite of `kind`: a public worker profile's user, a job
    they may see, a public client profile's user; 404 otherwise (never oneself)."""
    if kind == FavouriteKind.WORKER:
        return access_worker_profile(user, target_id).user
    if kind == FavouriteKind.CLIENT:
        return access_client_profile(None, target_id).user
    if kind == FavouriteKind.JOB:
        return access_job(user, target_id)
    raise LookupError(kind)


def is_favourite(user, kind: str, target_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    target = {"job_id": target_id} if kind == FavouriteKind.JOB else {"person_id": target_id}
    return Favourite.objects.filter(owner_id=user.pk, kind=kind, **target).exists()


def favourite_workers(user: User) -> QuerySet[Favourite]:
    """The workers `user` keeps, newest first; a worker a restriction hides is left out."""
    return (
        Favourite.objects.filter(owner=user, kind=FavouriteKind.WORKER, person__is_active=True)
        .filter(visible_q("profile", "person"))
        .select_related("person", "person__worker_profile")
    )


def favourite_jobs(user: User) -> QuerySet[Favourite]:
    return (
        Favourite.objects.filter(owner=user, kind=FavouriteKind.JOB)
        .filter(visible_q("job", "job__client"))
        .select_related("job", "job__client", "job__category")
    )


def followed_clients(user: User) -> QuerySet[Favourite]:
    return (
        Favourite.objects.filter(owner=user, kind=FavouriteKind.CLIENT, person__is_active=True)
        .filter(visible_q("profile", "person"))
        .select_related("person", "person__client_profile")
    )


def followed_client_ids(user_ids) -> dict[int, list[int]]:
    """{worker id: [client ids they follow]} for these workers (the digest reads it)."""
    out: dict[int, list[int]] = {}
    for owner_id, person_id in Favourite.objects.filter(
        owner_id__in=list(user_ids), kind=FavouriteKind.CLIENT
    ).values_list("owner_id", "person_id"):
        out.setdefault(owner_id, []).append(person_id)
    return out


def followers_of_anyone() -> set[int]:
    """Every user who follows at least one client (the digest visits them)."""
    return set(
        Favourite.objects.filter(kind=FavouriteKind.CLIENT)
        .values_list("owner_id", flat=True)
        .distinct()
    )
