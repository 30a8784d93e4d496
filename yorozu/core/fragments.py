"""Fragments rendered once per content: a card's HTML stored under a key made of what it shows.

A card in a list (a job, a worker) is the same HTML for everyone who reads it in one language.
Rendering twenty through the template engine on every view was most of a list page's time
(bench/bench_pages.py). `render_each` renders an item's template once and stores the HTML in
the `fragments` cache under a key made of **every value the template shows** (the caller says
which), the language, and a digest of the template's source: a changed value, language or
template makes a new key, so a stored fragment is never stale and nothing has to invalidate
it; unused ones are evicted. The `fragments` cache is per process (`settings.CACHES`): being
content-addressed, it needs no sharing between processes, and a hit costs no round trip.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.cache import caches
from django.template.loader import get_template, render_to_string
from django.utils.translation import get_language

FRAGMENT_SECONDS = 24 * 3600

_digests: dict[str, str] = {}


def template_digest(template_name: str) -> str:
    """A digest of a template's source, once per process (templates change only on deploy)."""
    if template_name not in _digests:
        source = get_template(template_name).template.source  # type: ignore[attr-defined]
        _digests[template_name] = hashlib.sha1(source.encode()).hexdigest()[:12]
    return _digests[template_name]


def fragment_key(template_name: str, values: Sequence[Any]) -> str:
    digest = hashlib.sha1(repr(tuple(values)).encode()).hexdigest()
    language = get_language() or "ja"
    return f"fragment:{template_name}:{language}:{template_digest(template_name)}:{digest}"


def render_each[T](
    template_name: str,
    items: Iterable[T],
    *,
    shown: Callable[[T], Sequence[Any]],
    context: Callable[[T], dict[str, Any]],
) -> list[str]:
    """The HTML of `template_name` for each item, in order, each rendered once per content.

    `shown(item)` lists every value the template reads for the item (its key); `context(item)`
    is the template's context. The template must not read the viewer or the request.
    """
    items = list(items)
    cache = caches["fragments"]
    keys = [fragment_key(template_name, shown(item)) for item in items]
    stored = cache.get_many(keys) if keys else {}
    missing = {}
    for item, key in zip(items, keys, strict=True):
        if key not in stored:
            missing[key] = stored[key] = render_to_string(template_name, context(item))
    if missing:
        cache.set_many(missing, FRAGMENT_SECONDS)
    return [stored[key] for key in keys]
