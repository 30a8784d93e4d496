"""Threads and messages, and the caller's notifications.

Sending takes the same door as the thread page: `do_send_message` with an `Idempotency-Key`
header (a retry with the same key returns the message stored the first time), so the screening
sees the whole conversation — a contact split across two sends is caught on the second. A
delivered message answers 201; one held for the secretariat 202 with its status; a refused one
400 `blocked` with the spans of what was flagged; a slow-down or the message quota 429 with
Retry-After.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Header, Router, Schema, Status

from yorozu.accounts.requests import SignedInRequest
from yorozu.api.auth import signed_in
from yorozu.api.errors import Invalid
from yorozu.api.models import Scope
from yorozu.api.pagination import DEFAULT_LIMIT, cursor_page
from yorozu.api.schemas import READ_ERRORS, WRITE_ERRORS, page
from yorozu.messaging.actions import (
    MAX_IDEMPOTENCY_KEY_LENGTH,
    do_mark_thread_read,
    do_send_message,
)
from yorozu.messaging.models import Message, MessageStatus
from yorozu.messaging.selectors import access_thread, newest_first_messages, threads_for
from yorozu.notifications.actions import do_mark_notification_read
from yorozu.notifications.models import Notification
from yorozu.notifications.selectors import access_notification, notifications_for

router = Router(tags=["messages and notifications"])


class ThreadOut(Schema):
    id: int
    job_id: int
    job_title: str
    other_id: int
    other_name: str
    as_client: bool
    unread: bool
    last_message_at: datetime.datetime | None
    last_body: str | None


class ThreadPage(Schema):
    items: list[ThreadOut]
    next_cursor: str | None


class MessageOut(Schema):
    id: int
    thread_id: int
    sender_id: int
    body: str
    status: str
    created_at: datetime.datetime


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None


class MessageIn(Schema):
    body: str


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    read: bool
    created_at: datetime.datetime


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None


def message_out(message: Message) -> dict:
    return {
        "id": message.pk,
        "thread_id": message.thread_id,
        "sender_id": message.sender_id,
        "body": message.body,
        "status": message.status,
        "created_at": message.created_at,
    }


def notification_out(n: Notification) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "title": n.title,
        "body": n.body,
        "url": n.url,
        "read": n.read_at is not None,
        "created_at": n.created_at,
    }


@router.get("/threads", response={200: ThreadPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def threads(request: SignedInRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT):
    """The caller's threads as client and as worker, newest thread first."""
    queryset = threads_for(request.user).order_by("-created_at", "-id")
    rows, next_cursor = cursor_page(queryset, cursor, limit)
    return page(
        [
            {
                "id": t.pk,
                "job_id": t.job_id,
                "job_title": t.job.title,
                "other_id": t.other_id,  # type: ignore[attr-defined]
                "other_name": t.other_name,  # type: ignore[attr-defined]
                "as_client": t.as_client,  # type: ignore[attr-defined]
                "unread": t.unread,  # type: ignore[attr-defined]
                "last_message_at": t.last_message_at,
                "last_body": t.last_body,  # type: ignore[attr-defined]
            }
            for t in rows
        ],
        next_cursor,
    )


@router.get(
    "/threads/{id:thread_id}/messages",
    response={200: MessagePage, **READ_ERRORS},
    auth=signed_in(Scope.READ),
)
def messages(
    request: SignedInRequest, thread_id: int, cursor: str | None = None, limit: int = DEFAULT_LIMIT
):
    """The messages the caller may see in one of their threads, newest first (as the page)."""
    thread = access_thread(request.user, thread_id)
    rows, next_cursor = cursor_page(newest_first_messages(thread, request.user), cursor, limit)
    return page([message_out(m) for m in rows], next_cursor)


@router.post(
    "/threads/{id:thread_id}/messages",
    response={201: MessageOut, 202: MessageOut, **WRITE_ERRORS},
    auth=signed_in(Scope.MESSAGES),
)
def send(
    request: SignedInRequest,
    thread_id: int,
    body: MessageIn,
    idempotency_key: str = Header("", alias="Idempotency-Key"),
):
    """Send a message (see the module's docstring for each answer)."""
    thread = access_thread(request.user, thread_id)
    if len(idempotency_key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise Invalid(
            {"Idempotency-Key": [str(_("At most 64 characters."))]},
        )
    message = do_send_message(
        thread=thread,
        sender=request.user,
        body=body.body,
        idempotency_key=idempotency_key,
        actor=request.user,
    )
    return Status(202 if message.status == MessageStatus.HELD else 201, message_out(message))


@router.post(
    "/threads/{id:thread_id}/read",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in(Scope.READ),
)
def mark_read(request: SignedInRequest, thread_id: int):
    """Mark a thread read for the caller (as opening its page does)."""
    do_mark_thread_read(access_thread(request.user, thread_id), actor=request.user)
    return Status(204, None)


@router.get(
    "/notifications", response={200: NotificationPage, **READ_ERRORS}, auth=signed_in(Scope.READ)
)
def notifications(request: SignedInRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT):
    """The caller's notifications, unread first, each group newest first."""
    rows, next_cursor = cursor_page(notifications_for(request.user), cursor, limit)
    return page([notification_out(n) for n in rows], next_cursor)


@router.post(
    "/notifications/{id:notification_id}/read",
    response={200: NotificationOut, **WRITE_ERRORS},
    auth=signed_in(Scope.READ),
)
def read_notification(request: SignedInRequest, notification_id: int):
    notification = access_notification(request.user, notification_id)
    do_mark_notification_read(notification, actor=request.user)
    return notification_out(access_notification(request.user, notification_id))
