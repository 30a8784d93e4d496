"""What the speed work relies on, checked directly: rewritten regexes match exactly what the
rule author wrote, and one engine may be shared by threads (it keeps no state per text)."""

import random
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from yorozu.trust.engine import Context, default_engine, normalize
from yorozu.trust.engine.engine import _skippable
from yorozu.trust.engine.evaluate import context_for, load_corpus, text_for
from yorozu.trust.engine.rules import DEFAULT_RULES

from .engine_snapshot import mixed_texts, record


def _texts():
    rows = load_corpus()
    rnd = random.Random(7)
    pool = [*"abcdxyz0189 .-_@+/:「」'\"\nlineidあイ", "line", "skype", "id", "@x", "+81"]
    noise = ["".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    return [normalize(t).text for t in [r["text"] for r in rows] + mixed_texts(rows)] + noise


@pytest.mark.parametrize(
    "pattern",
    [p for r in DEFAULT_RULES for p in r.patterns]
    + [
        r"(?<![a-z])(?:ab|cd)e",
        r"(?<![a-z])[a-z]+x",  # quantified first item: left alone
        r"(?<![a-z])(?:ab|cd)?e",
        r"(?<![0-9])\+1|zz",
        r"(?<![a-z])[^a-z]b",  # a class that takes newlines
    ],
)
def test_skippable_rewrite_matches_exactly_the_same_spans(pattern):
    original, rewritten = re.compile(pattern), re.compile(_skippable(pattern))
    for t in _TEXTS:
        for lo, hi in ((0, len(t)), (len(t) // 3, len(t))):
            want = [m.span() for m in original.finditer(t, lo, hi)]
            assert [m.span() for m in rewritten.finditer(t, lo, hi)] == want, (pattern, t)


def test_quantified_first_items_are_not_rewritten():
    assert _skippable(r"(?<![a-z])[a-z]+x") == r"(?<![a-z])[a-z]+x"
    assert _skippable(r"(?<![a-z])(?:ab|cd)?e") == r"(?<![a-z])(?:ab|cd)?e"


def test_one_engine_shared_by_threads_gives_the_sequential_answers():
    eng = default_engine()
    cases = [(text_for(r), context_for(r)) for r in load_corpus()] * 3
    cases += [(t, Context()) for t in mixed_texts(load_corpus(), 600)]
    want = [record(eng.assess(t, c)) for t, c in cases]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda tc: record(eng.assess(*tc)), cases))
    assert got == want


_TEXTS = _texts()
