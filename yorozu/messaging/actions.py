"""Every write to messaging. `do_send_message` is the one path every message takes.

A message goes: validate → slow-down check → screen (`trust.screening`, the one door, with the
thread's stage, the sender's role, the posting and the sender's consecutive earlier messages) →
a blocked text is recorded and refused with its reasons (the draft kept) → the message is stored
with the status its verdict gives (allow: delivered; warn: delivered with the reasons shown to
the reader; hold: kept for its sender's eyes only) and the door acts on the verdict (counts, a
case for a hold, repeat offenders) → the thread is updated → the recipient is told on commit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.blocks.selectors import refuse_if_contact_blocked
from yorozu.core.errors import Refused
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.files.actions import (
    NOTHING,
    Prepared,
    files_guard,
    prepare_attachments,
    store_attachments,
)
from yorozu.messaging import screening
from yorozu.messaging.models import (
    VISIBLE_STATUSES,
    ContactRequest,
    ContactRequestStatus,
    Message,
    MessageStatus,
    ReadReceiptSetting,
    Thread,
)
from yorozu.moderation.actions import do_open_case
from yorozu.moderation.models import CaseQueue
from yorozu.notifications.actions import do_mark_collapsed_notifications_read, do_notify
from yorozu.trust.screening import (
    Screening,
    apply_verdict,
    check_slowdown,
    do_clear_screening,
    refuse_if_blocked,
    screen,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.core.files.uploadedfile import UploadedFile

    from yorozu.accounts.models import User

MAX_BODY_LENGTH = 5000
# The model's column width: a longer key cannot be stored, so it cannot protect a retry either.
MAX_IDEMPOTENCY_KEY_LENGTH = 64
CONTACT_REQUEST_PRIORITY = 5
CONTACT_REASON_MIN = 10
CONTACT_REASON_MAX = 1000


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


class MessageRefused(Refused):
    """A message that was not stored for a reason of messaging's own (empty, too long, the
    sender is restricted). Screening refusals are `trust.screening.Blocked` and `SlowDown`."""

    default_code = "invalid"


# How each delivered verdict is recorded on the message.
STATUS_FOR_VERDICT = {
    "allow": MessageStatus.DELIVERED,
    "warn": MessageStatus.WARNED,
    "hold": MessageStatus.HELD,
}


def clean_message_body(body: str, *, allow_empty: bool = False) -> str:
    """The body as stored: stripped, non-empty (unless files come with it), at most 5,000
    characters. Raises MessageRefused."""
    body = (body or "").strip()
    if not body and not allow_empty:
        raise MessageRefused(_("Please write a message."))
    if len(body) > MAX_BODY_LENGTH:
        raise MessageRefused(
            _("A message can be at most 5,000 characters (this one has %(count)s).")
            % {"count": f"{len(body):,}"}
        )
    if "\x00" in body:
        raise MessageRefused(_("The message contains characters that cannot be sent."))
    return body


def do_send_message(
    *,
    thread: Thread,
    sender: User,
    body: str,
    idempotency_key: str,
    actor: User,
    files: Sequence[UploadedFile] = (),
) -> Message:
    """Send `body` (and `files`) from `sender` in `thread`, exactly once per idempotency key.

    A retry or double submit with a key already used by this sender returns the message stored
    the first time and stores nothing new. Screening runs before the message's transaction, so
    a refused text's record stays; the thread row is then locked, so the messages of one thread
    get their times in the order they are stored and two racing retries queue up behind each
    other; the unique constraint on (sender, key) is the last word if anything slips by.
    An account without a confirmed address, or past its message quota, is refused first
    (`accounts.gates`). Raises `MessageRefused`, `trust.screening.Blocked`,
    `trust.screening.SlowDown`, `accounts.gates.EmailNotConfirmed` or `core.quotas.QuotaExceeded`.

    Files go through the files app (`files.actions`): checked and screened in the thread's
    context after the text, before anything is stored (`AttachmentRefused`, `FileBlocked`), and
    stored on the message in its transaction; a message may then have no text.
    """
    admit(sender, "message")
    if actor.pk != sender.pk or not thread.has_party(sender.pk):
        raise PermissionDenied("only the thread's two parties send in it")
    if not can_use(sender, "message"):
        raise MessageRefused(restricted_message("message"), "restricted", status=403)
    refuse_if_contact_blocked(sender, thread.other_party(sender.pk))
    body = clean_message_body(body, allow_empty=bool(files))
    if len(idempotency_key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValueError("idempotency key too long")
    check_slowdown(sender)
    stage = screening.thread_stage(thread) if files else None
    screened = screening.screen_message(thread=thread, sender=sender, body=body, stage=stage)
    refuse_if_blocked(screened, author=sender, actor=actor)
    prepared = NOTHING
    if files:
        context = screening.message_context(thread, sender, stage=stage)
        prepared = prepare_attachments(files, author=sender, context=context)
    with files_guard(prepared):
        return _store_message(
            thread=thread,
            sender=sender,
            screened=screened,
            idempotency_key=idempotency_key,
            actor=actor,
            prepared=prepared,
        )


@transaction.atomic(durable=True)
def _store_message(
    *,
    thread: Thread,
    sender: User,
    screened: Screening,
    idempotency_key: str,
    actor: User,
    prepared: Prepared = NOTHING,
) -> Message:
    # Lock the row and re-read what sends change; the job and the parties do not change, so the
    # caller's thread keeps them (access_thread loaded them), sparing the hot path a 4-table join.
    fresh = (
        Thread.objects.select_for_update(of=("self",))
        .filter(pk=thread.pk)
        .values("last_message_at", "client_last_read_at", "worker_last_read_at")
        .get()
    )
    for field, value in fresh.items():
        setattr(thread, field, value)
    if idempotency_key:
        already = _stored_with_key(sender, idempotency_key)
        if already is not None:
            return already
    try:
        with transaction.atomic():
            message = Message.objects.create(
                thread=thread,
                sender=sender,
                body=screened.text,
                status=STATUS_FOR_VERDICT[screened.verdict],
                idempotency_key=idempotency_key,
                assessment=screened.stored,
                created_at=timezone.now(),
            )
    except IntegrityError:
        already = _stored_with_key(sender, idempotency_key) if idempotency_key else None
        if already is None:
            raise
        return already
    apply_verdict(screened, content=message, author=sender, actor=actor)
    store_attachments(prepared, owner=message, actor=actor)
    _record_on_thread(thread, message)
    if message.status != MessageStatus.HELD:
        _notify_recipient(thread, message)
    return message


def post_message(*, thread: Thread, sender: User, body: str, stored: dict, warned: bool) -> Message:
    """Store a message whose text was already screened on another path (an accepted scout's
    text, screened as the scout), inside the caller's transaction, and tell the recipient."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("post_message runs inside the caller's transaction")
    message = Message.objects.create(
        thread=thread,
        sender=sender,
        body=body,
        status=MessageStatus.WARNED if warned else MessageStatus.DELIVERED,
        assessment=stored,
        created_at=timezone.now(),
    )
    _record_on_thread(thread, message)
    _notify_recipient(thread, message)
    return message


