"""Reads for accounts: public client profiles and what the settings page shows."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404

from yorozu.accounts.models import ClientProfile, IdentityDocument, User
from yorozu.enforcement.selectors import visible_q
from yorozu.reviews.models import Direction, Review


def access_client_profile(viewer: User | AnonymousUser | None, user_id: int) -> ClientProfile:
    """The public client profile of an active user, with its user; 404 otherwise.

    Client profiles are public (anyone deciding whether to apply to a job may read them); the
    refusals are for accounts that do not exist, are no longer active, or that a restriction
    hides (`enforcement.selectors.visible_q`) — except from their owner.
    """
    shown = visible_q("profile", "user")
    if getattr(viewer, "pk", None) == user_id:
        shown = Q()
    profile = (
        ClientProfile.objects.select_related("user")
        .filter(shown, user_id=user_id, user__is_active=True)
        .first()
    )
    if profile is None:
        raise Http404("no such client")
    return profile


def client_reviews_from_workers(client: User, *, limit: int = 10) -> list:
    """The latest reviews workers left for this client."""
    return list(
        Review.objects.filter(reviewee=client, direction=Direction.WORKER_TO_CLIENT)
        .select_related("reviewer", "contract")
        .order_by("-created_at", "-id")[:limit]
    )


def latest_identity_document(user: User) -> IdentityDocument | None:
    return IdentityDocument.objects.filter(user=user).order_by("-submitted_at", "-id").first()
