"""Writes for notifications: the one entry point every app uses to tell a user something."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from yorozu.core.side_effects import on_commit
from yorozu.notifications.models import Notification


def do_notify(user, *, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Store an in-app notification now; e-mail a copy after the transaction commits.

    Call it from inside the action whose change it announces, so both land or neither does.
    `title` and `body` are already in the recipient's language (Japanese by default).
    """
    notification = Notification.objects.create(
        user=user, kind=kind, title=title, body=body, url=url
    )
    on_commit(_send_email, user.email, title, body, url)
    return notification


def _send_email(address: str, title: str, body: str, url: str) -> None:
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
    send_mail(
        subject=f"[yorozu] {title}",
        message=f"{body}{link}",
        from_email=None,
        recipient_list=[address],
        fail_silently=True,
    )
