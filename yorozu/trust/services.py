"""The Django side's one door to the trust engine.

Every place that screens text — messages, scouts, proposals, job postings, profiles — calls
`assess_text`, never the engine directly. Here the engine in force is the one built from the
shipped rules plus the rules staff edit (`trust.rules.current_engine`), and every assessment
counts its rules' hits per day. Counting is batched in memory and written at most every
`HIT_FLUSH_EVERY` assessments or `HIT_FLUSH_SECONDS`, after the surrounding transaction commits,
so the hot path adds no query per text.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from yorozu.trust.engine import Assessment, Context, normalize
from yorozu.trust.models import ContentToken, RuleHitDaily, TokenKind, VerdictDaily
from yorozu.trust.rules import current_engine

logger = logging.getLogger(__name__)
HIT_FLUSH_EVERY = 200
HIT_FLUSH_SECONDS = 5.0


def assess_text(
    text: str,
    *,
    kind: str,
    stage: str = "pre_contract",
    sender_role: str = "worker",
    job_title: str | None = None,
    job_text: str | None = None,
) -> Assessment:
    """Assess `text` said in this context with the rule set in force; counts the rules' hits."""
    assessment = current_engine().assess(
        text,
        Context(
            kind=kind,
            stage=stage,
            sender_role=sender_role,
            job_title=job_title,
            job_text=job_text,
        ),
    )
    if not getattr(_not_counting, "active", False):
        _hits.add(assessment, kind)
    return assessment


_not_counting = threading.local()


@contextmanager
def not_counting_hits():
    """Assess without counting: a rescan re-reads old content, which is not today's traffic
    (counting it would make every rule look like it floods and trip the flood guard)."""
    before = getattr(_not_counting, "active", False)
    _not_counting.active = True
    try:
        yield
    finally:
        _not_counting.active = before


def assess_job_text(title: str, description: str) -> Assessment:
    """A posting is assessed as one text, title then description (as `trust_scan` does)."""
    return assess_text(job_text(title, description), kind="job", sender_role="client")


def job_text(title: str, description: str) -> str:
    return f"{title}\n{description}"


def assessment_as_json(assessment: Assessment, *, lang: str = "ja") -> dict:
    """The shape stored on moderation cases and messages: verdict, score and reasons with spans."""
    return {
        "verdict": assessment.verdict,
        "score": round(assessment.score, 4),
        "points": assessment.points,
        "reasons": [_reason_json(r) for r in assessment.reasons],
        "shadow": [_reason_json(r) for r in assessment.shadow],
    }


def _reason_json(r) -> dict:
    return {
        "code": r.code,
        "category": r.category,
        "message_ja": r.message_ja,
        "message_en": r.message_en,
        "start": r.start,
        "end": r.end,
        "weight": r.weight,
    }


# -- rule hits, batched -------------------------------------------------------------------------


class _HitBuffer:
    """Hits and verdicts counted in memory, written as one increment per row when a batch is
    full. Writing happens outside any transaction (or after it commits), and counts stay in the
    buffer until they are written, so a rolled-back request loses nothing."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.pending = 0
        self.flushed_at = time.monotonic()
        self.scheduled_at = -1e9

    def add(self, assessment: Assessment, kind: str) -> None:
        day = timezone.localdate().isoformat()
        with self.lock:
            for code in {r.code for r in assessment.reasons}:
                self.counts[("hit", code, day)] += 1
            for code in {r.code for r in assessment.shadow}:
                self.counts[("shadow", code, day)] += 1
            self.counts[("verdict", f"{kind}:{assessment.verdict}", day)] += 1
            self.pending += 1
        self._maybe_flush()

    def move_verdict(self, kind: str, before: str, after: str) -> None:
        day = timezone.localdate().isoformat()
        with self.lock:
            self.counts[("verdict", f"{kind}:{before}", day)] -= 1
            self.counts[("verdict", f"{kind}:{after}", day)] += 1

    def _maybe_flush(self) -> None:
        now = time.monotonic()
        if now - self.scheduled_at < HIT_FLUSH_SECONDS or not (
            self.pending >= HIT_FLUSH_EVERY or now - self.flushed_at >= HIT_FLUSH_SECONDS
        ):
            return
        # One flush scheduled at a time; a transaction that rolls back (its on_commit never
        # runs) only delays the next one by HIT_FLUSH_SECONDS, and the counts stay buffered.
        self.scheduled_at = now
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(flush_rule_hits)
        else:
            flush_rule_hits()

    def take(self) -> Counter[tuple[str, str, str]]:
        with self.lock:
            taken, self.counts = self.counts, Counter()
            self.pending = 0
            self.flushed_at = time.monotonic()
        return taken

    def put_back(self, counts: Counter[tuple[str, str, str]]) -> None:
        with self.lock:
            self.counts.update(counts)


_hits = _HitBuffer()


def note_verdict_change(kind: str, before: str, after: str) -> None:
    """A caller overrode the engine's verdict (a posting refused above the block line)."""
    _hits.move_verdict(kind, before, after)


def flush_rule_hits() -> None:
    """Write what was counted so far in this process (tasks and tests call it at the end).

    If the database cannot be written now, the counts go back into the buffer for next time.
    """
    taken = _hits.take()
    try:
        write_rule_hits(taken)
    except (DatabaseError, RuntimeError) as exc:
        logger.warning("rule hits not written yet: %s", exc)
        _hits.put_back(taken)


