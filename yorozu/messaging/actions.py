"""Every write to messaging. `do_send_message` is the one path every message takes.

A message goes: validate → slow-down check → assess (`screening.assess_message`, the trust engine
with the thread's stage, the sender's role and the posting) → act on the verdict → update the
thread → notify the recipient on commit. allow delivers; warn delivers with the reasons shown to
the reader; hold stores the message for its sender's eyes only and opens a moderation case; block
stores nothing but a `BlockedAttempt` and refuses with the reasons, the sender's draft kept.
Repeated holds and blocks slow the sender down, then open a case on the account.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.messaging import screening
from yorozu.messaging.models import (
    VISIBLE_STATUSES,
    BlockedAttempt,
    ContactRequest,
    ContactRequestStatus,
    Message,
    MessageStatus,
    Thread,
)
from yorozu.moderation.actions import CaseError, do_open_case, do_record_case_decision
from yorozu.moderation.models import CaseDecision, CaseQueue, CaseStatus, ModerationCase
from yorozu.notifications.actions import do_mark_collapsed_notifications_read, do_notify
from yorozu.trust.services import index_content_tokens

MAX_BODY_LENGTH = 5000
# The model's column width: a longer key cannot be stored, so it cannot protect a retry either.
MAX_IDEMPOTENCY_KEY_LENGTH = 64

# Repeat offenders: held or blocked sends by one account within the window count as offences.
REPEAT_WINDOW_SECONDS = getattr(settings, "MESSAGING_REPEAT_WINDOW_SECONDS", 3600)
# From this many offences on, each further send waits SLOWDOWN_SECONDS after the latest one...
SLOWDOWN_AFTER = getattr(settings, "MESSAGING_SLOWDOWN_AFTER", 3)
SLOWDOWN_SECONDS = getattr(settings, "MESSAGING_SLOWDOWN_SECONDS", 60)
# ...and from this many on, the account goes to the secretariat's queue.
ESCALATE_AFTER = getattr(settings, "MESSAGING_ESCALATE_AFTER", 5)
# Queue priorities: a held message waits on a person; an escalated account matters more.
HELD_MESSAGE_PRIORITY = 10
REPEAT_OFFENDER_PRIORITY = 50
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
    """A message that was not stored; `message` tells the sender why. Their draft is kept.

    `code` says which refusal: "invalid" (empty, too long…), "blocked" (the trust engine; then
    `reasons` holds its reasons with spans into `body`, the text as assessed) or "slowdown".
    """

    def __init__(self, message, *, code: str = "invalid", body: str = "", reasons=()) -> None:
        super().__init__(message, code, status=429 if code == "slowdown" else None)
        self.body = body
        self.reasons = list(reasons)


# How each delivered verdict is recorded on the message.
STATUS_FOR_VERDICT = {
    "allow": MessageStatus.DELIVERED,
    "warn": MessageStatus.WARNED,
    "hold": MessageStatus.HELD,
}

# Kept under its old name for callers: the trust engine's call in this thread's context.
assess_message = screening.assess_message


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


def do_send_message(*, thread: Thread, sender, body: str, idempotency_key: str, actor) -> Message:
    """Send `body` from `sender` in `thread`, exactly once per idempotency key.

    A retry or double submit with a key already used by this sender returns the message stored
    the first time and stores nothing new. The thread row is locked first, so the messages of one
    thread get their times in the order they are stored, and two racing retries queue up behind
    each other; the unique constraint on (sender, key) is the last word if anything slips by.

    A refusal is raised only after the transaction that recorded it (the blocked attempt, an
    escalation) has committed: do not wrap this call in a transaction of your own.
    """
    outcome = _send_message(
        thread=thread, sender=sender, body=body, idempotency_key=idempotency_key, actor=actor
    )
    if isinstance(outcome, MessageRefused):
        raise outcome
    return outcome


@transaction.atomic
def _send_message(
    *, thread: Thread, sender, body: str, idempotency_key: str, actor
) -> Message | MessageRefused:
    if actor.pk != sender.pk or not thread.has_party(sender.pk):
        raise PermissionDenied("only the thread's two parties send in it")
    if not can_use(sender, "message"):
        return MessageRefused(restricted_message("message"))
    body = clean_message_body(body)
    if len(idempotency_key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValueError("idempotency key too long")

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

    now = timezone.now()
    wait = slowdown_remaining(sender, now=now)
    if wait:
        return MessageRefused(
            _(
                "You have sent several messages that could not be delivered. Please wait "
                "%(seconds)s seconds before sending again; your draft is kept."
            )
            % {"seconds": wait},
            code="slowdown",
            body=body,
        )

    assessment = assess_message(
        thread=thread, sender=sender, body=body, stage=screening.thread_stage(thread)
    )
    stored = screening.as_json(assessment)
    if assessment.verdict == "block":
        BlockedAttempt.objects.create(
            sender=sender,
            thread=thread,
            kind="message",
            body=body,
            assessment=stored,
            created_at=now,
        )
        _escalate_if_repeated(sender, now=now, actor=actor)
        return MessageRefused(
            _("This message was not sent. Please rewrite the highlighted parts."),
            code="blocked",
            body=body,
            reasons=stored.get("reasons", []),
        )

    try:
        with transaction.atomic():
            message = Message.objects.create(
                thread=thread,
                sender=sender,
                body=body,
                status=STATUS_FOR_VERDICT[assessment.verdict],
                idempotency_key=idempotency_key,
                assessment=stored,
                created_at=now,
            )
    except IntegrityError:
        already = _stored_with_key(sender, idempotency_key) if idempotency_key else None
        if already is None:
            raise
        return already

    _record_on_thread(thread, message)
    if message.status == MessageStatus.HELD:
        do_open_case(
            queue=CaseQueue.MESSAGES,
            content_object=message,
            subject_user=sender,
            reason_code="trust_hold",
            assessment=stored,
            priority=HELD_MESSAGE_PRIORITY,
            actor=actor,
        )
        _escalate_if_repeated(sender, now=now, actor=actor)
    else:
        # Held messages are indexed when their case opens; delivered ones here, so the console's
        # "related items" finds a phone number or URL across every account that used it.
        index_content_tokens(message, user=sender, texts=(body,), new=True)
        _notify_recipient(thread, message)
    return message


# ---- repeat offenders -----------------------------------------------------------------------


def recent_offences(user, *, now) -> list:
    """When `user`'s held or blocked sends within the window happened, newest first."""
    since = now - timedelta(seconds=REPEAT_WINDOW_SECONDS)
    blocked = BlockedAttempt.objects.filter(sender=user, created_at__gte=since).values_list(
        "created_at", flat=True
    )
    held = Message.objects.filter(
        sender=user, created_at__gte=since, status__in=[MessageStatus.HELD, MessageStatus.REJECTED]
    ).values_list("created_at", flat=True)
    return sorted([*blocked, *held], reverse=True)


