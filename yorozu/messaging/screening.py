"""How a message is judged before it is stored: its context, the engine's call, what to show.

Reads only (no writes): `do_send_message`, the pre-send nudge and the proposal hook all judge a
text here, so a draft the nudge passes is a message the send path delivers, and a flagged one is
flagged for the same reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.utils.translation import get_language

from yorozu.contracts.models import Contract, ContractStatus
from yorozu.messaging.models import ContactRequest, ContactRequestStatus, Thread
from yorozu.trust.engine import Assessment
from yorozu.trust.services import assess_text, assessment_as_json

PRE_CONTRACT = "pre_contract"
POST_CONTRACT = "post_contract"
# Escrow funded, or any later step of the same contract: contact details needed for the work are
# fine from here on. A contract cancelled before funding never reaches these.
POST_ESCROW_STATUSES = (
    ContractStatus.FUNDED,
    ContractStatus.DELIVERED,
    ContractStatus.COMPLETED,
    ContractStatus.DISPUTED,
)
# Reason categories the engine applies before escrow only (so a note after escrow is about them).
CONTACT_CATEGORIES = frozenset({"contact"})


def _funded_contracts():
    return Contract.objects.filter(status__in=POST_ESCROW_STATUSES)


def _approved_requests():
    return ContactRequest.objects.filter(status=ContactRequestStatus.APPROVED)


def escrow_funded(thread: Thread) -> bool:
    return _funded_contracts().filter(job_id=thread.job_id, worker_id=thread.worker_id).exists()


def _post_escrow_sql() -> str:
    contract = Contract._meta.db_table
    request = ContactRequest._meta.db_table
    statuses = ", ".join(f"'{status}'" for status in POST_ESCROW_STATUSES)
    return (
        f"SELECT EXISTS (SELECT 1 FROM {contract} WHERE job_id = %s AND worker_id = %s"
        f" AND status IN ({statuses}))"
        f" OR EXISTS (SELECT 1 FROM {request} WHERE thread_id = %s"
        f" AND status = '{ContactRequestStatus.APPROVED}')"
    )


def thread_stage(thread: Thread) -> str:
    """The stage the engine judges a thread's messages in: "post_contract" once the escrow is
    funded or the secretariat approved a contact request, else "pre_contract".

    One fixed SQL statement (the same as `escrow_funded or approved request`): this runs on every
    send, where building the ORM query cost more than running it.
    """
    with connection.cursor() as cursor:
        cursor.execute(_post_escrow_sql(), [thread.job_id, thread.worker_id, thread.pk])
        (post,) = cursor.fetchone()
    return POST_CONTRACT if post else PRE_CONTRACT


def sender_role(thread: Thread, user) -> str:
    """The sender's role in this thread (not their account's active role)."""
    return "client" if user.pk == thread.client_id else "worker"


def assess_message(*, thread: Thread, sender, body: str, stage: str | None = None) -> Assessment:
    """The trust engine's verdict on `body` said by `sender` in `thread`, with its posting.

    The posting (title and description) is passed so the engine can tell a message about this
    job from one that pitches another ("this one is full, here is a better one").
    """
    job = thread.job
    return assess_text(
        body,
        kind="message",
        stage=stage or thread_stage(thread),
        sender_role=sender_role(thread, sender),
        job_title=job.title,
        job_text=job.description,
    )


def as_json(assessment: Assessment) -> dict:
    """What is stored: nothing for a clean text, else verdict, score and reasons with spans."""
    if not assessment.reasons:
        return {}
    return assessment_as_json(assessment)


def reason_text(reason: dict) -> str:
    english = (get_language() or "ja").startswith("en")
    return (reason.get("message_en") if english else "") or reason.get("message_ja") or ""


@dataclass(frozen=True)
class Segment:
    """A run of the sender's own text; `reasons` is empty for text nothing flagged."""

    text: str
    reasons: tuple[str, ...] = ()


def highlight(text: str, reasons: list[dict]) -> list[Segment]:
    """Split `text` into runs, marking the characters some reason points at, with its message.

    Spans index the original text (the engine promises so); overlapping spans merge, and spans
    out of range are clipped, so any assessment gives a valid split. The template escapes each
    run: the highlighting never trusts the text.
    """
    marks: list[list[str]] = [[] for _ in text]
    for reason in reasons:
        start = max(0, int(reason.get("start") or 0))
        end = min(len(text), int(reason.get("end") or 0))
        message = reason_text(reason)
        for i in range(start, end):
            if message not in marks[i]:
                marks[i].append(message)
    segments: list[Segment] = []
    run_start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[run_start]:
            segments.append(Segment(text[run_start:i], tuple(marks[run_start])))
            run_start = i
    return segments


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


def nudge_for(*, thread: Thread, sender, body: str) -> Nudge:
    """What would be flagged in this draft, and why, without storing anything."""
    stage = thread_stage(thread)
    assessment = assess_message(thread=thread, sender=sender, body=body, stage=stage)
    stored = as_json(assessment)
    reasons = stored.get("reasons", [])
    contact_note = False
    if stage == POST_CONTRACT and assessment.verdict == "allow":
        before = assess_message(thread=thread, sender=sender, body=body, stage=PRE_CONTRACT)
        contact_note = any(r.category in CONTACT_CATEGORIES for r in before.reasons)
    return Nudge(
        verdict=assessment.verdict,
        stage=stage,
        reasons=tuple(dict.fromkeys(reason_text(r) for r in reasons)),
        segments=tuple(highlight(body, reasons)) if reasons else (),
        contact_note=contact_note,
    )


def assess_proposal(*, job, text: str) -> Assessment:
    """A proposal's message, judged like a message: before escrow, from a worker, with the
    posting as context (so a proposal that pitches something else is caught too)."""
    return assess_text(
        text,
        kind="proposal",
        stage=PRE_CONTRACT,
        sender_role="worker",
        job_title=job.title,
        job_text=job.description,
    )
