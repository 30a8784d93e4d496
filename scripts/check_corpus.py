"""Review the trust corpus: malformed lines, unknown labels and kinds, near-duplicates.

Every `*.jsonl` file of `yorozu/trust/corpus/` and its generation folders (`gen2/`) is read
line by line. A line is malformed when it is not a JSON object, lacks `id`, `text`, `label`,
`category` or `kind`, names a label other than flag/allow/ok, a kind or stage the engine does
not know (profiles and postings may say stage "none"), or repeats an id. Two texts are near
duplicates when the Jaccard similarity of their character 5-gram sets is at least
`--threshold` (0.8): the later one (in file order) is reported. With `--fix` the offending
lines are removed from their files (a file is rewritten only when it changes).

Also prints the corpus's shape: rows per label, language and kind, and how many postings are
full-length (200-1,500 characters).

    .venv/bin/python scripts/check_corpus.py            # report
    .venv/bin/python scripts/check_corpus.py --fix      # drop malformed and near-duplicate lines
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yorozu.trust.engine.normalize import normalize  # noqa: E402
from yorozu.trust.engine.values import KINDS, STAGES  # noqa: E402

CORPUS = ROOT / "yorozu" / "trust" / "corpus"
REQUIRED = ("id", "text", "label", "category", "kind")
LABELS = ("flag", "allow", "ok")


def files() -> list[Path]:
    return sorted(CORPUS.glob("*.jsonl")) + sorted(CORPUS.glob("*/*.jsonl"))


def problem(row: object, seen: set[str]) -> str | None:
    if not isinstance(row, dict):
        return "not a JSON object"
    for key in REQUIRED:
        if not isinstance(row.get(key), str) or not row[key].strip():
            return f"missing {key}"
    if row["label"] not in LABELS:
        return f"label {row['label']!r}"
    if row["kind"] not in KINDS:
        return f"kind {row['kind']!r}"
    stage = row.get("stage", "pre_contract")
    if stage not in STAGES and not (stage in ("none", None) and row["kind"] in ("job", "profile")):
        return f"stage {stage!r}"
    earlier = row.get("earlier", [])
    if not isinstance(earlier, list) or not all(isinstance(x, str) for x in earlier):
        return "earlier must be a list of strings"
    if row["id"] in seen:
        return f"duplicate id {row['id']}"
    return None


def full_text(row: dict) -> str:
    return "\n".join(x for x in (row.get("title"), row["text"]) if x)


def near_duplicates(texts: list[str], threshold: float) -> dict[int, int]:
    """index -> index of an earlier text it nearly duplicates (Jaccard of 5-gram sets)."""
    if not texts:
        return {}
    vec = HashingVectorizer(
        analyzer="char",
        ngram_range=(5, 5),
        n_features=2**20,
        binary=True,
        norm=None,
        alternate_sign=False,
        lowercase=False,
    )
    x = vec.transform([normalize(t).text for t in texts]).astype(np.float32)
    sizes = np.asarray(x.sum(axis=1)).ravel()
    out: dict[int, int] = {}
    step = 500
    for lo in range(0, x.shape[0], step):
        inter = (x[lo : lo + step] @ x.T).toarray()
        for r in range(inter.shape[0]):
            i = lo + r
            row = inter[r, :i]
            if not row.size:
                continue
            union = sizes[i] + sizes[:i] - row
            jac = np.divide(row, union, out=np.zeros_like(row), where=union > 0)
            j = int(jac.argmax())
            if jac[j] >= threshold:
                out[i] = j
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="remove the lines reported")
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args(argv)

    seen: set[str] = set()
    kept: list[tuple[Path, int, dict]] = []
    drop: dict[Path, set[int]] = {}
    for path in files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                row = None
            why = problem(row, seen) if row is not None else "not JSON"
            if why:
                print(f"MALFORMED {path.relative_to(ROOT)}:{n + 1}: {why}")
                drop.setdefault(path, set()).add(n)
                continue
            assert isinstance(row, dict)
            seen.add(row["id"])
            kept.append((path, n, row))
    dups = near_duplicates([full_text(r) for _, _, r in kept], args.threshold)
    for i, j in sorted(dups.items()):
        path, n, row = kept[i]
        where = f"{path.relative_to(ROOT)}:{n + 1}"
        print(f"NEAR-DUPLICATE {row['id']} of {kept[j][2]['id']} ({where})")
        drop.setdefault(path, set()).add(n)
    rows = [r for i, (_, _, r) in enumerate(kept) if i not in dups]
    shape = Counter(
        (r["label"].replace("ok", "allow"), r.get("lang", "?"), r["kind"]) for r in rows
    )
    postings = sum(1 for r in rows if r["kind"] == "job" and 200 <= len(r["text"]) <= 1500)
    print(
        f"{len(rows)} rows after review ({sum(len(v) for v in drop.values())} to drop); "
        f"{postings} full-length postings (200-1,500 characters)"
    )
    for key, count in sorted(shape.items()):
        print(f"  {' / '.join(key):28} {count}")
    if args.fix:
        for path, lines in drop.items():
            text = path.read_text(encoding="utf-8").splitlines()
            out = [x for k, x in enumerate(text) if k not in lines and x.strip()]
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}: dropped {len(lines)} line(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
