"""The exported model: pure-Python inference, no scikit-learn at runtime, reproducible file."""

import json
import subprocess
import sys
from pathlib import Path

from yorozu.trust.engine.model import MODEL_PATH, load_default_model

ROOT = Path(__file__).resolve().parents[3]


def test_model_loads_and_scores_in_range():
    m = load_default_model()
    assert m is not None
    p_bad = m.probability("コピペだけで月30万円稼げます line交換しませんか")
    p_ok = m.probability("納期は来週の金曜日でお願いします")
    assert 0.0 <= p_ok < p_bad <= 1.0


def test_engine_does_not_import_sklearn_or_django():
    code = (
        "import sys; import yorozu.trust.engine as e; e.assess('LINE交換しよう');"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sklearn', 'django', 'numpy')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def _differences(trained, committed, path=""):
    """Every number's distance between two exported models, after checking they have one shape."""
    if isinstance(trained, dict):
        assert set(trained) == set(committed), (path, set(trained) ^ set(committed))
        for key in trained:
            yield from _differences(trained[key], committed[key], f"{path}/{key}")
    elif isinstance(trained, list):
        assert len(trained) == len(committed), path
        for i, (a, b) in enumerate(zip(trained, committed, strict=True)):
            yield from _differences(a, b, f"{path}[{i}]")
    elif isinstance(trained, float):
        yield abs(trained - committed), path
    else:
        assert trained == committed, (path, trained, committed)


def test_training_reproduces_the_committed_weights(tmp_path):
    """Training again gives the committed file: the same n-grams, rows and settings, and every
    weight equal to the rounding the export keeps — give or take the last digits that a newer
    numpy/scipy's solver moves (seen: 3e-4 between scipy releases)."""
    out = tmp_path / "weights.json"
    res = subprocess.run(
        [sys.executable, "scripts/train_trust_model.py", "--no-cv", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    trained = json.loads(out.read_text())
    committed = json.loads(MODEL_PATH.read_text())
    worst = max(_differences(trained, committed), default=(0.0, ""))
    assert worst[0] <= 2e-3, f"weight {worst[1]} moved by {worst[0]}: retrain with `make train`"
