"""The one door every text a user writes goes through: screen it, then act on the verdict.

Messages, scouts, proposals, job postings and their edits, profiles, reviews, reports and
appeals all take the same three steps, so no kind can drift from the others:

1. `screen(kind, text, author=…, context=…)` — pure: the engine's assessment with the rules in
   force and the kind's policy applied (a posting past the block line is refused; a report is
   never held). Nothing is written and nothing is counted, so the pre-send nudge can call it
   on every pause in typing.
2. `refuse_if_blocked(screening, …)` — before the caller's own transaction: a blocked text is
   recorded (its own transaction, so the record stays), counted, may slow its author down or
   send the account to the secretariat, and is refused with `Blocked`, which carries the
   reasons and spans so the form shows the kept draft with the flagged parts.
3. `apply_verdict(screening, content=…, …)` — inside the caller's transaction, once the content
   is stored with the status the verdict gave it: counts the verdict and the rules' hits in the
   shared daily counters, records a flagged text as written (the case shows the version that
   was held beside any later edit), opens a case in the kind's queue when its policy says so,
   indexes the contact details for "related items", and escalates repeat offenders.

`check_slowdown(author)` refuses an author who has been flagged too often lately (429 with
Retry-After); content apps call it before screening a send.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.moderation.actions import do_open_case
from yorozu.moderation.models import CaseQueue, ModerationCase
from yorozu.moderation.registry import kind_of
from yorozu.trust.actions import check_flood_guard
from yorozu.trust.engine import Assessment
from yorozu.trust.engine import Context as EngineContext
from yorozu.trust.engine.values import KINDS as ENGINE_KINDS
from yorozu.trust.models import RuleHitDaily, ScreeningRecord, VerdictDaily
from yorozu.trust.rules import current_engine
from yorozu.trust.services import assessment_as_json, highlight, index_content_tokens

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PRE_CONTRACT = "pre_contract"
POST_CONTRACT = "post_contract"
ORDER = ("allow", "warn", "hold", "block")


@dataclass(frozen=True)
class Policy:
    """How a kind acts on verdicts.

    engine_kind:  the engine's kind for the text (an appeal reads like a report).
    block_points: a text whose points reach this is refused even where the engine only holds
                  (a posting that stacks several unambiguous violations).
    refuse_from:  the verdict from which the text is refused instead of stored (profiles and
                  reviews are rewritten by their author at once rather than wait for a person).
    at_most:      the strongest verdict this kind acts on (a report is read by the secretariat
                  anyway: flagged for priority, never held or refused).
    case_on:      the verdicts that open a case in the kind's queue.
    offence_on:   the verdicts that count toward the slow-down and the escalation.
    """

    engine_kind: str
    block_points: float | None = None
    refuse_from: str = "block"
    at_most: str = "block"
    case_on: tuple[str, ...] = ("hold",)
    offence_on: tuple[str, ...] = ("hold", "block")


POLICIES: dict[str, Policy] = {
    "message": Policy("message"),
    "scout": Policy("scout"),
    "proposal": Policy("proposal"),
    "job": Policy("job", block_points=15.0, case_on=("warn", "hold")),
    "profile": Policy("profile", refuse_from="hold"),
    "review": Policy("review", refuse_from="hold"),
    # The text read in an attached file (its name, codes, OCR, a document's text), judged as a
    # message in the context of the item it is attached to (yorozu/files).
    "file": Policy("message"),
    # A task answer and a competition entry are a worker's text to a client before any
    # contract; the worker rewrites a flagged one at once rather than wait for a person.
    "answer": Policy("proposal", refuse_from="hold"),
    "entry": Policy("proposal", refuse_from="hold"),
    "report": Policy("report", at_most="warn", case_on=(), offence_on=()),
    "appeal": Policy("report", at_most="warn", case_on=(), offence_on=()),
}
KINDS = tuple(POLICIES)

# Queue priorities: a held message waits on a person; an escalated account matters more.
HELD_PRIORITY = 10
REPEAT_OFFENDER_PRIORITY = 50


@dataclass(frozen=True)
class Context:
    """Where a text is said, beyond its kind: the thread's stage (before/after escrow), the
    sender's role, the posting it belongs to, and the sender's consecutive earlier messages in
    the same thread (oldest first), so contact details split over two messages are caught."""

    stage: str = PRE_CONTRACT
    sender_role: str = "worker"
    job_title: str | None = None
    job_text: str | None = None
    earlier: tuple[str, ...] = ()
    scope: str = ""


@dataclass(frozen=True)
class Screening:
    """A text as screened: the verdict the door acts on and the engine's assessment."""

    kind: str
    text: str
    verdict: str
    assessment: Assessment
    context: Context
    author_id: int | None = None

    @property
    def stored(self) -> dict:
        """What content stores: nothing for a clean text, else verdict, score and reasons."""
        if not self.assessment.reasons and self.verdict == "allow":
            return {}
        data = assessment_as_json(self.assessment)
        data["verdict"] = self.verdict
        return data

    @property
    def reasons(self) -> list[dict]:
        return list(self.stored.get("reasons", []))

    def reason_messages(self, lang: str = "ja") -> list[str]:
        """Each reason once, in the reader's language: one message per category of rule (two
        rules that both caught off-platform dealing say the same thing to the writer), the
        first — the weightiest — of each."""
        english = lang.startswith("en")
        seen: dict[str, None] = {}
        categories: set[str] = set()
        for r in sorted(self.assessment.reasons, key=lambda r: -r.weight):
            if r.category and r.category in categories:
                continue
            categories.add(r.category)
            seen[(r.message_en if english and r.message_en else r.message_ja)] = None
        return list(seen)

    @property
    def flagged(self) -> bool:
        return self.verdict != "allow"


