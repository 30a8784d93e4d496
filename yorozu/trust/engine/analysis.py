"""Morphological analysis of the canonical text (SudachiPy with sudachidict_core).

Why an analyser: the same mention does different work in different sentences. "LINEで話しましょう"
names a channel to move to, "LINEミニアプリの開発" the subject of the work, "店舗の電話番号を掲載"
content the work produces. Substring windows cannot tell these apart reliably; the analyser
gives word boundaries, parts of speech and dictionary forms (話し/話そう/話せ → 話す), from which
`roles.py` reads what a mention is doing.

Why Sudachi (measured by `scripts/measure_analysers.py`, see docs/trust-engine.md): with the
features we read, it is about twice as fast as fugashi + unidic-lite, pages in less of its
dictionary (~190 MB of file-backed, shared memory against ~240 MB), and its normalised forms
fold spelling variants (つながる/繋がる, 友だち/友達). GiNZA's dependency parse was measured
too and does not fit the budgets (≈160 ms for a 1,500-character posting, +570 MB resident).

Cost: ~1 µs per character. Chat messages only pay it when a cheap gate found a mention whose
role decides the verdict; postings pay it once per text (the "deeper stage").

The analyser is loaded lazily, once per process, and one tokenizer is kept per thread (a Sudachi
tokenizer is not safe to share between threads). When the package is missing the engine still
works: `available()` is False and the rules fall back to their context windows.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = ["Morpheme", "analyse", "available"]

# Sudachi refuses inputs above ~49k bytes; postings are far shorter, but be safe.
_CHUNK = 4000


class Morpheme(NamedTuple):
    """One word of the canonical text: where it is, what it is, and its dictionary form.
    (A named tuple: built ~3x faster than a frozen dataclass, and there is one per word.)"""

    begin: int
    end: int
    surface: str
    pos: str  # 名詞, 動詞, 助詞, 助動詞, 接尾辞, 補助記号…
    pos2: str  # 普通名詞, 固有名詞, 格助詞, 係助詞, 終助詞, 非自立可能…
    lemma: str  # normalised dictionary form (話す, 友達, 為る…)
    conj: str = ""  # conjugation form (意志推量形, 命令形…)


_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary() -> Any | None:
    try:
        from sudachipy import Dictionary
    except ImportError:  # pragma: no cover - the dependency is declared; this is a safety net
        return None
    try:
        return Dictionary(dict="core")
    except Exception:  # pragma: no cover - dictionary package missing or broken
        return None


def available() -> bool:
    """Is the analyser installed and loadable?"""
    return _dictionary() is not None


def _tokenizer() -> Any | None:
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        d = _dictionary()
        if d is None:
            return None
        from sudachipy import SplitMode

        tok = d.tokenizer(mode=SplitMode.C)
        _local.tokenizer = tok
    return tok


def analyse(text: str, start: int = 0, end: int | None = None) -> list[Morpheme]:
    """The morphemes of `text[start:end]`, with offsets into `text` (empty if unavailable)."""
    tok = _tokenizer()
    if tok is None:
        return []
    end = len(text) if end is None else end
    out: list[Morpheme] = []
    pos = start
    while pos < end:
        stop = min(end, pos + _CHUNK)
        if stop < end:  # cut after a line or sentence end when there is one
            cut = max(text.rfind("\n", pos, stop), text.rfind("。", pos, stop))
            if cut > pos:
                stop = cut + 1
        piece = text[pos:stop]
        for m in tok.tokenize(piece):
            p = m.part_of_speech()
            out.append(
                Morpheme(
                    pos + m.begin(),
                    pos + m.end(),
                    m.surface(),
                    p[0],
                    p[1],
                    m.normalized_form(),
                    p[5],
                )
            )
        pos = stop
    return out
