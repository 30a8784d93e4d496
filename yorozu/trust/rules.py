"""The rule set in force: the shipped rules plus the rows staff edit, compiled once per process.

`current_engine()` is what `assess_text` uses. It keeps the compiled `Engine` and the rule-set
version it was built from; at most every `VERSION_CHECK_SECONDS` it reads `RuleSetVersion` (one
primary-key read) and rebuilds when the number moved. A change made in this process resets the
cache at once (`forget_engine`), other processes follow within the check interval.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError

from yorozu.trust.engine import Engine, Rule, default_engine
from yorozu.trust.engine.rules import DEFAULT_RULES
from yorozu.trust.engine.staff_patterns import problems
from yorozu.trust.engine.values import KINDS, STAGES
from yorozu.trust.models import RuleSetVersion, RuleState, TrustRule

logger = logging.getLogger(__name__)
VERSION_CHECK_SECONDS = 1.0
SHIPPED_CODES = frozenset(r.code for r in DEFAULT_RULES)
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]{1,59}$")
MAX_WEIGHT = 10.0


def rule_from_row(row: TrustRule, *, state: str | None = None) -> Rule:
    """The engine's `Rule` for a row; `state` overrides the row's (backtests run it as live)."""
    engine_state = state or (row.state if row.state in ("shadow", "live") else "draft")
    return Rule(
        code=row.code,
        category=row.category,
        weight=float(row.weight),
        message_ja=row.message_ja,
        message_en=row.message_en or row.message_ja,
        keywords=tuple(row.keywords or ()),
        patterns=tuple(row.patterns or ()),
        near=tuple(row.near or ()),
        window=int(row.window),
        unless_near=tuple(row.unless_near or ()),
        negatable=row.negatable,
        discussable=row.discussable,
        kinds=frozenset(row.kinds or ()),
        stages=frozenset(row.stages or ()),
        state=engine_state,
        linear=True,  # staff patterns run on RE2 (staff_patterns.py); shipped ones stay on re
    )


def row_values_from_rule(rule: Rule) -> dict:
    """The TrustRule fields for a shipped rule, to override it (the flood guard shadows it)."""
    return {
        "code": rule.code,
        "category": rule.category,
        "weight": rule.weight,
        "message_ja": rule.message_ja,
        "message_en": rule.message_en,
        "keywords": list(rule.keywords),
        "patterns": list(rule.patterns),
        "near": list(rule.near),
        "window": rule.window,
        "unless_near": list(rule.unless_near),
        "negatable": rule.negatable,
        "discussable": rule.discussable,
        "kinds": sorted(rule.kinds),
        "stages": sorted(rule.stages),
    }


def shipped_rule(code: str) -> Rule | None:
    for rule in DEFAULT_RULES:
        if rule.code == code:
            return rule
    return None


def build_engine(rows: list[TrustRule]) -> Engine:
    """Shipped rules (minus those a row overrides) plus the shadow and live rows.

    A row that overrides a shipped rule replaces it whatever its state: an archived or draft
    override switches the shipped rule off. The lexicon and model are shared with the default
    engine, so a rebuild costs only the automaton.
    """
    overridden = {row.code for row in rows}
    rules: list[Rule] = [r for r in DEFAULT_RULES if r.code not in overridden]
    for row in rows:
        if row.state in (RuleState.SHADOW, RuleState.LIVE):
            bad = pattern_problems(row.patterns or ())
            if bad:
                # Stored before patterns were checked: left out rather than failing every
                # screening (the console shows the problem on the rule's page).
                logger.error("trust rule %s left out: %s", row.code, "; ".join(bad))
                continue
            rules.append(rule_from_row(row))
    base = default_engine()
    return Engine(rules=rules, lexicon=base.lexicon, model=base.model)


def pattern_problems(patterns: Iterable[str]) -> list[str]:
    """Why staff patterns cannot be used (English): syntax, catastrophic backtracking shapes,
    what the linear-time engine does not support (`trust.engine.staff_patterns`)."""
    return [f"pattern {p!r}: {problem.detail}" for p in patterns for problem in problems(p)]


def validate_rule(rule: Rule) -> list[str]:
    """Problems with a rule as data (English; the form translates its own messages)."""
    found = pattern_problems(rule.patterns)
    if found:
        return found
    try:
        base = default_engine()
        fields = {**_fields(rule), "state": "live", "linear": True}
        Engine(rules=[Rule(**fields)], lexicon=base.lexicon, model=None)
    except (ValueError, re.error) as exc:
        found.append(str(exc))
    return found


def _fields(rule: Rule) -> dict:
    return {name: getattr(rule, name) for name in rule.__dataclass_fields__}


@dataclass
class _Cached:
    engine: Engine | None = None
    version: int = -1
    checked_at: float = 0.0


_cache = _Cached()
_lock = threading.Lock()


def rules_version() -> int | None:
    """The rule set's version, or None when the database cannot be read.

    Screening must not fail because the rules table is unreadable (a command run without a
    database, a test without database access, a database hiccup): the caller then keeps the
    engine it has, or the shipped rules, and tries again after the check interval.
    """
    try:
        row = RuleSetVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    except (DatabaseError, RuntimeError) as exc:
        logger.warning("trust rules unreadable, using the engine in hand: %s", exc)
        return None
    return row or 0


def current_engine() -> Engine:
    """The engine for the rule set in force, rebuilt only when its version moved."""
    now = time.monotonic()
    cached = _cache
    if cached.engine is not None and now - cached.checked_at < VERSION_CHECK_SECONDS:
        return cached.engine
    version = rules_version()
    if version is None:
        cached.checked_at = now
        return cached.engine or default_engine()
    if cached.engine is not None and version == cached.version:
        cached.checked_at = now
        return cached.engine
    with _lock:
        if _cache.engine is None or _cache.version != version:
            # Drafts and archived rows only matter when they override a shipped rule.
            rows = [
                r
                for r in TrustRule.objects.all()
                if r.state in (RuleState.SHADOW, RuleState.LIVE) or r.code in SHIPPED_CODES
            ]
            _cache.engine = build_engine(rows)
            _cache.version = version
        _cache.checked_at = now
        return _cache.engine


def forget_engine() -> None:
    """Drop this process's compiled engine: the next assessment rebuilds it."""
    with _lock:
        _cache.engine = None
        _cache.version = -1
        _cache.checked_at = 0.0


__all__ = [
    "KINDS",
    "MAX_WEIGHT",
    "SHIPPED_CODES",
    "STAGES",
    "build_engine",
    "current_engine",
    "forget_engine",
    "pattern_problems",
    "rule_from_row",
    "rules_version",
    "shipped_rule",
    "validate_rule",
]
