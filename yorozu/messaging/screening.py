"""What screening needs to know about a message: where it is said. Reads only.

The door (`trust.screening`) judges every text; this module supplies a message's context — the
thread's stage (the one "past escrow?" predicate), the sender's role in the thread, the posting
it belongs to and the sender's consecutive earlier messages — so the send path, the pre-send
nudge, proposals, scouts and rescans judge a text in the same place and for the same reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language

from yorozu.contracts.models import Contract
from yorozu.contracts.models import past_escrow_q as contract_past_escrow_q
from yorozu.messaging.models import ContactRequest, ContactRequestStatus, Message, Thread
from yorozu.trust.screening import (
    POST_CONTRACT,
    PRE_CONTRACT,
    Context,
    Screening,
    earlier_in_scope,
    reads_earlier,
    screen,
)
from yorozu.trust.services import Segment, highlight

if TYPE_CHECKING:
    from yorozu.accounts.models import User

# Reason categories the engine applies before escrow only (so a note after escrow is about them).
CONTACT_CATEGORIES = frozenset({"contact"})

__all__ = [
    "POST_CONTRACT",
    "PRE_CONTRACT",
    "Nudge",
    "escrow_funded",
    "message_context",
    "nudge_for",
    "past_escrow_q",
    "proposal_context",
    "scout_context",
    "thread_stage",
]


def past_escrow_q() -> Q:
    """THE "past escrow?" predicate, on threads: the contract of the thread's job and worker is
    funded (or later), or the secretariat approved a request to share contact details. From
    then on contact details the work needs are fine; scams never are."""
    funded = Contract.objects.filter(
        contract_past_escrow_q(), job_id=OuterRef("job_id"), worker_id=OuterRef("worker_id")
    )
    approved = ContactRequest.objects.filter(
        thread_id=OuterRef("pk"), status=ContactRequestStatus.APPROVED
    )
    return Q(Exists(funded)) | Q(Exists(approved))


def escrow_funded(thread: Thread) -> bool:
    """The contract of this thread is funded (or later); a contact approval does not count."""
    return Contract.objects.filter(
        contract_past_escrow_q(), job_id=thread.job_id, worker_id=thread.worker_id
    ).exists()


# `thread_stage` runs on every send, where building the ORM query cost more than running it: the
# SQL of `past_escrow_q` for one thread is compiled once per process (per database vendor), with
# a sentinel for the thread's id, and executed as one fixed statement.
_SENTINEL = -7_306_019_471
_stage_sql: dict[str, tuple[str, list]] = {}


def _compiled_stage_query() -> tuple[str, list]:
    vendor = connection.vendor
    if vendor not in _stage_sql:
        query = Thread.objects.filter(pk=_SENTINEL).filter(past_escrow_q()).values("pk")[:1]
        sql, params = query.query.sql_with_params()
        _stage_sql[vendor] = (sql, list(params))
    return _stage_sql[vendor]


def thread_stage(thread: Thread) -> str:
    """The stage the thread's messages are judged in: after escrow (`past_escrow_q`) or before."""
    sql, params = _compiled_stage_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [thread.pk if p == _SENTINEL else p for p in params])
        past = cursor.fetchone() is not None
    return POST_CONTRACT if past else PRE_CONTRACT


def sender_role(thread: Thread, user) -> str:
    """The sender's role in this thread (not their account's active role)."""
    return "client" if user.pk == thread.client_id else "worker"


def scope_of(thread: Thread) -> str:
    return f"thread:{thread.pk}"


def _earlier(thread: Thread, sender: User) -> tuple[str, ...]:
    """The sender's consecutive messages since the other party last wrote (and their refused
    attempts in the thread), oldest first: a contact detail split over two messages is read as
    one. Nothing is read when the engine in force does not look at earlier messages."""
    if not reads_earlier():
        return ()
    # Read the rows even when the thread shows no message yet: a message held for the
    # secretariat is stored but not delivered (`last_message_at` does not move, and nothing says
    # the sender's read mark did), and it is exactly the first half of a split contact detail
    # ("LINEやってますか？" held, then the ID).
    rows = list(
        Message.objects.filter(thread_id=thread.pk)
        .order_by("-created_at", "-id")
        .values_list("sender_id", "created_at", "body")[:5]
    )
    mine = []
    for sender_id, created_at, body in rows:
        if sender_id != sender.pk:
            break
        mine.append((created_at, body))
    since = next((created for sid, created, _b in rows if sid != sender.pk), None)
    return earlier_in_scope(sender, scope_of(thread), mine, after=since)


def message_context(thread: Thread, sender: User, *, stage: str | None = None) -> Context:
    job = thread.job
    return Context(
        stage=stage or thread_stage(thread),
        sender_role=sender_role(thread, sender),
        job_title=job.title,
        job_text=job.description,
        earlier=_earlier(thread, sender),
        scope=scope_of(thread),
    )


def screen_message(
    *, thread: Thread, sender: User, body: str, stage: str | None = None
) -> Screening:
    return screen(
        "message", body, author=sender, context=message_context(thread, sender, stage=stage)
    )


def proposal_context(job) -> Context:
    """A proposal is judged as a message before escrow, from a worker, with the posting."""
    return Context(
        stage=PRE_CONTRACT, sender_role="worker", job_title=job.title, job_text=job.description
    )


def scout_context(job) -> Context:
    """A scout: before any contract, from the client, with the posting it invites to."""
    return Context(
        stage=PRE_CONTRACT, sender_role="client", job_title=job.title, job_text=job.description
    )


def reason_text(reason: dict) -> str:
    english = (get_language() or "ja").startswith("en")
    return (reason.get("message_en") if english else "") or reason.get("message_ja") or ""


@dataclass(frozen=True)
class Nudge:
    """What the pre-send nudge shows for a draft: the verdict, its reasons, the marked draft."""

    verdict: str
    stage: str
    reasons: tuple[str, ...]
    segments: tuple[Segment, ...]
    # After escrow: the draft shares contact details, which is fine now (a gentle note, no flag).
    contact_note: bool = False

    @property
    def flagged(self) -> bool:
        return self.verdict != "allow"


def nudge_for(*, thread: Thread, sender: User, body: str) -> Nudge:
    """What would be flagged in this draft, and why, without storing or counting anything."""
    stage = thread_stage(thread)
    screening = screen_message(thread=thread, sender=sender, body=body, stage=stage)
    reasons = screening.reasons
    contact_note = False
    if stage == POST_CONTRACT and screening.verdict == "allow":
        before = screen_message(thread=thread, sender=sender, body=body, stage=PRE_CONTRACT)
        contact_note = any(r.category in CONTACT_CATEGORIES for r in before.assessment.reasons)
    lang = get_language() or "ja"
    return Nudge(
        verdict=screening.verdict,
        stage=stage,
        reasons=tuple(dict.fromkeys(reason_text(r) for r in reasons)),
        segments=tuple(highlight(body, reasons, lang=lang)) if reasons else (),
        contact_note=contact_note,
    )
