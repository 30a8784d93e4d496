"""The corpus evaluation as a CI gate.

The first generation (`corpus/{ja,en}.jsonl`, 547 rows the first-generation rules were tuned on)
keeps its floors: recall >= 97 %, legitimate flagged <= 2 %, nothing legitimate held, with the
rules alone too. The second generation (`corpus/gen2/`, written by people who did not read the
engine) is guarded against regressions at the level reached when it was merged; those figures
are development figures (the shipped model was trained on these rows), so the guards are
regression tripwires, not claims. The cross-validated figures live in the model file.
"""

from yorozu.trust.engine import Engine
from yorozu.trust.engine.evaluate import cv_summary, evaluate_corpus, load_corpus

RECALL_FLOOR = 0.97
FP_CEILING = 0.02


def test_corpus_is_large_and_varied():
    rows = load_corpus()
    assert len(rows) >= 2900
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["label"] for r in rows} == {"allow", "flag"}
    langs = [r["lang"] for r in rows]
    assert langs.count("ja") >= 2000 and langs.count("en") >= 700
    postings = [r for r in rows if r["kind"] == "job" and 200 <= len(r["text"]) <= 1500]
    assert len(postings) >= 850
    kinds = {r["kind"] for r in rows}
    assert kinds >= {"message", "scout", "proposal", "job", "profile", "review"}


def test_first_generation_floors_full_engine():
    rep = evaluate_corpus(load_corpus(generations=("",)))
    assert rep.recall >= RECALL_FLOOR, rep.misses
    assert rep.fp_rate <= FP_CEILING, rep.false_positives
    assert rep.holds_on_legit == 0, rep.false_positives


def test_first_generation_floors_rules_alone():
    rep = evaluate_corpus(load_corpus(generations=("",)), engine=Engine(model=None))
    assert rep.recall >= RECALL_FLOOR, rep.misses
    assert rep.fp_rate <= FP_CEILING, rep.false_positives
    assert rep.holds_on_legit == 0


def test_second_generation_does_not_regress():
    rep = evaluate_corpus(load_corpus(generations=("gen2",)))
    assert rep.recall >= 0.80, len(rep.misses)
    assert rep.fp_rate <= 0.01, rep.false_positives
    assert rep.holds_on_legit <= 6, [f for f in rep.false_positives if f["verdict"] != "warn"]


def test_cross_validated_figures_are_stored_with_the_model():
    cv = cv_summary()
    assert cv is not None and cv["all"]["rows"] == len(load_corpus())
