"""Writes for notifications: the one entry point every app uses to tell a user something."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from yorozu.core.side_effects import on_commit
from yorozu.notifications.models import Notification, NotificationPreference
from yorozu.notifications.preferences import ALL, channels_for, unsubscribe_token
from yorozu.notifications.tasks import send_notification_email
from yorozu.notifications.topics import EMAIL, IN_APP, TOPICS, optional_topics, topic_of

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
) -> Notification | None:
    """Store an in-app notification now; e-mail a copy after the transaction commits.

    Each channel only if the recipient hears of the kind's topic on it (`preferences.
    channels_for`: their settings, else the topic's defaults; account and safety notices always).
    None when they chose to hear of it on neither. Every e-mail carries a one-click unsubscribe
    link for its topic (`List-Unsubscribe` too).

    Call it from inside the action whose change it announces, so both land or neither does.
    `title` and `body` are lazy translations (msgids with %(name)s placeholders filled from
    `params`), rendered here in the recipient's language (`recipient_language`), the one place
    that decides it.

    With a `collapse_key`, a user has at most one unread notification per key: while one is
    unread, the existing one is returned and nothing new is stored or mailed. The partial unique
    constraint backs this under concurrency, so two senders racing still make one e-mail.
    """
    in_app, email = channels_for(user, kind)
    if not (in_app or email):
        return None
    title = render_for(user, title, params)
    body = render_for(user, body, params) if body else ""
    if not in_app:
        on_commit(
            send_notification_email.enqueue,
            user.email,
            title,
            body,
            url,
            _unsubscribe_url(user, kind),
        )
        return None
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
    if email:
        on_commit(
            send_notification_email.enqueue,
            user.email,
            title,
            body,
            url,
            _unsubscribe_url(user, kind),
        )
    return notification


def _unsubscribe_url(user, kind: str) -> str:
    token = unsubscribe_token(user.pk, topic_of(kind).key)
    return f"{settings.SITE_URL.rstrip('/')}{reverse('notifications:unsubscribe', args=[token])}"


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


# ---- settings -------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_set_notification_preferences(*, choices: dict[str, dict[str, bool]], actor: User) -> int:
    """Store `actor`'s choice per optional topic: {topic: {"in_app": bool, "email": bool}}.

    Topics that cannot be turned off, and unknown ones, are ignored. Returns how many were saved.
    """
    saved = 0
    for topic in optional_topics():
        if topic.key not in choices:
            continue
        chosen = choices[topic.key]
        NotificationPreference.objects.update_or_create(
            user=actor,
            topic=topic.key,
            defaults={
                IN_APP: bool(chosen.get(IN_APP)),
                EMAIL: bool(chosen.get(EMAIL)),
            },
        )
        saved += 1
    return saved


@transaction.atomic(durable=True)
def do_unsubscribe(*, user, topic: str) -> list[str]:
    """Stop the e-mails of `topic` ("all": of every optional topic) to `user`, from a signed
    link (no sign-in: the token is the proof). In-app notifications stay as they were.
    Returns the topics turned off."""
    keys = [t.key for t in optional_topics()] if topic == ALL else [topic]
    done = []
    for key in keys:
        if key not in TOPICS or not TOPICS[key].optional:
            continue
        pref, created = NotificationPreference.objects.get_or_create(
            user=user,
            topic=key,
            defaults={IN_APP: TOPICS[key].in_app, EMAIL: False},
        )
        if not created and pref.email:
            pref.email = False
            pref.save(update_fields=["email", "updated_at"])
        done.append(key)
    return done
