"""The optimised engine decides exactly what the engine decided before the speed work: same
verdicts, scores, points and reason spans (live and shadow) on the whole corpus, in several
contexts, with custom rule sets, on stitched adversarial texts and on the shared datasets.

The expected outputs live in `fixtures/engine_snapshot.json`, written by
`python -m yorozu.trust.tests.engine_snapshot` (see that module for what the cases are).
"""

import json

import pytest

from yorozu.trust.engine.evaluate import DATASETS_DIR

from .engine_snapshot import FIXTURE, cases, record


@pytest.fixture(scope="module")
def expected():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _compare(expected, include_datasets, only_datasets):
    diffs = []
    seen = 0
    for group, key, eng, text, ctx in cases(include_datasets):
        if group.startswith("dataset:") != only_datasets:
            continue
        want = expected.get(group, {}).get(key)
        if want is None:
            diffs.append((group, key, "missing from the fixture (dataset changed?)", text[:60]))
            continue
        seen += 1
        got = json.loads(json.dumps(record(eng.assess(text, ctx)), ensure_ascii=False))
        if got != want:
            diffs.append((group, key, text[:80], want, got))
    return seen, diffs


def test_same_decisions_as_before_on_corpus_and_mixed_texts(expected):
    seen, diffs = _compare(expected, include_datasets=False, only_datasets=False)
    assert seen >= 5000
    assert not diffs, f"{len(diffs)} differences, first: {diffs[:5]}"


@pytest.mark.skipif(
    not DATASETS_DIR.is_dir(),
    reason=f"shared datasets not found at {DATASETS_DIR}: dataset equivalence not checked",
)
def test_same_decisions_as_before_on_shared_datasets(expected):
    seen, diffs = _compare(expected, include_datasets=True, only_datasets=True)
    assert seen > 5000
    assert not diffs, f"{len(diffs)} differences, first: {diffs[:5]}"