def _stored_with_key(sender: User, idempotency_key: str) -> Message | None:
    """The message `sender` stored under this key, if any.

    Asked on every send, and almost always answered "none": a fixed statement on the unique
    index first, the full row only on a hit.
    """
    table = Message._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE sender_id = %s AND idempotency_key = %s",
            [sender.pk, idempotency_key],
        )
        row = cursor.fetchone()
    return Message.objects.get(pk=row[0]) if row else None


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
    do_notify(
        recipient,
        kind="message",
        title=_("New message from %(name)s"),
        body=_("%(name)s sent you a message about “%(job)s”. Sign in to yorozu to read it."),
        params=params,
        url=reverse("messaging:thread", args=[thread.pk]),
        collapse_key=thread.collapse_key,
    )


def do_mark_thread_read(thread: Thread, *, actor: User) -> bool:
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


# ---- held messages: the secretariat releases or rejects -------------------------------------
# Called by the review console after it recorded its decision on the message's case (through
# the moderated-kind registration in `apps.py`), inside the console's transaction.


def _lock(message: Message) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("thread__job", "thread__client", "thread__worker", "sender")
        .get(pk=message.pk)
    )


@transaction.atomic
def do_release_held_message(message: Message, *, actor: User) -> bool:
    """The secretariat lets a held message through: the reader sees it and is told.

    False (nothing written) when the message is no longer held — a delivered message a rescan
    flagged stays as it is, the decision goes on the record only.
    """
    require_staff_permission(actor, REVIEW, about=[message.sender_id])
    locked = _lock(message)
    if locked.status != MessageStatus.HELD:
        return False
    locked.status = MessageStatus.DELIVERED
    locked.save(update_fields=["status"])
    do_clear_screening(locked)
    thread = locked.thread
    now = timezone.now()
    if thread.last_message_at is None or thread.last_message_at < now:
        # The message keeps its place in the conversation; the thread shows as new to the reader.
        thread.last_message_at = now
        thread.save(update_fields=["last_message_at"])
    _notify_recipient(thread, locked)
    do_notify(
        locked.sender,
        kind="message_released",
        title=_("Your message was delivered after review"),
        body=_("The secretariat reviewed your message about “%(job)s” and delivered it."),
        params={"job": thread.job.title},
        url=reverse("messaging:thread", args=[thread.pk]),
    )
    message.status = locked.status
    return True


