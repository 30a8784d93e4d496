"""The corpus evaluation as a CI gate: the build fails when recall or the false-positive rate
regress, or when any legitimate text would be held or blocked."""

from yorozu.trust.engine import Engine
from yorozu.trust.engine.evaluate import evaluate_corpus, load_corpus

RECALL_FLOOR = 0.97
FP_CEILING = 0.02


def test_corpus_is_large_enough_in_both_languages():
    rows = load_corpus()
    langs = [r["lang"] for r in rows]
    assert langs.count("ja") >= 400
    assert langs.count("en") >= 100
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["label"] for r in rows} == {"allow", "flag"}


def test_corpus_floors_full_engine():
    rep = evaluate_corpus()
    assert rep.recall >= RECALL_FLOOR, rep.misses
    assert rep.fp_rate <= FP_CEILING, rep.false_positives
    assert rep.holds_on_legit == 0, rep.false_positives


def test_corpus_floors_rules_alone():
    """The model is trained on this corpus, so the rules must meet the floors without it."""
    rep = evaluate_corpus(engine=Engine(model=None))
    assert rep.recall >= RECALL_FLOOR, rep.misses
    assert rep.fp_rate <= FP_CEILING, rep.false_positives
    assert rep.holds_on_legit == 0
