"""Regular expressions written by staff: checked before they are stored, run in linear time.

A shipped pattern (`rules.py`, `guideline.py`) is ours: reviewed, benchmarked on pathological
texts (`tests/test_speed_invariants.py`) and free to use look-behind; it is compiled with `re`.
A pattern typed into the console is not. Python's `re` backtracks, so `(a+)+b` takes time
exponential in the length of a text of a's (2.3 s on 24 characters, doubling with each one),
and every screened text would pay it. So a staff pattern:

* is **checked** when it is written (`problems`): it must compile, stay short, and have no
  repetition that can split the same characters in many ways — a repetition nested in another
  whose body can hand its characters to the next round (`(a+)+`, `(\\w+\\s?)*`, `(.*a)+`), or
  alternatives under a repetition that can start alike (`(a|ab)*`). Such a pattern is refused
  with the reason, before it is saved or moved anywhere;
* is **compiled with RE2** (`compile_linear`, the `google-re2` bindings): matching takes time
  linear in the text whatever the pattern, so even a shape the check does not know cannot hang
  a request. RE2 has no look-around and no back-references; a pattern using them is refused
  with that reason (a rule's `near` / `unless_near` say the same thing without them). RE2's
  `\\d`, `\\w`, `\\s` are ASCII: the canonical text has ASCII digits already (NFKC), and a
  Japanese class is written out (`[ぁ-んァ-ヶ]`).
"""

from __future__ import annotations

import re
import re._constants as sre_c  # the parser's own opcodes; pinned to the Python of pyproject.toml
import re._parser as sre_parse
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

MAX_PATTERN_LENGTH = 500
RE2_MAX_MEM = 8 << 20  # bytes for one compiled pattern; a larger program is refused

# Characters every first-character set is probed with, beside those the pattern names itself:
# ASCII letters, digits, punctuation and space, a line break, and a character of each Japanese
# script. Two sets overlap when one probe belongs to both.
_PROBES = frozenset("aAzZ09_-.@:/#+ \t\nあンア一０ー、。「」！？　éßΩд\u200b")