def _offence_hint_key(user_id: int) -> str:
    return f"messaging:offences:{user_id}"


def _note_offence(user, *, now) -> None:
    """Remember the offence's time in the cache: the hint that spares clean sends a query."""
    key = _offence_hint_key(user.pk)
    since = now.timestamp() - REPEAT_WINDOW_SECONDS
    times = [t for t in cache.get(key, []) if t >= since] + [now.timestamp()]
    cache.set(key, times[-max(SLOWDOWN_AFTER, ESCALATE_AFTER) :], REPEAT_WINDOW_SECONDS)


def slowdown_remaining(user, *, now) -> int:
    """Seconds `user` must still wait before sending (0: they may send).

    The database is the record; the cache is a hint kept on every offence, so a sender with no
    recent offences costs no query. A lost hint forgets a slow-down (never makes one up): the
    account escalation below always counts in the database.
    """
    since = now.timestamp() - REPEAT_WINDOW_SECONDS
    hinted = [t for t in cache.get(_offence_hint_key(user.pk), []) if t >= since]
    if len(hinted) < SLOWDOWN_AFTER or now.timestamp() - max(hinted) >= SLOWDOWN_SECONDS:
        return 0
    offences = recent_offences(user, now=now)
    if len(offences) < SLOWDOWN_AFTER:
        return 0
    waited = (now - offences[0]).total_seconds()
    return max(0, int(SLOWDOWN_SECONDS - waited + 0.999))


def _escalate_if_repeated(user, *, now, actor) -> None:
    """Note an offence; from ESCALATE_AFTER in the window, the account goes to the secretariat.

    `do_open_case` merges into the live case for the account, so a burst is one case.
    """
    _note_offence(user, now=now)
    offences = recent_offences(user, now=now)
    if len(offences) < ESCALATE_AFTER:
        return
    do_open_case(
        queue=CaseQueue.ACCOUNTS,
        content_object=user,
        subject_user=user,
        reason_code="repeat_offender",
        assessment={"offences": len(offences), "window_seconds": REPEAT_WINDOW_SECONDS},
        priority=REPEAT_OFFENDER_PRIORITY,
        actor=actor,
    )


def _stored_with_key(sender, idempotency_key: str) -> Message | None:
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


# ---- held messages: the secretariat releases or rejects -------------------------------------


def _live_case_for(queue: str, obj) -> ModerationCase | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        ModerationCase.objects.filter(
            queue=queue,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )
        .exclude(status=CaseStatus.DECIDED)
        .first()
    )


def _lock_held(message: Message) -> Message:
    locked = (
        Message.objects.select_for_update(of=("self",))
        .select_related("thread__job", "thread__client", "thread__worker", "sender")
        .get(pk=message.pk)
    )
    if locked.status != MessageStatus.HELD:
        raise CaseError("This message is not held for review.")
    return locked


