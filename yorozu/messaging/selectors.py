"""Reads for message threads."""

from django.db.models import F, Q

from yorozu.messaging.models import Thread


def unread_thread_count(user) -> int:
    """Threads with a message newer than the user's last read (sending marks one's own read)."""
    as_client = Q(client=user, last_message_at__isnull=False) & (
        Q(client_last_read_at__isnull=True) | Q(last_message_at__gt=F("client_last_read_at"))
    )
    as_worker = Q(worker=user, last_message_at__isnull=False) & (
        Q(worker_last_read_at__isnull=True) | Q(last_message_at__gt=F("worker_last_read_at"))
    )
    return Thread.objects.filter(as_client | as_worker).count()
