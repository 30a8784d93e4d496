"""Pure-Python inference for the character n-gram model trained by scripts/train_trust_model.py.

scikit-learn is a training-time dependency only: it would add ~100 MB and tens of milliseconds of
import to every web process. The trained logistic regression is exported as a small JSON file of
n-gram weights (`model_weights.json`), and a text's probability is the logistic of the intercept
plus the weights of the n-grams it contains (binary features, as trained).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import ahocorasick

MODEL_PATH = Path(__file__).with_name("model_weights.json")
_SECOND = itemgetter(1)


class NgramModel:
    """Logistic regression over binary character n-grams of the canonical text."""

    __slots__ = ("_automaton", "clearable", "intercept", "ns", "vocab", "weights")

    def __init__(
        self,
        weights: dict[str, float],
        intercept: float,
        ns: tuple[int, ...],
        clearable: frozenset[str] = frozenset(),
    ) -> None:
        # Rule codes whose hits the model may cancel: the shipped rules that fire on
        # legitimate text too often (precision below CLEARABLE_PRECISION on the training rows).
        self.clearable = clearable
        self.weights = weights
        self.vocab = frozenset(weights)
        self.intercept = intercept
        self.ns = ns
        # The vocabulary's n-grams in one Aho–Corasick automaton: a text's features are then
        # found in one C-level pass instead of slicing and hashing every n-gram of the text
        # (~2.5x faster on 200 characters). Only valid when every vocabulary entry has a length
        # the model counts; otherwise `probability` falls back to `grams`.
        self._automaton: ahocorasick.Automaton | None = None
        if weights and all(ns[0] <= len(k) <= ns[-1] for k in weights):
            auto = ahocorasick.Automaton()
            for k in weights:
                auto.add_word(k, k)
            auto.make_automaton()
            self._automaton = auto

    @classmethod
    def from_dict(cls, data: dict) -> NgramModel:
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["intercept"]),
            tuple(int(n) for n in data["ngram_range"]),
            frozenset(str(c) for c in data.get("clearable") or ()),
        )

    def grams(self, text: str) -> set[str]:
        """Distinct character n-grams of the space-padded text (zip is the fast way to slice)."""
        t = f" {text} "
        out: set[str] = set()
        for n in range(self.ns[0], self.ns[1] + 1):
            if n == 1:
                out.update(t)
            elif n == 2:
                out.update(map(str.__add__, t, t[1:]))
            elif n == 3:
                out.update(map(str.__add__, map(str.__add__, t, t[1:]), t[2:]))
            else:
                out.update(t[i : i + n] for i in range(len(t) - n + 1))
        return out

    def features(self, text: str) -> set[str]:
        """The distinct vocabulary n-grams of the text: `grams(text) & vocab`, computed fast."""
        if self._automaton is None:
            return self.grams(text) & self.vocab
        return set(map(_SECOND, self._automaton.iter(f" {text} ")))

    def probability(self, text: str) -> float:
        w = self.weights
        z = self.intercept + sum(map(w.__getitem__, self.features(text)))
        if z > 30:
            return 1.0
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_default_model() -> NgramModel | None:
    """The committed model, or None when it has not been trained yet (rules still work)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return NgramModel.from_dict(data)