BLOCKED_MESSAGES: dict[str, str | _StrPromise] = {
    "message": _("This message was not sent. Please rewrite the highlighted parts."),
    "scout": _("This scout cannot be sent. Please rewrite it and try again."),
    "proposal": _("This proposal cannot be sent. Please rewrite the highlighted parts."),
    "job": _("This posting cannot be published as written. Please rewrite the highlighted parts."),
    "profile": _("Your profile was not saved. Please rewrite the highlighted parts."),
    "review": _("Your review was not posted. Please rewrite the highlighted parts."),
    "file": _(
        "A file was not sent: it shows what cannot be shared here. Please remove it or attach "
        "another one."
    ),
    "answer": _("Your answer was not sent. Please rewrite the highlighted parts."),
    "entry": _("Your entry was not sent. Please rewrite the highlighted parts."),
}


class Blocked(Refused):
    """Screening refused the text; nothing was stored but the record of the attempt.

    Carries the screening, so a form re-renders the author's draft with the flagged parts and
    the reasons (`reasons` hold spans into `text`).
    """

    default_code = "blocked"

    def __init__(self, screening: Screening) -> None:
        super().__init__(BLOCKED_MESSAGES.get(screening.kind, BLOCKED_MESSAGES["message"]))
        self.screening = screening
        self.assessment = screening.assessment
        self.text = screening.text
        self.reasons = screening.reasons

    def shown(self, lang: str | None = None) -> dict:
        """What a form shows beside the kept draft: the text with its flagged parts marked
        (`segments`) and each reason once, in the reader's language (`messages`)."""
        lang = lang or get_language() or "ja"
        return {
            "segments": highlight(self.text, self.reasons, lang=lang),
            "messages": self.screening.reason_messages(lang),
        }


class SlowDown(Refused):
    """The author was flagged several times lately and must wait before sending again."""

    default_code = "slowdown"
    status = 429

    def __init__(self, seconds: int) -> None:
        super().__init__(
            _(
                "You have sent several messages that could not be delivered. Please wait "
                "%(seconds)s seconds before sending again; your draft is kept."
            )
            % {"seconds": seconds},
            retry_after=seconds,
        )
        self.seconds = seconds


# -- 1. screen: pure ---------------------------------------------------------------------------


def screen(
    kind: str, text: str, *, author: Any = None, context: Context | None = None
) -> Screening:
    """Assess `text` written by `author` as a `kind`, with the rules in force and the kind's
    policy applied. Writes nothing and counts nothing."""
    policy = POLICIES[kind]
    ctx = context or Context()
    assessment = current_engine().assess(text, _engine_context(policy, ctx))
    verdict = assessment.verdict
    if policy.block_points is not None and assessment.points >= policy.block_points:
        verdict = "block"
    if ORDER.index(verdict) >= ORDER.index(policy.refuse_from):
        verdict = "block"
    if ORDER.index(verdict) > ORDER.index(policy.at_most):
        verdict = policy.at_most
    return Screening(
        kind=kind,
        text=text,
        verdict=verdict,
        assessment=assessment,
        context=ctx,
        author_id=getattr(author, "pk", None),
    )


def reads_earlier() -> bool:
    """Whether the engine looks at a sender's earlier messages (callers skip reading them
    otherwise)."""
    return "earlier" in EngineContext.__dataclass_fields__


def _engine_context(policy: Policy, ctx: Context) -> EngineContext:
    kind = policy.engine_kind if policy.engine_kind in ENGINE_KINDS else "profile"
    extra: dict[str, Any] = {}
    if ctx.earlier and reads_earlier():
        extra["earlier"] = ctx.earlier
    return EngineContext(
        kind=kind,
        stage=ctx.stage,
        sender_role=ctx.sender_role,
        job_title=ctx.job_title,
        job_text=ctx.job_text,
        **extra,
    )


