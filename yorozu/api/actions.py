"""Writes of the API app: making and revoking personal access tokens (each with its audit row)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.api.models import AccessToken, AccessTokenEvent, Scope
from yorozu.core.errors import Refused

if TYPE_CHECKING:
    from yorozu.accounts.models import User

TOKEN_PREFIX = "yz_"
MAX_ACTIVE_TOKENS = 20


class TokenRefused(Refused):
    default_code = "token_refused"


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic(durable=True)
def do_create_access_token(
    *, user: User, name: str, scopes: Iterable[str], second_factor: bool, actor: User
) -> tuple[AccessToken, str]:
    """Make a token for `user`; returns it and its secret, which is never stored nor shown again.

    The staff scope is for the secretariat only, and only from a session that passed the second
    factor (`second_factor`), so a stolen password alone never yields a staff token.
    """
    if actor.pk != user.pk:
        raise TokenRefused(_("You can only make tokens for yourself."), status=403)
    chosen = sorted({s for s in scopes if s in Scope.values})
    name = name.strip()
    if not name:
        raise TokenRefused(_("Give the token a name, so you can recognise it later."))
    if not chosen:
        raise TokenRefused(_("Choose at least one scope."))
    if Scope.STAFF in chosen and not (user.is_staff and second_factor):
        raise TokenRefused(
            _("A staff token can only be made by the secretariat after the second factor."),
            "second_factor_required",
            status=403,
        )
    if AccessToken.objects.filter(user=user, revoked_at=None).count() >= MAX_ACTIVE_TOKENS:
        raise TokenRefused(
            _("You have %(count)s active tokens. Revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS},
            "too_many_tokens",
            status=409,
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name[:60],
        prefix=raw[:10],
        digest=token_digest(raw),
        scopes=chosen,
        second_factor=bool(second_factor and user.is_staff),
    )
    AccessTokenEvent.objects.create(
        token=token, actor=actor, event_type="created", data={"scopes": chosen}
    )
    return token, raw


@transaction.atomic(durable=True)
def do_revoke_access_token(token: AccessToken, *, actor: User) -> bool:
    """Revoke at once: the next request with it is refused. Revoking twice changes nothing."""
    if actor.pk != token.user_id:
        raise TokenRefused(_("You can only revoke your own tokens."), status=403)
    now = timezone.now()
    revoked = AccessToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=now)
    if not revoked:
        return False
    token.revoked_at = now
    AccessTokenEvent.objects.create(token=token, actor=actor, event_type="revoked")
    return True


def note_token_use(token: AccessToken) -> None:
    """Remember when a token was last used, at most once a minute (a conditional UPDATE)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
