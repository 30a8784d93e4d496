"""Every write to accounts. Each outermost action is atomic and writes its audit row."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from yorozu.accounts.models import (
    AccountEvent,
    ClientProfile,
    Role,
    User,
    WorkerProfile,
)


@transaction.atomic
def do_create_account(
    *, email: str, password: str | None, display_name: str, role: str = Role.WORKER
) -> User:
    """Create a user with both profiles: any account can hire and work."""
    user = User.objects.create_user(
        email=email, password=password, display_name=display_name, active_role=role
    )
    WorkerProfile.objects.create(user=user)
    ClientProfile.objects.create(user=user)
    AccountEvent.objects.create(user=user, actor=user, event_type="account_created")
    return user


@transaction.atomic
def do_switch_role(user: User, role: str, *, actor: User) -> None:
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    if user.active_role == role:
        return
    user.active_role = role
    user.save(update_fields=["active_role"])
    AccountEvent.objects.create(
        user=user, actor=actor, event_type="role_switched", data={"role": role}
    )


def do_touch_last_active(user: User) -> None:
    """Record activity at most once an hour (worker search sorts by it)."""
    now = timezone.now()
    if user.last_active_at and (now - user.last_active_at).total_seconds() < 3600:
        return
    User.objects.filter(pk=user.pk).update(last_active_at=now)
    user.last_active_at = now