@transaction.atomic
def do_reject_held_message(message: Message, *, reason: str, actor: User) -> bool:
    """The secretariat keeps a held message from its reader; the sender is told why.

    Also what an upheld report does to a delivered message: the reader no longer sees it.
    False when it was already withdrawn.
    """
    require_staff_permission(actor, REVIEW, about=[message.sender_id])
    locked = _lock(message)
    if locked.status == MessageStatus.REJECTED:
        return False
    locked.status = MessageStatus.REJECTED
    locked.save(update_fields=["status"])
    thread = locked.thread
    do_notify(
        locked.sender,
        kind="message_rejected",
        title=_("Your message was not delivered"),
        body=_("The secretariat did not deliver your message about “%(job)s”. Reason: %(reason)s"),
        params={"job": thread.job.title, "reason": reason},
        url=reverse("messaging:thread", args=[thread.pk]),
    )
    message.status = locked.status
    return True


# ---- contact outside the platform, before escrow --------------------------------------------


class ContactRequestRefused(Refused):
    """A refused request or decision; `message` says why, and nothing changed."""

    default_code = "contact_request_refused"


@transaction.atomic(durable=True)
def do_request_contact(*, thread: Thread, reason: str, actor: User) -> ContactRequest:
    """Ask the secretariat, before escrow, to let the two parties exchange contact details.

    One request per thread, with a stated reason; it opens a case in the contact-requests queue.
    While it is pending nothing changes.
    """
    if not thread.has_party(actor.pk):
        raise PermissionDenied("only the thread's two parties ask")
    reason = (reason or "").strip()
    if len(reason) < CONTACT_REASON_MIN:
        raise ContactRequestRefused(
            _("Please explain in at least 10 characters why you need to contact each other.")
        )
    if len(reason) > CONTACT_REASON_MAX or "\x00" in reason:
        raise ContactRequestRefused(_("The reason can be at most 1,000 characters."))
    thread = Thread.objects.select_for_update(of=("self",)).get(pk=thread.pk)
    if screening.escrow_funded(thread):
        raise ContactRequestRefused(
            _("The escrow is funded: you may already share the contact details the work needs.")
        )
    if ContactRequest.objects.filter(thread=thread).exists():
        raise ContactRequestRefused(_("A request has already been made for this conversation."))
    request = ContactRequest.objects.create(thread=thread, requested_by=actor, reason=reason)
    # The reason is written to the secretariat: through the door, flagged for the reviewer only.
    apply_verdict(
        screen("report", reason, author=actor), content=request, author=actor, actor=actor
    )
    do_open_case(
        queue=CaseQueue.CONTACT_REQUESTS,
        content_object=request,
        subject_user=actor,
        reason_code="contact_request",
        assessment={"reason": reason},
        priority=CONTACT_REQUEST_PRIORITY,
        actor=actor,
    )
    return request


@transaction.atomic
def do_decide_contact_request(
    request: ContactRequest, *, approve: bool, reason: str = "", actor: User
) -> ContactRequest:
    """The secretariat approves or rejects a pending request; both parties are told.

    Approved, the thread is treated as after escrow for contact details (`thread_stage`).
    Called by the review console after it recorded its decision on the request's case.
    """
    require_staff_permission(actor, REVIEW, about=[request.requested_by_id])
    locked = (
        ContactRequest.objects.select_for_update(of=("self",))
        .select_related("thread__job", "thread__client", "thread__worker")
        .get(pk=request.pk)
    )
    if locked.status != ContactRequestStatus.PENDING:
        raise ContactRequestRefused(_("This request has already been decided."))
    locked.status = ContactRequestStatus.APPROVED if approve else ContactRequestStatus.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    thread = locked.thread
    if approve:
        title = _("Your request to contact outside yorozu was approved")
        body = _(
            "For “%(job)s” you may now share the contact details the work needs. "
            "Payments stay on yorozu."
        )
    else:
        title = _("Your request to contact outside yorozu was not approved")
        body = _("For “%(job)s” please keep talking on yorozu. Reason: %(reason)s")
    for party in (thread.client, thread.worker):
        do_notify(
            party,
            kind="contact_request_decided",
            title=title,
            body=body,
            params={"job": thread.job.title, "reason": reason},
            url=reverse("messaging:thread", args=[thread.pk]),
        )
    request.status = locked.status
    return locked


# ---- read receipts (既読) ---------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_set_read_receipts(*, shares: bool, actor: User) -> ReadReceiptSetting:
    """Turn showing `actor`'s own read state to the people they talk to on or off."""
    setting, _created = ReadReceiptSetting.objects.update_or_create(
        user=actor, defaults={"shares_read_state": shares}
    )
    return setting