# -- 2. a blocked text: recorded, then refused ------------------------------------------------


def refuse_if_blocked(screening: Screening, *, author: Any, actor: Any) -> None:
    """Raise `Blocked` for a blocked text, after recording it in a transaction of its own.

    Call it before the transaction that would store the content: the record (evidence, and an
    offence for the slow-down) must survive the refusal.
    """
    if screening.verdict != "block":
        return
    _record_block(screening, author=author, actor=actor)
    raise Blocked(screening)


@transaction.atomic(durable=True)
def _record_block(screening: Screening, *, author: Any, actor: Any) -> None:
    _count(screening)
    record = _record(screening, author=author, content=None)
    index_content_tokens(record, user=author, texts=(screening.text,), new=True)
    if "block" in POLICIES[screening.kind].offence_on:
        _note_offence(author, actor=actor)


# -- 3. stored content: act on its verdict -----------------------------------------------------


def apply_verdict(
    screening: Screening,
    *,
    content: Any,
    author: Any,
    actor: Any,
    new: bool = True,
    priority: int | None = None,
    reason_code: str = "",
    count: bool = True,
    open_case: bool | None = None,
) -> ModerationCase | None:
    """Act on the verdict of a text that was stored as `content`; returns the case it opened.

    Runs inside the caller's transaction (the content and its status are written there). `new`
    says the content was just created (nothing indexed for it yet); `count=False` is for a
    rescan, which re-reads old content rather than today's traffic. `open_case=True` opens a
    case whatever the verdict (an edit of content already under review).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("apply_verdict runs inside the action's transaction")
    policy = POLICIES[screening.kind]
    if count:
        _count(screening)
    index_content_tokens(content, user=author, texts=(screening.text,), new=new)
    case = None
    if screening.flagged:
        _record(screening, author=author, content=content)
    if open_case or (open_case is None and screening.verdict in policy.case_on):
        case = do_open_case(
            queue=kind_of(content).queue,
            content_object=content,
            subject_user=author,
            reason_code=reason_code or f"trust_{screening.verdict}",
            assessment=screening.stored,
            priority=priority if priority is not None else _priority(screening),
            actor=actor,
        )
    if screening.verdict in policy.offence_on:
        _note_offence(author, actor=actor)
    return case


def _priority(screening: Screening) -> int:
    if screening.kind == "job":
        return int(screening.assessment.points * 10)
    return HELD_PRIORITY


def _record(screening: Screening, *, author: Any, content: Any) -> ScreeningRecord:
    ct = ContentType.objects.get_for_model(content) if content is not None else None
    return ScreeningRecord.objects.create(
        author=author,
        kind=screening.kind,
        verdict=screening.verdict,
        text=screening.text,
        assessment=screening.stored,
        scope=screening.context.scope,
        content_type=ct,
        object_id=content.pk if content is not None else None,
    )


def do_clear_screening(content: Any) -> int:
    """The secretariat approved held content: its holds no longer count as offences."""
    ct = ContentType.objects.get_for_model(content)
    return ScreeningRecord.objects.filter(
        content_type=ct, object_id=content.pk, verdict="hold", cleared=False
    ).update(cleared=True)


def versions_of(content: Any) -> list[ScreeningRecord]:
    """The flagged versions of a piece of content, newest first (what a case shows)."""
    ct = ContentType.objects.get_for_model(content)
    return list(ScreeningRecord.objects.filter(content_type=ct, object_id=content.pk)[:20])


# -- counting, in the shared daily counters ---------------------------------------------------


def _count(screening: Screening) -> None:
    """One increment for the verdict, one per rule that fired (live and shadow apart).

    Counted where the verdict is acted on, never where a text is only assessed (the nudge, a
    backtest), in rows every process shares.
    """
    day = timezone.localdate()
    _increment(
        VerdictDaily, {"day": day, "kind": screening.kind, "verdict": screening.verdict}, "count"
    )
    live = sorted({r.code for r in screening.assessment.reasons})
    for code in live:
        _increment(RuleHitDaily, {"code": code, "day": day}, "hits")
    for code in sorted({r.code for r in screening.assessment.shadow}):
        _increment(RuleHitDaily, {"code": code, "day": day}, "shadow_hits")
    if live:
        check_flood_guard(live)


def _increment(model: Any, keys: dict, field: str, n: int = 1) -> None:
    """INSERT … ON CONFLICT DO UPDATE: one statement, safe against a concurrent first insert
    (SQLite and PostgreSQL alike). A new row starts from the model's defaults."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    values = {
        f.column: (n if f.name == field else f.get_default())
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in keys
    }
    values.update({model._meta.get_field(k).column: v for k, v in keys.items()})
    columns = ", ".join(qn(c) for c in values)
    placeholders = ", ".join(["%s"] * len(values))
    conflict = ", ".join(qn(model._meta.get_field(k).column) for k in keys)
    column = qn(model._meta.get_field(field).column)
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {column} = {table}.{column} + %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values.values(), n])


