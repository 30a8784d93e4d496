"""JSON-lines scanning, shared by `manage.py trust_scan` and `python -m yorozu.trust.engine.cli`.

Input, one object a line: {"id", "kind", "text", "title"?, "stage"?, "sender_role"?,
"job_title"?, "job_text"?, "earlier"?} — `earlier` is the same sender's consecutive earlier
messages in the thread, oldest first (a list of strings; see `Context.earlier`). Output, one
line per input line, in order:
{"id", "verdict", "score", "reasons": [{"code", "message", "start", "end", "field"}]}.

Defaults: stage "pre_contract" (also for a stage given as "none" or null: postings, profiles,
reviews and reports have none), sender_role "worker" (or "client" for jobs and scouts), kind
"message". A job's title and text are assessed together as `title + "\\n" + text`; every span is
then reported relative to the field it falls in, named by "field" ("text" or "title"), so
`start`/`end` always index the string the caller sent. A line that is not valid JSON, or lacks a
text, or names an unknown kind or stage, yields {"id": …, "error": "…"} and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from .engine import Engine, default_engine
from .values import KINDS, STAGES, Context


def scan_record(record: dict, engine: Engine, lang: str = "ja") -> dict:
    """Assess one input record and build its output object (raises ValueError on bad input)."""
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' is required and must be a string")
    kind = record.get("kind") or "message"
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    stage = record.get("stage") or "pre_contract"
    if stage == "none":
        stage = "pre_contract"
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
    role = record.get("sender_role") or ("client" if kind in ("job", "scout") else "worker")
    if role not in ("client", "worker"):
        raise ValueError(f"unknown sender_role {role!r}; expected client or worker")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise ValueError("'title' must be a string")
    earlier = record.get("earlier") or []
    if isinstance(earlier, str):
        earlier = [earlier]
    if not isinstance(earlier, list) or not all(isinstance(x, str) for x in earlier):
        raise ValueError("'earlier' must be a list of strings")
    ctx = Context(
        kind=kind,
        stage=stage,
        sender_role=role,
        job_title=record.get("job_title") if isinstance(record.get("job_title"), str) else None,
        job_text=record.get("job_text") if isinstance(record.get("job_text"), str) else None,
        earlier=tuple(earlier),
    )
    offset = 0
    full = text
    if title:
        full = f"{title}\n{text}"
        offset = len(title) + 1
    a = engine.assess(full, ctx)
    reasons = []
    for r in a.reasons:
        if offset and r.start < offset:
            start, end, field = r.start, min(r.end, len(title or "")), "title"
        else:
            start, end, field = max(0, r.start - offset), max(0, r.end - offset), "text"
        reasons.append(
            {
                "code": r.code,
                "message": r.message(lang),
                "start": start,
                "end": end,
                "field": field,
            }
        )
    return {"id": record.get("id"), "verdict": a.verdict, "score": a.score, "reasons": reasons}


def scan_lines(
    lines: Iterable[str], engine: Engine | None = None, lang: str = "ja"
) -> Iterator[str]:
    """One output JSON line per non-blank input line; errors are reported, never raised."""
    engine = engine or default_engine()
    for line in lines:
        if not line.strip():
            continue
        rid = None
        try:
            record = json.loads(line)
            if isinstance(record, dict):
                rid = record.get("id")
            out = scan_record(record, engine, lang)
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            out = {"id": rid, "error": str(exc)}
        yield json.dumps(out, ensure_ascii=False)


def run(stdin: TextIO, stdout: TextIO, lang: str = "ja") -> int:
    for out in scan_lines(stdin, lang=lang):
        stdout.write(out + "\n")
    stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Assess JSON lines from stdin.")
    parser.add_argument("--lang", default="ja", choices=("ja", "en"), help="message language")
    args = parser.parse_args(argv)
    return run(sys.stdin, sys.stdout, args.lang)


if __name__ == "__main__":
    sys.exit(main())