_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a pattern is refused. `code` is stable (the console translates it); `detail` is
    English and names the offending part."""

    code: str  # "syntax" | "too_long" | "catastrophic" | "unsupported" | "too_large"
    detail: str


@cache
def shipped_patterns() -> frozenset[str]:
    """The patterns of the shipped rules: a row that overrides a shipped rule (the flood guard
    writes one) keeps them, and they stay on `re`."""
    from .rules import DEFAULT_RULES

    return frozenset(p for rule in DEFAULT_RULES for p in rule.patterns)


def runs_linear(pattern: str) -> bool:
    """Whether a pattern of a `linear` rule is compiled with RE2 (every one but ours)."""
    return pattern not in shipped_patterns()


def problems(pattern: str) -> list[Problem]:
    """Everything wrong with a staff pattern; empty when it may be stored and compiled."""
    if not runs_linear(pattern):
        return []
    if len(pattern) > MAX_PATTERN_LENGTH:
        return [Problem("too_long", f"longer than {MAX_PATTERN_LENGTH} characters")]
    try:
        tree = sre_parse.parse(pattern)
    except re.error as exc:
        return [Problem("syntax", str(exc))]
    found = []
    catastrophic = _catastrophic(tree, _probes_for(tree))
    if catastrophic:
        found.append(Problem("catastrophic", catastrophic))
    try:
        compile_linear(pattern)
    except ValueError as exc:
        message = str(exc)
        code = "too_large" if "too large" in message or "max_mem" in message else "unsupported"
        found.append(Problem(code, message))
    return found


def compile_linear(pattern: str) -> Any:
    """`pattern` compiled with RE2: `finditer(text, pos, endpos)`, `search`, `span()` and
    `group(0)` as in `re`, positions in characters. ValueError when RE2 cannot take it."""
    import re2  # imported here: only engines with staff patterns need it

    options = re2.Options()
    options.max_mem = RE2_MAX_MEM
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise ValueError(_re2_message(exc)) from exc


def _re2_message(exc: Exception) -> str:
    raw = exc.args[0] if exc.args else exc
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    if "(?<" in text or "(?=" in text or "(?!" in text:
        return f"look-around is not supported by the linear-time engine ({text})"
    if "escape sequence" in text:
        return f"back-references are not supported by the linear-time engine ({text})"
    return text


# -- the shape check -----------------------------------------------------------------------------


def _probes_for(tree: sre_parse.SubPattern) -> frozenset[str]:
    """The fixed probes plus every character the pattern names (literals, range ends)."""
    chars = set(_PROBES)
    for op, av in _walk(tree):
        if op in (sre_c.LITERAL, sre_c.NOT_LITERAL):
            chars.add(chr(av))
        elif op is sre_c.RANGE:
            chars.update((chr(av[0]), chr(av[1])))
            if av[1] > av[0]:
                chars.add(chr(av[0] + 1))
    return frozenset(chars)


def _walk(items: Iterable[tuple[Any, Any]]) -> Iterable[tuple[Any, Any]]:
    for op, av in items:
        yield op, av
        if op is sre_c.IN:
            yield from av
        for sub in _children(op, av):
            yield from _walk(sub)


def _children(op: Any, av: Any) -> list[Any]:
    if op is sre_c.BRANCH:
        return list(av[1])
    if op is sre_c.SUBPATTERN:
        return [av[3]]
    if op in _REPEATS or op is sre_c.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is sre_c.ATOMIC_GROUP:
        return [av]
    if op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
        return [av[1]]
    if op is sre_c.GROUPREF_EXISTS:
        return [b for b in av[1:] if b is not None]
    return []


def _in_class(items: list[tuple[Any, Any]], ch: str) -> bool:
    negate = False
    hit = False
    code = ord(ch)
    for op, av in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            hit = hit or code == av
        elif op is sre_c.RANGE:
            hit = hit or av[0] <= code <= av[1]
        elif op is sre_c.CATEGORY:
            hit = hit or _in_category(av, ch)
    return hit != negate


def _in_category(category: Any, ch: str) -> bool:
    name = str(category).upper()
    word = ch.isalnum() or ch == "_"
    if "NOT_DIGIT" in name:
        return not ch.isdigit()
    if "DIGIT" in name:
        return ch.isdigit()
    if "NOT_SPACE" in name:
        return not ch.isspace()
    if "SPACE" in name:
        return ch.isspace()
    if "NOT_WORD" in name:
        return not word
    if "WORD" in name:
        return word
    if "NOT_LINEBREAK" in name:
        return ch != "\n"
    if "LINEBREAK" in name:
        return ch == "\n"
    return True


class _Shape:
    """First-character sets and nullability of parsed items, over a finite probe alphabet."""

    def __init__(self, probes: frozenset[str]) -> None:
        self.probes = probes

    def first(self, items: list[tuple[Any, Any]]) -> tuple[frozenset[str], bool]:
        """(the characters a match of this sequence can start with, can it match empty)."""
        out: set[str] = set()
        for op, av in items:
            chars, nullable = self.first_item(op, av)
            out |= chars
            if not nullable:
                return frozenset(out), False
        return frozenset(out), True

    def first_item(self, op: Any, av: Any) -> tuple[frozenset[str], bool]:
        p = self.probes
        if op is sre_c.LITERAL:
            return frozenset((chr(av),)), False
        if op is sre_c.NOT_LITERAL:
            return p - {chr(av)}, False
        if op is sre_c.ANY:
            return p - {"\n"}, False
        if op is sre_c.IN:
            return frozenset(c for c in p if _in_class(av, c)), False
        if op is sre_c.BRANCH:
            chars: set[str] = set()
            nullable = False
            for branch in av[1]:
                c, n = self.first(branch)
                chars |= c
                nullable = nullable or n
            return frozenset(chars), nullable
        if op is sre_c.SUBPATTERN:
            return self.first(av[3])
        if op in _REPEATS or op is sre_c.POSSESSIVE_REPEAT:
            c, n = self.first(av[2])
            return c, n or av[0] == 0
        if op is sre_c.ATOMIC_GROUP:
            return self.first(av)
        if op is sre_c.GROUPREF:
            return p, True
        if op is sre_c.GROUPREF_EXISTS:
            c1, n1 = self.first(av[1])
            c2, n2 = self.first(av[2]) if av[2] is not None else (frozenset(), True)
            return c1 | c2, n1 or n2
        return frozenset(), True  # anchors and assertions consume nothing


def _repeated(op: Any, av: Any) -> bool:
    """A backtracking repetition that can run its body more than once."""
    return op in _REPEATS and av[1] >= 2


def _catastrophic(tree: sre_parse.SubPattern, probes: frozenset[str]) -> str | None:
    """The first ambiguous repetition in the pattern, described, or None."""
    shape = _Shape(probes)

    def visit(items: list[tuple[Any, Any]]) -> str | None:
        for op, av in items:
            if _repeated(op, av):
                body = list(av[2])
                again, _ = shape.first(body)  # what the next round of the outer one starts with
                found = _inner(shape, body, again)
                if found:
                    return found
            if op is sre_c.ATOMIC_GROUP or op is sre_c.POSSESSIVE_REPEAT:
                continue  # no backtracking into these
            for sub in _children(op, av):
                found = visit(list(sub))
                if found:
                    return found
        return None

    return visit(list(tree))


def _inner(shape: _Shape, seq: list[tuple[Any, Any]], after: frozenset[str]) -> str | None:
    """Inside a repetition: a choice (a repetition, an optional part, alternatives) that can
    leave its characters to what may follow it (`after`: what can come once `seq` is done,
    the next round of the outer repetition included), so the same text splits many ways."""
    for i, (op, av) in enumerate(seq):
        if op is sre_c.ATOMIC_GROUP or op is sre_c.POSSESSIVE_REPEAT:
            continue
        rest, rest_nullable = shape.first(seq[i + 1 :])
        follow = rest | after if rest_nullable else rest
        if op in _REPEATS and av[1] > av[0]:
            own, _ = shape.first(list(av[2]))
            if own & follow:
                what = "a repetition" if av[1] >= 2 else "an optional part"
                return (
                    f"{what} inside a repetition can leave the same characters to what follows "
                    f"it, so a text splits in many ways (like (a+)+ or (a?a)+, on "
                    f"{_show(own & follow)})"
                )
            found = _inner(shape, list(av[2]), own | follow if av[1] >= 2 else follow)
            if found:
                return found
        elif op in _REPEATS:
            found = _inner(shape, list(av[2]), follow)
            if found:
                return found
        elif op is sre_c.BRANCH:
            firsts = [shape.first(list(b)) for b in av[1]]
            for a in range(len(firsts)):
                for b in range(len(firsts)):
                    if a == b:
                        continue
                    clash = firsts[a][0] & firsts[b][0] if a < b else frozenset()
                    if firsts[a][1]:  # an empty alternative leaves the next one's start
                        clash = clash | (firsts[b][0] & follow)
                    if clash:
                        return (
                            "alternatives inside a repetition can match the same characters "
                            f"(like (a|aa)+, on {_show(clash)})"
                        )
            for branch in av[1]:
                found = _inner(shape, list(branch), follow)
                if found:
                    return found
        elif op is sre_c.SUBPATTERN:
            found = _inner(shape, list(av[3]), follow)
            if found:
                return found
    return None


def _show(chars: frozenset[str]) -> str:
    shown = sorted(chars)[:3]
    return ", ".join(repr(c) for c in shown)
