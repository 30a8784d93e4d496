"""Measure the engine: per-category precision, recall and false-positive rate on the labelled
corpus, and flag rates on the real-world datasets in ../shared/datasets.

Kept in the engine package (no Django) so CI tests, `manage.py trust_eval`, the benchmark and
`python -m yorozu.trust.engine.evaluate` all compute the same figures the same way.

A corpus row is flagged when the verdict is anything but allow. Recall is over rows labelled
flag; the false-positive rate over rows labelled allow; "holds on legit" counts allow-labelled
rows that were held or blocked (must be zero).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, default_engine
from .values import Context

PACKAGE_DIR = Path(__file__).resolve().parent
CORPUS_DIR = PACKAGE_DIR.parent / "corpus"
REPO_ROOT = PACKAGE_DIR.parents[2]
DATASETS_DIR = REPO_ROOT.parent / "shared" / "datasets"


LABELS = {"flag": "flag", "allow": "allow", "ok": "allow"}


def normalize_row(row: dict) -> dict:
    """One corpus row in the engine's terms: label flag|allow (writers' "ok" is allow), a stage
    the engine knows (profiles and postings have none: pre_contract), `earlier` as a list."""
    out = dict(row)
    out["label"] = LABELS[row["label"]]
    if out.get("stage") not in ("pre_contract", "post_contract"):
        out["stage"] = "pre_contract"
    earlier = out.get("earlier") or []
    out["earlier"] = [x for x in earlier if isinstance(x, str) and x]
    return out


def load_corpus(
    directory: Path = CORPUS_DIR, *, generations: tuple[str, ...] = ("", "gen2")
) -> list[dict]:
    """Every row of every *.jsonl file in the corpus folder and its generation subfolders
    (`gen2/`), in file order, normalised (`normalize_row`)."""
    rows: list[dict] = []
    for sub in generations:
        folder = directory / sub if sub else directory
        for path in sorted(folder.glob("*.jsonl")):
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        row = normalize_row(json.loads(line))
                        row.setdefault("generation", sub or "gen1")
                        rows.append(row)
    return rows


def context_for(row: dict) -> Context:
    return Context(
        kind=row.get("kind", "message"),
        stage=row.get("stage", "pre_contract"),
        sender_role=row.get("sender_role", "worker"),
        job_title=row.get("job_title"),
        job_text=row.get("job_text"),
        earlier=tuple(row.get("earlier") or ()),
    )


def text_for(row: dict) -> str:
    title = row.get("title")
    return f"{title}\n{row['text']}" if title else row["text"]


@dataclass
class CategoryStats:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    held: int = 0  # legitimate rows held or blocked

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def fp_rate(self) -> float | None:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else None


@dataclass
class CorpusReport:
    total: int = 0
    flag_rows: int = 0
    allow_rows: int = 0
    tp: int = 0
    fp: int = 0
    holds_on_legit: int = 0
    per_category: dict[str, CategoryStats] = field(default_factory=dict)
    # the same counts by generation ("generation:gen2"), kind ("kind:job") and language
    per_group: dict[str, CategoryStats] = field(default_factory=dict)
    # precision per violation category: of rows whose top reason is in that category, how many
    # were really violations
    predicted: dict[str, list[int]] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / self.flag_rows if self.flag_rows else 1.0

    @property
    def fp_rate(self) -> float:
        return self.fp / self.allow_rows if self.allow_rows else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


def evaluate_corpus(
    rows: Iterable[dict] | None = None, engine: Engine | None = None
) -> CorpusReport:
    engine = engine or default_engine()
    rows = load_corpus() if rows is None else rows
    rep = CorpusReport()
    cats: dict[str, CategoryStats] = defaultdict(CategoryStats)
    groups: dict[str, CategoryStats] = defaultdict(CategoryStats)
    predicted: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        a = engine.assess(text_for(row), context_for(row))
        flagged = a.verdict != "allow"
        want = row["label"] == "flag"
        held = a.verdict in ("hold", "block")
        st = cats[row["category"]]
        for key in (
            f"generation:{row.get('generation', 'gen1')}",
            f"kind:{row.get('kind', 'message')}",
            f"lang:{row.get('lang', '?')}",
        ):
            g = groups[key]
            if want:
                g.tp += flagged
                g.fn += not flagged
            else:
                g.fp += flagged
                g.tn += not flagged
                g.held += held
        rep.total += 1
        if flagged and a.reasons:
            top = max(a.reasons, key=lambda r: r.weight).category
            predicted[top][0 if want else 1] += 1
        info = {
            "id": row["id"],
            "verdict": a.verdict,
            "points": a.points,
            "codes": [r.code for r in a.reasons],
            "text": row["text"],
        }
        if want:
            rep.flag_rows += 1
            if flagged:
                rep.tp += 1
                st.tp += 1
            else:
                st.fn += 1
                rep.misses.append(info)
        else:
            rep.allow_rows += 1
            if flagged:
                rep.fp += 1
                st.fp += 1
                rep.false_positives.append(info)
                if held:
                    rep.holds_on_legit += 1
                    st.held += 1
            else:
                st.tn += 1
    rep.per_category = dict(sorted(cats.items()))
    rep.per_group = dict(sorted(groups.items()))
    rep.predicted = dict(predicted)
    return rep


@dataclass
class DatasetReport:
    name: str
    rows: int
    flagged: int
    detail: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (flagged, rows)

    @property
    def rate(self) -> float:
        return self.flagged / self.rows if self.rows else 0.0


def evaluate_datasets(
    directory: Path = DATASETS_DIR, engine: Engine | None = None
) -> list[DatasetReport] | None:
    """Flag rates on the shared real-world corpora; None when the folder is absent."""
    if not directory.is_dir():
        return None
    engine = engine or default_engine()
    out: list[DatasetReport] = []
    ja = directory / "ja_inspection_toxic_subset.csv"
    if ja.exists():
        with ja.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            col = next((c for c in (reader.fieldnames or []) if c.lower() == "text"), None)
            texts = [r[col] for r in reader if col and r.get(col)]
        ctx = Context(kind="message", stage="pre_contract")
        flagged = sum(engine.assess(t, ctx).verdict != "allow" for t in texts)
        out.append(DatasetReport(ja.name, len(texts), flagged))
    sms = directory / "sms_spam_collection.tsv"
    if sms.exists():
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        ctx = Context(kind="message", stage="pre_contract")
        with sms.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                label, _, text = line.rstrip("\n").partition("\t")
                if not text:
                    continue
                c = counts[label]
                c[1] += 1
                c[0] += engine.assess(text, ctx).verdict != "allow"
        total = sum(v[1] for v in counts.values())
        flagged = sum(v[0] for v in counts.values())
        out.append(
            DatasetReport(sms.name, total, flagged, {k: (v[0], v[1]) for k, v in counts.items()})
        )
    return out


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def _line(name: str, st: CategoryStats) -> str:
    n = st.tp + st.fn + st.fp + st.tn
    return f"{name:28} {n:5d} {_pct(st.recall):>7} {_pct(st.fp_rate):>8} {st.held:>5}"


def cv_summary() -> dict | None:
    """The cross-validated figures stored by the last `make train` (None if absent)."""
    from .model import MODEL_PATH

    try:
        return json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("cv")
    except (OSError, ValueError):
        return None


def format_report(rep: CorpusReport, datasets: list[DatasetReport] | None, verbose: bool) -> str:
    lines = [
        f"corpus: {rep.total} rows ({rep.flag_rows} violations, {rep.allow_rows} legitimate)",
        "These are development figures: the rules were written with this corpus at hand and the",
        "shipped model was trained on all of it. The cross-validated block below is the measure.",
        f"overall: recall {100 * rep.recall:.1f}%  legitimate flagged {100 * rep.fp_rate:.1f}%  "
        f"precision {100 * rep.precision:.1f}%  legitimate held or blocked: {rep.holds_on_legit}",
        "",
        f"{'group':28} {'rows':>5} {'recall':>7} {'flagged':>8} {'held':>5}",
    ]
    for name, st in rep.per_group.items():
        lines.append(_line(name, st))
    lines.append("")
    lines.append(
        f"{'category (rows of it)':28} {'rows':>5} {'recall':>7} {'flagged':>8} {'held':>5}"
    )
    for cat, st in rep.per_category.items():
        lines.append(_line(cat, st))
    cv = cv_summary()
    lines.append("")
    if cv:
        lines.append(
            "cross-validated (5-fold: each fold assessed by the engine with a model trained "
            "without it; from `make train`):"
        )
        lines.append(f"  {'group':34} {'rows':>5} {'recall':>7} {'flagged':>8} {'held':>5}")
        for g, v in cv.items():
            if g.startswith("category:") and not verbose:
                continue
            rec = "   -  " if v["recall"] is None else f"{100 * v['recall']:5.1f}%"
            fpr = "   -  " if v["legit_flagged"] is None else f"{100 * v['legit_flagged']:5.1f}%"
            lines.append(f"  {g:34} {v['rows']:5d} {rec:>7} {fpr:>8} {v['legit_held']:>5}")
    else:
        lines.append("cross-validated figures: none stored (run `make train`)")
    if verbose:
        for m in rep.misses:
            lines.append(f"  MISS {m['id']} {m['verdict']} {m['points']} {m['codes']} {m['text']}")
        for m in rep.false_positives:
            lines.append(f"  FP   {m['id']} {m['verdict']} {m['points']} {m['codes']} {m['text']}")
    lines.append("")
    if datasets is None:
        lines.append(
            f"datasets: skipped — {DATASETS_DIR} is absent (CI lays shared/ beside the repo)"
        )
    else:
        for d in datasets:
            lines.append(f"dataset {d.name}: {d.flagged}/{d.rows} flagged ({100 * d.rate:.1f}%)")
            for label, (f, n) in sorted(d.detail.items()):
                lines.append(f"  {label}: {f}/{n} flagged ({100 * f / n:.1f}%)")
    return "\n".join(lines)


def render(argv: list[str] | None = None) -> str:
    """The full report as text (what `main` prints and `manage.py trust_eval` writes)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and FPs")
    parser.add_argument("--no-model", action="store_true", help="rules only")
    parser.add_argument("--datasets", type=Path, default=DATASETS_DIR)
    args = parser.parse_args(argv)
    engine = Engine(model=None) if args.no_model else default_engine()
    rep = evaluate_corpus(engine=engine)
    ds = evaluate_datasets(args.datasets, engine)
    return format_report(rep, ds, args.verbose)


def main(argv: list[str] | None = None) -> int:
    print(render(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
