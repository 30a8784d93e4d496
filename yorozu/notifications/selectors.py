"""Reads for notifications."""

from yorozu.notifications.models import Notification


def unread_notification_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
