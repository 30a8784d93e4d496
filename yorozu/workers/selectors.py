"""Reads for workers: the public worker profile and the (for now simple) worker list.

`search_workers` is the one entry point the later scouting search (categories completed,
gender, prefecture, age band, rating) will grow from; keep its callers going through it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from yorozu.accounts.models import User, WorkerProfile
from yorozu.workers.models import WorkerCategoryStat


def access_worker_profile(viewer: User | AnonymousUser | None, user_id: int) -> WorkerProfile:
    """The public worker profile of an active user, with its user; 404 otherwise.

    Worker profiles are public. What a worker hides (gender, age) is hidden by the profile's
    `public_gender` / `public_age_band`, which templates must use instead of the raw fields.
    """
    profile = (
        WorkerProfile.objects.select_related("user")
        .filter(user_id=user_id, user__is_active=True)
        .first()
    )
    if profile is None:
        raise Http404("no such worker")
    return profile


def worker_category_record(worker: User) -> list[WorkerCategoryStat]:
    """Completed contracts per category: each main category followed by its subcategories.

    Main categories in taxonomy order; within one, the subcategories most completed first.
    """
    stats = list(
        WorkerCategoryStat.objects.filter(worker=worker, completed_count__gt=0).select_related(
            "category", "category__parent"
        )
    )

    def key(stat: WorkerCategoryStat) -> tuple[int, int, int, int]:
        main = stat.category.parent or stat.category
        return (main.position, main.pk, 0 if stat.category.is_main else 1, -stat.completed_count)

    return sorted(stats, key=key)


def worker_reviews_from_clients(worker: User, *, limit: int = 10) -> list:
    """The latest reviews clients left for this worker."""
    from yorozu.reviews.models import Direction, Review

    return list(
        Review.objects.filter(reviewee=worker, direction=Direction.CLIENT_TO_WORKER)
        .select_related("reviewer", "contract")
        .order_by("-created_at", "-id")[:limit]
    )


def search_workers(*, keyword: str = "") -> QuerySet[WorkerProfile]:
    """Active workers matching every word of `keyword` in name, headline, bio or skills.

    Ordered by most recently active, then newest, so lively workers come first.
    """
    profiles = WorkerProfile.objects.filter(user__is_active=True).select_related("user")
    for word in keyword.split()[:10]:
        profiles = profiles.filter(
            Q(user__display_name__icontains=word)
            | Q(headline__icontains=word)
            | Q(bio__icontains=word)
            | Q(skills__icontains=word)
        )
    return profiles.order_by("-user__last_active_at", "-user__date_joined", "-id")
