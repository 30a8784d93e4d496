"""Real text nobody here wrote (../shared/datasets): the engine must leave ordinary Japanese
social-media sentences alone and keep the SMS ham false-positive rate low."""

import pytest

from yorozu.trust.engine.evaluate import DATASETS_DIR, evaluate_datasets

pytestmark = pytest.mark.skipif(
    not DATASETS_DIR.is_dir(),
    reason=f"shared datasets not found at {DATASETS_DIR} (CI lays shared/ beside the clone)",
)


@pytest.fixture(scope="module")
def reports():
    return {d.name: d for d in evaluate_datasets() or []}


def test_japanese_toxic_subset_is_almost_all_allowed(reports):
    d = reports.get("ja_inspection_toxic_subset.csv")
    if d is None:
        pytest.skip("ja_inspection_toxic_subset.csv absent")
    assert d.rows > 400
    assert d.rate <= 0.01, f"{d.flagged}/{d.rows} flagged"


def test_sms_ham_rarely_flagged_and_spam_mostly_caught(reports):
    d = reports.get("sms_spam_collection.tsv")
    if d is None:
        pytest.skip("sms_spam_collection.tsv absent")
    ham_f, ham_n = d.detail["ham"]
    spam_f, spam_n = d.detail["spam"]
    assert ham_f / ham_n <= 0.01, f"ham FP {ham_f}/{ham_n}"
    assert spam_f / spam_n >= 0.5, f"spam caught {spam_f}/{spam_n}"
