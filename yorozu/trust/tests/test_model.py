"""The exported model: pure-Python inference, no scikit-learn at runtime, reproducible file."""

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


def test_training_reproduces_the_committed_weights(tmp_path):
    out = tmp_path / "weights.json"
    res = subprocess.run(
        [sys.executable, "scripts/train_trust_model.py", "--no-cv", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == MODEL_PATH.read_bytes()