def discard_rule_hits() -> None:
    _hits.take()


def write_rule_hits(counts: Counter[tuple[str, str, str]]) -> None:
    """Add counted hits to RuleHitDaily and verdicts to VerdictDaily, then let the flood guard
    look at today's live counts."""
    today = timezone.localdate().isoformat()
    today_live: set[str] = set()
    for (what, key, day), n in sorted(counts.items()):
        if n == 0:
            continue
        if what == "verdict":
            kind, verdict = key.split(":", 1)
            _increment(VerdictDaily, {"day": day, "kind": kind, "verdict": verdict}, "count", n)
        else:
            field = "shadow_hits" if what == "shadow" else "hits"
            _increment(RuleHitDaily, {"code": key, "day": day}, field, n)
            if what == "hit" and day == today:
                today_live.add(key)
    if today_live:
        from yorozu.trust.actions import check_flood_guard

        check_flood_guard(sorted(today_live))


def _increment(model, keys: dict, field: str, n: int) -> None:
    with transaction.atomic():
        if model.objects.filter(**keys).update(**{field: F(field) + n}):
            return
        try:
            with transaction.atomic():
                model.objects.create(**keys, **{field: max(n, 0)})
        except IntegrityError:
            model.objects.filter(**keys).update(**{field: F(field) + n})


# -- contact-like tokens -------------------------------------------------------------------------

_EMAIL = re.compile(r"[a-z0-9][a-z0-9._%+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'、。）)]+|\b[a-z0-9\-]+\.(?:com|net|jp|me|io|co|gg)\b[^\s<>\"'、。）)]*"
)
_PHONE = re.compile(r"(?<![0-9])(?:\+?81[\s\-]?|0)[0-9][0-9\s\-]{7,13}[0-9](?![0-9])")
_HANDLE = re.compile(r"(?:\bid|ｉｄ)\s*[:：は]?\s*@?([a-z0-9][a-z0-9._\-]{3,30})")
_RESERVED = ("example.com", "example.net", "example.org", "example.jp")


def extract_tokens(text: str) -> set[tuple[str, str]]:
    """(kind, token) pairs for the URLs, e-mail addresses, phone numbers and IDs in a text.

    Matching runs on the engine's canonical text, so full-width and spelled-out forms
    (ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ, 〇九〇…) give the same token as the plain one.
    """
    canon = normalize(text or "").text
    found: set[tuple[str, str]] = set()
    emails = set()
    for m in _EMAIL.finditer(canon):
        token = m.group(0).rstrip(".")
        if not token.endswith(_RESERVED):
            emails.add(token)
            found.add((TokenKind.EMAIL, token))
    for m in _URL.finditer(canon):
        token = m.group(0).rstrip(".,/").removeprefix("https://").removeprefix("http://")
        token = token.removeprefix("www.")
        if any(token in e or e.endswith(token) for e in emails):
            continue  # the domain of an e-mail address already found
        if token and not token.startswith(_RESERVED):
            found.add((TokenKind.URL, token[:200]))
    for m in _PHONE.finditer(canon):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith("81"):
            digits = "0" + digits[2:]
        if 10 <= len(digits) <= 11:
            found.add((TokenKind.PHONE, digits))
    for m in _HANDLE.finditer(canon):
        found.add((TokenKind.HANDLE, m.group(1)))
    return found


def index_content_tokens(content_object, *, user, texts: Iterable[str], new: bool = False) -> int:
    """Replace the stored tokens of one piece of content with those found in `texts`.

    `new=True` says the content was just created, so nothing is stored for it yet: no delete,
    and no query at all when the text holds no token (the common case on the send path).
    """
    tokens: set[tuple[str, str]] = set()
    for text in texts:
        tokens |= extract_tokens(text)
    if new and not tokens:
        return 0
    ct = ContentType.objects.get_for_model(content_object)
    if not new:
        ContentToken.objects.filter(content_type=ct, object_id=content_object.pk).delete()
    ContentToken.objects.bulk_create(
        [
            ContentToken(
                token=token, kind=kind, content_type=ct, object_id=content_object.pk, user=user
            )
            for kind, token in sorted(tokens)
        ],
        ignore_conflicts=True,
    )
    return len(tokens)


# -- highlighting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    reasons: tuple[str, ...] = ()


def highlight(text: str, reasons: list[dict], *, lang: str = "ja") -> list[Segment]:
    """Split `text` into runs marked with the explanations of the reasons covering them.

    Spans out of range are clipped and malformed ones ignored, so any stored assessment gives a
    valid split; the template escapes every run.
    """
    marks: list[list[str]] = [[] for _ in text]
    for reason in reasons:
        try:
            start = max(0, int(reason.get("start") or 0))
            end = min(len(text), int(reason.get("end") or 0))
        except (TypeError, ValueError, AttributeError):
            continue
        message = (reason.get("message_en") if lang.startswith("en") else "") or reason.get(
            "message_ja", ""
        )
        label = f"{message} ({reason.get('code', '')})"
        for i in range(start, end):
            if label not in marks[i]:
                marks[i].append(label)
    segments: list[Segment] = []
    run = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[run]:
            segments.append(Segment(text[run:i], tuple(marks[run])))
            run = i
    return segments
