"""What the secretariat's tools need about accounts, registered with the moderation registry:
an account is what a repeat-offender or strike case is about, and what "report this user"
reports (its public text is its profile)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.avatars import do_approve_avatar, do_reject_avatar
from yorozu.accounts.models import Avatar, AvatarStatus, User, profile_text
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


def _access_avatar(user: Any, pk: int) -> Avatar:
    """A shown avatar may be reported by anyone who sees it; others are the owner's."""
    avatar = Avatar.objects.select_related("user").filter(pk=pk).first()
    if avatar is None or not (
        avatar.status == AvatarStatus.LIVE or avatar.user_id == getattr(user, "pk", None)
    ):
        raise Http404("no such avatar")
    return avatar


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=Avatar,
            name="avatar",
            label=_("avatar"),
            queue=CaseQueue.ACCOUNTS,
            text=lambda a: a.text,
            title=lambda a: a.user.display_name,
            author=lambda a: a.user,
            screening_kind="profile",
            url=lambda a: reverse("accounts:avatar_file", args=[a.pk]),
            access=_access_avatar,
            approve=do_approve_avatar,
            reject=do_reject_avatar,
            take_down=do_reject_avatar,
            select_related=("user",),
            preview_template="accounts/avatar_case.html",
        )
    )
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
