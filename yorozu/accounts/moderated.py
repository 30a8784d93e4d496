"""What the secretariat's tools need about accounts, registered with the moderation registry:
an account is what a repeat-offender or strike case is about, and what "report this user"
reports (its public text is its profile)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import User, profile_text
from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, register


def _access(user: Any, pk: int) -> User:
    subject = (
        User.objects.select_related("worker_profile", "client_profile")
        .filter(pk=pk, is_active=True)
        .first()
    )
    if subject is None:
        raise Http404("no such user")
    return subject


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=User,
            name="user",
            label=_("account"),
            queue=CaseQueue.ACCOUNTS,
            text=profile_text,
            title=lambda user: user.display_name,
            author=lambda user: user,
            screening_kind="profile",
            url=lambda user: reverse("admin:accounts_user_change", args=[user.pk]),
            access=_access,
            select_related=("worker_profile", "client_profile"),
        )
    )
