"""Reads for message threads.

`access_thread` fetches and authorizes in one call: only the thread's two parties see it, and
anyone else gets a 404, never a hint that it exists.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    BooleanField,
    Case,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from yorozu.contracts.models import Contract
from yorozu.enforcement.selectors import visible_q
from yorozu.messaging.models import (
    VISIBLE_STATUSES,
    Caution,
    ContactRequest,
    Message,
    ReadReceiptSetting,
    Thread,
)

INBOX_PAGE_SIZE = 20
MESSAGES_PAGE_SIZE = 50


def _unread_as_client(user) -> Q:
    return Q(client=user, last_message_at__isnull=False) & (
        Q(client_last_read_at__isnull=True) | Q(last_message_at__gt=F("client_last_read_at"))
    )


def _unread_as_worker(user) -> Q:
    return Q(worker=user, last_message_at__isnull=False) & (
        Q(worker_last_read_at__isnull=True) | Q(last_message_at__gt=F("worker_last_read_at"))
    )


def unread_threads(user) -> QuerySet[Thread]:
    """Threads with a message newer than the user's last read (sending marks one's own read)."""
    return Thread.objects.filter(_unread_as_client(user) | _unread_as_worker(user))


def unread_thread_count(user) -> int:
    return unread_threads(user).count()


def visible_messages(thread: Thread, viewer) -> QuerySet[Message]:
    """The messages of `thread` that `viewer` may see: their own, and the other party's delivered
    ones unless a restriction hides that account's content (`enforcement.selectors.visible_q`)."""
    return Message.objects.filter(thread=thread).filter(
        (Q(status__in=VISIBLE_STATUSES) & visible_q("message", "sender")) | Q(sender_id=viewer.pk)
    )


def access_thread(user, thread_id: int) -> Thread:
    """A thread, for its client or its worker; 404 for everyone else (staff use the admin)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("no such thread")
    try:
        return (
            Thread.objects.select_related("job", "client", "worker")
            .filter(Q(client_id=user.pk) | Q(worker_id=user.pk))
            .get(pk=thread_id)
        )
    except Thread.DoesNotExist:
        raise Http404("no such thread") from None


def threads_for(user) -> QuerySet[Thread]:
    """The user's threads as client and as worker, most recent message first, in one query.

    Each row carries what the inbox shows: `other_name`, `other_id`, `as_client`, `unread` and
    `last_body` (the newest message the user may see), so the list adds no query per row.
    """
    last_visible = (
        Message.objects.filter(thread=OuterRef("pk"))
        .filter(Q(status__in=VISIBLE_STATUSES) | Q(sender_id=user.pk))
        .order_by("-created_at", "-id")
        .values("body")[:1]
    )
    as_client = Q(client_id=user.pk)
    return (
        Thread.objects.filter(as_client | Q(worker_id=user.pk))
        .select_related("job")
        .annotate(
            as_client=Case(When(as_client, then=Value(True)), default=Value(False)),
            other_id=Case(When(as_client, then=F("worker_id")), default=F("client_id")),
            other_name=Case(
                When(as_client, then=F("worker__display_name")),
                default=F("client__display_name"),
            ),
            unread=Case(
                When(_unread_as_client(user) | _unread_as_worker(user), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            last_body=Subquery(last_visible),
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at", "-id")
    )


def newest_first_messages(thread: Thread, viewer) -> QuerySet[Message]:
    """What the thread page pages through: page 1 holds the newest messages.

    The page shows its slice oldest first, so a conversation reads top to bottom.
    """
    return visible_messages(thread, viewer).order_by("-created_at", "-id")


def contract_for_thread(thread: Thread) -> Contract | None:
    """The contract between the thread's two parties for its job, if one was signed."""
    return (
        Contract.objects.filter(job_id=thread.job_id, worker_id=thread.worker_id)
        .order_by("-created_at", "-id")
        .first()
    )


def caution_for(reader_role: str) -> Caution | None:
    """The secretariat's caution for this reader ("client" or "worker"), if shown."""
    return Caution.objects.filter(reader_role=reader_role, enabled=True).first()


def contact_request_for(thread: Thread) -> ContactRequest | None:
    return ContactRequest.objects.filter(thread=thread).first()


def shares_read_state(user) -> bool:
    """Whether `user` shows the other party when they have read a message (default: yes)."""
    return not ReadReceiptSetting.objects.filter(user_id=user.pk, shares_read_state=False).exists()


def read_by_other_until(thread: Thread, viewer) -> datetime.datetime | None:
    """Up to when the other party has read `thread`, as `viewer` may see it (既読), or None.

    None when the other party hides their read state, or when `viewer` hides their own (it
    works both ways). One query for both settings.
    """
    other_id = thread.other_party(viewer.pk)
    if ReadReceiptSetting.objects.filter(
        user_id__in=[viewer.pk, other_id], shares_read_state=False
    ).exists():
        return None
    return getattr(thread, thread.last_read_field(other_id))
