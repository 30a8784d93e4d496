"""Writes for notifications: the one entry point every app uses to tell a user something."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from yorozu.core.side_effects import on_commit
from yorozu.notifications.models import Notification
from yorozu.notifications.tasks import send_notification_email

if TYPE_CHECKING:
    from yorozu.accounts.models import User

StrOrPromise = str | Promise


def recipient_language(user) -> str:
    """The language a notification to `user` is written in: the site's (Japanese) until
    accounts carry a language of their own — never the language the actor happens to browse in."""
    return settings.LANGUAGE_CODE


def render_for(user, text: StrOrPromise, params: Mapping[str, object] | None = None) -> str:
    """`text` (a lazy translation, with %(name)s placeholders filled from `params`) in the
    recipient's language."""
    with translation.override(recipient_language(user)):
        rendered = str(text)
        return rendered % params if params else rendered


def do_notify(
    user,
    *,
    kind: str,
    title: StrOrPromise,
    body: StrOrPromise = "",
    url: str = "",
    params: Mapping[str, object] | None = None,
    collapse_key: str = "",
) -> Notification:
    """Store an in-app notification now; e-mail a copy after the transaction commits.

    Call it from inside the action whose change it announces, so both land or neither does.
    `title` and `body` are lazy translations (msgids with %(name)s placeholders filled from
    `params`), rendered here in the recipient's language (`recipient_language`), the one place
    that decides it.

    With a `collapse_key`, a user has at most one unread notification per key: while one is
    unread, the existing one is returned and nothing new is stored or mailed. The partial unique
    constraint backs this under concurrency, so two senders racing still make one e-mail.
    """
    title = render_for(user, title, params)
    body = render_for(user, body, params) if body else ""
    if collapse_key:
        existing = _unread_with_key(user, collapse_key)
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user, kind=kind, title=title, body=body, url=url, collapse_key=collapse_key
                )
        except IntegrityError:
            existing = _unread_with_key(user, collapse_key)
            if existing is None:  # the other one was read in between: nothing left to collapse
                raise
            return existing
    else:
        notification = Notification.objects.create(
            user=user, kind=kind, title=title, body=body, url=url
        )
    # The e-mail copy goes through the task queue: no SMTP round trip inside a request.
    on_commit(send_notification_email.enqueue, user.email, title, body, url)
    return notification


def _unread_with_key(user, collapse_key: str) -> Notification | None:
    return Notification.objects.filter(
        user=user, collapse_key=collapse_key, read_at__isnull=True
    ).first()


@transaction.atomic(durable=True)
def do_mark_notification_read(notification: Notification, *, actor: User) -> bool:
    """Mark one of the actor's notifications read; True if it was unread until now.

    A conditional UPDATE, so two tabs clicking the same notification both succeed harmlessly.
    """
    if notification.user_id != actor.pk:
        raise PermissionDenied("only the recipient reads a notification")
    now = timezone.now()
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=now
    )
    if changed:
        notification.read_at = now
    return bool(changed)


@transaction.atomic(durable=True)
def do_mark_all_notifications_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def do_mark_collapsed_notifications_read(*, collapse_key: str, actor: User) -> int:
    """Mark the actor's unread notifications under one key read (e.g. on opening a thread).

    Reading the thing a notification points at is reading the notification; it also re-arms
    the collapse, so the next message after this one notifies again.
    """
    if not collapse_key:
        return 0
    return Notification.objects.filter(
        user=actor, collapse_key=collapse_key, read_at__isnull=True
    ).update(read_at=timezone.now())