# -- repeat offenders --------------------------------------------------------------------------


def recent_offences(author: Any, *, now: datetime.datetime | None = None) -> list:
    """When `author`'s held or blocked texts within the window were written, newest first."""
    now = now or timezone.now()
    since = now - datetime.timedelta(seconds=settings.SCREENING_REPEAT_WINDOW_SECONDS)
    return list(
        ScreeningRecord.objects.filter(
            author_id=author.pk,
            created_at__gte=since,
            verdict__in=("hold", "block"),
            cleared=False,
        )
        .exclude(kind__in=[k for k, p in POLICIES.items() if not p.offence_on])
        .order_by("-created_at")
        .values_list("created_at", flat=True)
    )


def _offence_hint_key(user_id: int) -> str:
    return f"screening:offences:{user_id}"


def _note_offence(author: Any, *, actor: Any) -> None:
    """Remember the offence in the cache (the hint that spares clean sends a query); from
    SCREENING_ESCALATE_AFTER offences in the window, the account goes to the secretariat
    (one case: a burst merges into the live one)."""
    now = timezone.now()
    window = settings.SCREENING_REPEAT_WINDOW_SECONDS
    key = _offence_hint_key(author.pk)
    since = now.timestamp() - window
    keep = max(settings.SCREENING_SLOWDOWN_AFTER, settings.SCREENING_ESCALATE_AFTER)
    times = [t for t in cache.get(key, []) if t >= since] + [now.timestamp()]
    cache.set(key, times[-keep:], window)
    offences = recent_offences(author, now=now)
    if len(offences) < settings.SCREENING_ESCALATE_AFTER:
        return
    do_open_case(
        queue=CaseQueue.ACCOUNTS,
        content_object=author,
        subject_user=author,
        reason_code="repeat_offender",
        assessment={"offences": len(offences), "window_seconds": window},
        priority=REPEAT_OFFENDER_PRIORITY,
        actor=actor,
    )


def slowdown_remaining(author: Any, *, now: datetime.datetime | None = None) -> int:
    """Seconds `author` must still wait before sending (0: they may send).

    The database is the record; the cache is a hint kept on every offence, so an author with no
    recent offences costs no query. A lost hint forgets a slow-down (never makes one up): the
    escalation always counts in the database.
    """
    now = now or timezone.now()
    after = settings.SCREENING_SLOWDOWN_AFTER
    wait = settings.SCREENING_SLOWDOWN_SECONDS
    since = now.timestamp() - settings.SCREENING_REPEAT_WINDOW_SECONDS
    hinted = [t for t in cache.get(_offence_hint_key(author.pk), []) if t >= since]
    if len(hinted) < after or now.timestamp() - max(hinted) >= wait:
        return 0
    offences = recent_offences(author, now=now)
    if len(offences) < after:
        return 0
    waited = (now - offences[0]).total_seconds()
    return max(0, int(wait - waited + 0.999))


def check_slowdown(author: Any) -> None:
    """Refuse (429, Retry-After) an author who must still wait; nothing is recorded."""
    seconds = slowdown_remaining(author)
    if seconds:
        raise SlowDown(seconds)


def earlier_in_scope(
    author: Any,
    scope: str,
    stored: Iterable[tuple[datetime.datetime, str]],
    *,
    after: datetime.datetime | None = None,
) -> tuple[str, ...]:
    """The author's consecutive earlier texts in `scope`, oldest first: `stored` ((time, text)
    of their messages since the other party last wrote, at `after`) merged with the texts of
    theirs the door refused there, within the split-contact window."""
    since = timezone.now() - datetime.timedelta(seconds=settings.SCREENING_SPLIT_WINDOW_SECONDS)
    if after is not None and after > since:
        since = after
    limit = settings.SCREENING_SPLIT_MESSAGES
    refused: list[tuple[datetime.datetime, str]] = []
    # A refused text is an offence, noted in the cache: no hint, no refused text to read.
    if any(t > since.timestamp() for t in cache.get(_offence_hint_key(author.pk), [])):
        refused = list(
            ScreeningRecord.objects.filter(
                author_id=author.pk, scope=scope, verdict="block", created_at__gt=since
            )
            .order_by("-created_at")
            .values_list("created_at", "text")[:limit]
        )
    merged = sorted([*refused, *(t for t in stored if t[0] > since)], key=lambda t: t[0])
    return tuple(text for _, text in merged[-limit:])
