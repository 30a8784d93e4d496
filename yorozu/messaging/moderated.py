"""What the secretariat's tools need about messages and contact requests, registered with the
moderation registry (the console, reports and rescans read it)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.messaging.actions import (
    do_decide_contact_request,
    do_reject_held_message,
    do_release_held_message,
)
from yorozu.messaging.models import VISIBLE_STATUSES, ContactRequest, Message, Thread
from yorozu.messaging.screening import (
    POST_CONTRACT,
    PRE_CONTRACT,
    past_escrow_q,
    scope_of,
)
from yorozu.messaging.selectors import visible_messages
from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, Rescan, register
from yorozu.moderation.selectors import has_live_case
from yorozu.trust.screening import Context, Screening, apply_verdict, screen


def _access(user: Any, pk: int) -> Message:
    message = Message.objects.select_related("thread", "sender").filter(pk=pk).first()
    if (
        message is None
        or not message.thread.has_party(getattr(user, "pk", None))
        or not visible_messages(message.thread, user).filter(pk=pk).exists()
    ):
        raise Http404("no such message")
    return message


def _rescan_items(since: datetime.datetime) -> QuerySet[Message]:
    return Message.objects.filter(created_at__gte=since, status__in=VISIBLE_STATUSES).only(
        "id", "thread_id", "sender_id", "body", "status", "created_at"
    )


def _texts(since: datetime.datetime) -> Iterator[tuple[int, str]]:
    return (
        Message.objects.filter(created_at__gte=since)
        .order_by()
        .values_list("id", "body")
        .iterator(chunk_size=2000)
    )


def _rescan_screen(messages: list[Message]) -> list[tuple[Message, Screening]]:
    """Each message judged as it was sent: its thread's stage today, the sender's role, the
    posting (one query for the threads, one for their stage)."""
    threads = Thread.objects.select_related("job").in_bulk({m.thread_id for m in messages})
    past = set(
        Thread.objects.filter(pk__in=threads).filter(past_escrow_q()).values_list("pk", flat=True)
    )
    out = []
    for message in messages:
        thread = threads[message.thread_id]
        context = Context(
            stage=POST_CONTRACT if thread.pk in past else PRE_CONTRACT,
            sender_role="client" if message.sender_id == thread.client_id else "worker",
            job_title=thread.job.title,
            job_text=thread.job.description,
            scope=scope_of(thread),
        )
        out.append((message, screen("message", message.body, context=context)))
    return out


def _rescan_hold(message: Message, screening: Screening) -> bool:
    """A delivered message a rescan flags stays delivered; the secretariat gets a case."""
    if has_live_case(CaseQueue.MESSAGES, message):
        return False
    apply_verdict(
        screening,
        content=message,
        author=message.sender,
        actor=None,
        new=False,
        count=False,
        open_case=True,
        reason_code="rescan_hold",
    )
    return True


def _access_contact_request(user: Any, pk: int) -> ContactRequest:
    raise Http404("contact requests are not reported")


def _approve_contact(request: ContactRequest, *, actor: Any) -> None:
    do_decide_contact_request(request, approve=True, actor=actor)


def _reject_contact(request: ContactRequest, *, reason: str, actor: Any) -> None:
    do_decide_contact_request(request, approve=False, reason=reason, actor=actor)


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=Message,
            name="message",
            label=_("message"),
            queue=CaseQueue.MESSAGES,
            text=lambda m: m.body,
            title=lambda m: m.body[:60],
            author=lambda m: m.sender,
            screening_kind="message",
            url=lambda m: reverse("admin:messaging_message_change", args=[m.pk]),
            access=_access,
            approve=do_release_held_message,
            reject=do_reject_held_message,
            take_down=do_reject_held_message,
            rescan=Rescan(
                items=_rescan_items, screen=_rescan_screen, hold=_rescan_hold, texts=_texts
            ),
            select_related=("sender", "thread"),
        )
    )
    register(
        ModeratedKind(
            model=ContactRequest,
            name="contact_request",
            label=_("request to share contact details"),
            queue=CaseQueue.CONTACT_REQUESTS,
            text=lambda r: r.reason,
            title=lambda r: r.reason[:60],
            author=lambda r: r.requested_by,
            screening_kind="report",
            access=_access_contact_request,
            approve=_approve_contact,
            reject=_reject_contact,
            select_related=("requested_by",),
        )
    )


__all__ = ["register_kinds"]
