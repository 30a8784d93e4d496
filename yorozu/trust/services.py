"""Helpers around the trust engine that every screened kind shares: the stored shape of an
assessment, the contact-like tokens of content (the console's "related items"), and the
highlighting of flagged spans. Screening itself — assess, then act on the verdict — is the one
door in `trust.screening`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from yorozu.trust.engine import Assessment, normalize
from yorozu.trust.models import ContentToken, TokenKind

logger = logging.getLogger(__name__)
HIT_FLUSH_EVERY = 200
HIT_FLUSH_SECONDS = 5.0


def job_text(title: str, description: str) -> str:
    """A posting is read as one text, title then description (as `trust_scan` reads it)."""
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


def highlight(
    text: str, reasons: list[dict], *, lang: str = "ja", with_codes: bool = False
) -> list[Segment]:
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
        label = f"{message} ({reason.get('code', '')})" if with_codes else message
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
