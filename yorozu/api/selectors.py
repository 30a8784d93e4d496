"""Reads of the API app: a user's tokens, and the token a request presents."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from yorozu.api.actions import TOKEN_PREFIX, token_digest
from yorozu.api.models import AccessToken


def tokens_of(user) -> QuerySet[AccessToken]:
    return AccessToken.objects.filter(user=user).order_by("-created_at", "-id")


def access_own_token(user, token_id: int) -> AccessToken:
    try:
        return AccessToken.objects.get(pk=token_id, user_id=user.pk)
    except AccessToken.DoesNotExist:
        raise Http404("no such token") from None


def token_for(raw: str) -> AccessToken | None:
    """The active token whose secret is `raw`, with its user; None for anything else."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    return (
        AccessToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at=None, user__is_active=True)
        .first()
    )
