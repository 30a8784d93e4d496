"""Every write to messaging. `do_send_message` is the one path every message takes.

A message goes: validate → assess (`assess_message`, where the trust engine will sit) → store →
update the thread → notify the recipient on commit. Scouts and proposals will take the same path,
so whatever the secretariat decides about messages holds everywhere a message can be sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yorozu.messaging.models import VISIBLE_STATUSES, Message, MessageStatus, Thread
from yorozu.notifications.actions import do_mark_collapsed_notifications_read, do_notify

MAX_BODY_LENGTH = 5000
# The model's column width: a longer key cannot be stored, so it cannot protect a retry either.
MAX_IDEMPOTENCY_KEY_LENGTH = 64


def ensure_thread(job, worker) -> Thread:
    """The thread between a job's client and one worker, created on first need."""
    thread = Thread.objects.filter(job=job, worker=worker).first()
    if thread is not None:
        return thread
    try:
        with transaction.atomic():
            return Thread.objects.create(job=job, client_id=job.client_id, worker=worker)
    except IntegrityError:
        return Thread.objects.get(job=job, worker=worker)


class MessageRefused(Exception):
    """A message that was not stored; `message` tells the sender why. Their draft is kept."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


class Verdict(StrEnum):
    """What happens to a message once assessed (the architecture's four outcomes)."""

    DELIVER = "deliver"  # stored and shown to the recipient
    WARN = "warn"  # stored and shown, with a warning to the reader
    HOLD = "hold"  # stored, shown only to its sender until the secretariat releases it
    REFUSE = "refuse"  # not stored; the sender is told why


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    reason: str = ""


# How each stored verdict is recorded on the message.
STATUS_FOR_VERDICT = {
    Verdict.DELIVER: MessageStatus.DELIVERED,
    Verdict.WARN: MessageStatus.WARNED,
    Verdict.HOLD: MessageStatus.HELD,
}


def assess_message(*, thread: Thread, sender, body: str) -> Assessment:
    """The seat of the trust engine: judge a message before it is stored.

    The safe-messaging issue replaces this body with `trust.engine.assess(text, context)`,
    passing the thread's stage (before or after escrow), the sender's role and the job posting.
    Until then every message is delivered.
    """
    return Assessment(Verdict.DELIVER)


def clean_message_body(body: str) -> str:
    """The body as stored: stripped, non-empty, at most 5,000 characters. Raises MessageRefused."""
    body = (body or "").strip()
    if not body:
        raise MessageRefused(_("Please write a message."))
    if len(body) > MAX_BODY_LENGTH:
        raise MessageRefused(
            _("A message can be at most 5,000 characters (this one has %(count)s).")
            % {"count": f"{len(body):,}"}
        )
    if "\x00" in body:
        raise MessageRefused(_("The message contains characters that cannot be sent."))
    return body


@transaction.atomic
def do_send_message(*, thread: Thread, sender, body: str, idempotency_key: str, actor) -> Message:
    """Send `body` from `sender` in `thread`, exactly once per idempotency key.

    A retry or double submit with a key already used by this sender returns the message stored
    the first time and stores nothing new. The thread row is locked first, so the messages of one
    thread get their times in the order they are stored, and two racing retries queue up behind
    each other; the unique constraint on (sender, key) is the last word if anything slips by.
    """
    if actor.pk != sender.pk or not thread.has_party(sender.pk):
        raise PermissionDenied("only the thread's two parties send in it")
    body = clean_message_body(body)
    if len(idempotency_key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValueError("idempotency key too long")

    locked = Thread.objects.select_for_update(of=("self",)).select_related(
        "job", "client", "worker"
    )
    thread = locked.get(pk=thread.pk)
    if idempotency_key:
        already = _stored_with_key(sender, idempotency_key)
        if already is not None:
            return already

    assessment = assess_message(thread=thread, sender=sender, body=body)
    if assessment.verdict == Verdict.REFUSE:
        raise MessageRefused(assessment.reason or _("This message cannot be sent."))

    now = timezone.now()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                thread=thread,
                sender=sender,
                body=body,
                status=STATUS_FOR_VERDICT[assessment.verdict],
                idempotency_key=idempotency_key,
                created_at=now,
            )
    except IntegrityError:
        already = _stored_with_key(sender, idempotency_key) if idempotency_key else None
        if already is None:
            raise
        return already

    _record_on_thread(thread, message)
    if message.status in VISIBLE_STATUSES:
        _notify_recipient(thread, message)
    return message


def _stored_with_key(sender, idempotency_key: str) -> Message | None:
    return Message.objects.filter(sender=sender, idempotency_key=idempotency_key).first()


def _record_on_thread(thread: Thread, message: Message) -> None:
    """The sender has read their own thread; the recipient has something new (if they see it)."""
    fields = []
    if message.status in VISIBLE_STATUSES and (
        thread.last_message_at is None or thread.last_message_at < message.created_at
    ):
        thread.last_message_at = message.created_at
        fields.append("last_message_at")
    read_field = thread.last_read_field(message.sender_id)
    if (getattr(thread, read_field) or message.created_at) <= message.created_at:
        setattr(thread, read_field, message.created_at)
        fields.append(read_field)
    if fields:
        thread.save(update_fields=fields)


def _notify_recipient(thread: Thread, message: Message) -> None:
    """Tell the recipient there is a message, without its text.

    The e-mail never carries the body: the reader meets a message on the site, where its caution
    panel and any warning stand beside it. One unread notification per thread at a time, so a
    burst of messages is one e-mail.
    """
    recipient_id = thread.other_party(message.sender_id)
    recipient = thread.client if recipient_id == thread.client_id else thread.worker
    sender = thread.worker if recipient_id == thread.client_id else thread.client
    params = {"name": sender.display_name, "job": thread.job.title}
    with translation.override(settings.LANGUAGE_CODE):
        do_notify(
            recipient,
            kind="message",
            title=str(_("New message from %(name)s")) % params,
            body=str(
                _("%(name)s sent you a message about “%(job)s”. Sign in to yorozu to read it.")
            )
            % params,
            url=reverse("messaging:thread", args=[thread.pk]),
            collapse_key=thread.collapse_key,
        )


def do_mark_thread_read(thread: Thread, *, actor) -> bool:
    """Record that `actor` has read `thread` up to the last message they were shown.

    Reads up to `thread.last_message_at` as fetched before the page was rendered, not "now": a
    message stored while the page renders stays unread. Also marks the thread's message
    notifications read, which re-arms them for the next message. True if anything changed.
    An already-read thread opens no transaction (on SQLite every transaction takes the write
    lock, and opening a thread is the commonest thing people do).
    """
    if not thread.has_party(actor.pk):
        raise PermissionDenied("only the thread's two parties read it")
    if not thread.is_unread_for(actor.pk):
        return False
    seen = thread.last_message_at
    field = thread.last_read_field(actor.pk)
    with transaction.atomic():
        changed = (
            Thread.objects.filter(pk=thread.pk)
            .exclude(**{f"{field}__gte": seen})
            .update(**{field: seen})
        )
        do_mark_collapsed_notifications_read(collapse_key=thread.collapse_key, actor=actor)
    setattr(thread, field, seen)
    return bool(changed)
