"""The content yorozu ships with, read from the data files in `content/seed/`: the secretariat's
notices, FAQ, terms, guidelines, safety page and support articles, in Japanese and English.
Loaded (idempotently) by `manage.py load_content`; bodies are Markdown.

Anchors are part of the contract with the rest of the site: cautions, report forms and
restriction notices link to `/help/guidelines/#<anchor>` and `/safety/#<anchor>`. Never rename
one (`anchors.json` lists them; a test checks every one exists).

Notices carry `days_ago` (their publish time is set that many days before the first load) and
terms `effective_days_ago`, so a fresh site always has a recent notice and current terms.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parent / "seed"


@cache
def _read(name: str) -> Any:
    return json.loads((SEED_DIR / f"{name}.json").read_text(encoding="utf-8"))


def notices() -> list[dict]:
    return _read("notices")


def faq() -> list[dict]:
    return _read("faq")


def terms() -> list[dict]:
    return _read("terms")


def pages() -> list[dict]:
    return _read("pages")


def guideline_anchors() -> tuple[str, ...]:
    return tuple(_read("anchors")["guidelines"])


def safety_anchors() -> tuple[str, ...]:
    return tuple(_read("anchors")["safety"])