@transaction.atomic
def do_release_held_message(message: Message, *, actor) -> Message:
    """The secretariat lets a held message through: the reader sees it and is told.

    Records the decision on the message's case (raising CaseError if another reviewer holds
    or already decided it) in the same transaction as the change.
    """
    locked = _lock_held(message)
    case = _live_case_for(CaseQueue.MESSAGES, locked)
    if case is not None:
        do_record_case_decision(case, decision=CaseDecision.APPROVE, actor=actor)
    locked.status = MessageStatus.DELIVERED
    locked.save(update_fields=["status"])
    thread = locked.thread
    now = timezone.now()
    if thread.last_message_at is None or thread.last_message_at < now:
        # The message keeps its place in the conversation; the thread shows as new to the reader.
        thread.last_message_at = now
        thread.save(update_fields=["last_message_at"])
    _notify_recipient(thread, locked)
    with translation.override(settings.LANGUAGE_CODE):
        do_notify(
            locked.sender,
            kind="message_released",
            title=str(_("Your message was delivered after review")),
            body=str(_("The secretariat reviewed your message about “%(job)s” and delivered it."))
            % {"job": thread.job.title},
            url=reverse("messaging:thread", args=[thread.pk]),
        )
    message.status = locked.status
    return locked


@transaction.atomic
def do_reject_held_message(message: Message, *, reason: str, actor) -> Message:
    """The secretariat keeps a held message from its reader; the sender is told why."""
    locked = _lock_held(message)
    case = _live_case_for(CaseQueue.MESSAGES, locked)
    if case is not None:
        do_record_case_decision(case, decision=CaseDecision.REJECT, reason=reason, actor=actor)
    locked.status = MessageStatus.REJECTED
    locked.save(update_fields=["status"])
    thread = locked.thread
    with translation.override(settings.LANGUAGE_CODE):
        do_notify(
            locked.sender,
            kind="message_rejected",
            title=str(_("Your message was not delivered")),
            body=str(
                _(
                    "The secretariat did not deliver your message about “%(job)s”. "
                    "Reason: %(reason)s"
                )
            )
            % {"job": thread.job.title, "reason": reason},
            url=reverse("messaging:thread", args=[thread.pk]),
        )
    message.status = locked.status
    return locked


# ---- contact outside the platform, before escrow --------------------------------------------


class ContactRequestRefused(Refused):
    """A refused request or decision; `message` says why, and nothing changed."""

    default_code = "contact_request_refused"


@transaction.atomic
def do_request_contact(*, thread: Thread, reason: str, actor) -> ContactRequest:
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
    request: ContactRequest, *, approve: bool, reason: str = "", actor
) -> ContactRequest:
    """The secretariat approves or rejects a pending request; both parties are told.

    Approved, the thread is treated as after escrow for contact details (`thread_stage`).
    """
    locked = (
        ContactRequest.objects.select_for_update(of=("self",))
        .select_related("thread__job", "thread__client", "thread__worker")
        .get(pk=request.pk)
    )
    if locked.status != ContactRequestStatus.PENDING:
        raise ContactRequestRefused(_("This request has already been decided."))
    case = _live_case_for(CaseQueue.CONTACT_REQUESTS, locked)
    decision = CaseDecision.APPROVE if approve else CaseDecision.REJECT
    if case is not None:
        do_record_case_decision(case, decision=decision, reason=reason, actor=actor)
    locked.status = ContactRequestStatus.APPROVED if approve else ContactRequestStatus.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    thread = locked.thread
    with translation.override(settings.LANGUAGE_CODE):
        if approve:
            title = str(_("Your request to contact outside yorozu was approved"))
            body = str(
                _(
                    "For “%(job)s” you may now share the contact details the work needs. "
                    "Payments stay on yorozu."
                )
            )
        else:
            title = str(_("Your request to contact outside yorozu was not approved"))
            body = str(_("For “%(job)s” please keep talking on yorozu. Reason: %(reason)s"))
        for party in (thread.client, thread.worker):
            do_notify(
                party,
                kind="contact_request_decided",
                title=title,
                body=body % {"job": thread.job.title, "reason": reason},
                url=reverse("messaging:thread", args=[thread.pk]),
            )
    request.status = locked.status
    return locked


@transaction.atomic
def do_record_blocked_attempt(
    *, sender, body: str, assessment: dict, kind: str, thread: Thread | None = None, actor
) -> BlockedAttempt:
    """Record a send refused on another path (a proposal), counted like a blocked message."""
    now = timezone.now()
    attempt = BlockedAttempt.objects.create(
        sender=sender, thread=thread, kind=kind, body=body, assessment=assessment, created_at=now
    )
    _escalate_if_repeated(sender, now=now, actor=actor)
    return attempt
