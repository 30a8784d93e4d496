"""Train the trust engine's character n-gram model from the labelled corpus (`make train`).

Why a model at all: rules catch the phrasings we thought of; a linear model over character
n-grams of the canonical text generalises a little past them (new verbs, new word orders).
Why export instead of pickling: the engine must not import scikit-learn at runtime (memory and
start-up cost in every web process), so the learned weights of the n-grams that matter are
written to `yorozu/trust/engine/model_weights.json` and scored in pure Python
(`yorozu.trust.engine.model.NgramModel`).

Deterministic: fixed seed, sorted vocabulary, rounded weights, sorted JSON keys, so running it
again on the same corpus reproduces the committed file byte for byte. It also prints a 5-fold
cross-validated estimate, because scoring the model on its own training corpus says little.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yorozu.trust.engine.evaluate import load_corpus, text_for  # noqa: E402
from yorozu.trust.engine.model import MODEL_PATH, NgramModel  # noqa: E402
from yorozu.trust.engine.normalize import normalize  # noqa: E402

SEED = 20240601
NGRAMS = (2, 3)
C = 2.0
KEEP = 6000  # n-grams kept in the exported file, by absolute weight


def _analyzer(text: str) -> list[str]:
    return sorted(NgramModel({}, 0.0, NGRAMS).grams(text))


def _fit(texts: list[str], labels: list[int]) -> tuple[CountVectorizer, LogisticRegression]:
    vec = CountVectorizer(analyzer=_analyzer, binary=True, min_df=2, dtype=np.float64)
    x = vec.fit_transform(texts)
    clf = LogisticRegression(
        C=C, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=SEED
    )
    clf.fit(x, labels)
    return vec, clf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation estimate")
    args = parser.parse_args(argv)

    rows = load_corpus()
    texts = [normalize(text_for(r)).text for r in rows]
    labels = [1 if r["label"] == "flag" else 0 for r in rows]

    if not args.no_cv:
        y = np.array(labels)
        skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
        tp = fp = pos = neg = 0
        for train, test in skf.split(np.zeros(len(y)), y):
            vec, clf = _fit([texts[i] for i in train], [labels[i] for i in train])
            proba = clf.predict_proba(vec.transform([texts[i] for i in test]))[:, 1]
            for i, p in zip(test, proba, strict=True):
                hit = p >= 0.9
                if y[i]:
                    pos += 1
                    tp += hit
                else:
                    neg += 1
                    fp += hit
        print(
            f"5-fold CV at p>=0.9 (model alone): recall {100 * tp / pos:.1f}%  "
            f"FP rate {100 * fp / neg:.1f}%"
        )

    vec, clf = _fit(texts, labels)
    names = vec.get_feature_names_out()
    coef = clf.coef_[0]
    order = sorted(range(len(names)), key=lambda i: (-abs(coef[i]), names[i]))[:KEEP]
    weights = {
        str(names[i]): round(float(coef[i]), 5) for i in sorted(order, key=lambda i: names[i])
    }
    data = {
        "about": "character n-gram logistic regression; see scripts/train_trust_model.py",
        "corpus_rows": len(rows),
        "intercept": round(float(clf.intercept_[0]), 5),
        "ngram_range": list(NGRAMS),
        "seed": SEED,
        "weights": weights,
    }
    args.out.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}: {len(weights)} n-grams from {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
