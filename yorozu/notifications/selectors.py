"""Reads for notifications."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from yorozu.notifications.models import Notification

PAGE_SIZE = 20


def unread_notifications(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


def notifications_for(user) -> QuerySet[Notification]:
    """The user's notifications, unread ones first, each group newest first."""
    return (
        Notification.objects.filter(user=user)
        .annotate(
            read_rank=Case(
                When(read_at__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("read_rank", "-created_at", "-id")
    )


def access_notification(user, notification_id: int) -> Notification:
    """One of the user's own notifications; 404 for anyone else's, so ids reveal nothing."""
    try:
        return Notification.objects.get(pk=notification_id, user_id=user.pk)
    except Notification.DoesNotExist:
        raise Http404("no such notification") from None


def safe_local_url(url: str) -> str:
    """`url` if it is a path on this site, else "" — a notification never sends anyone away.

    Only "/…" is followed: not "//host", not "/\\host" (browsers read both as another host),
    not "http:…" nor "javascript:…".
    """
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return ""
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=set()):
        return ""
    return url
