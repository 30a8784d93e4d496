"""Score the trust engine on the sealed blind sets in eval/blind/, printing figures only.

    python scripts/eval_blind.py                 # every round's history, as recorded
    python scripts/eval_blind.py --round 01      # score round 01 with the engine as it is now
    python scripts/eval_blind.py --round 01 --record "engine gen 1 (main abc123)"
                                                 # ... and append the figures to the history

A blind set is written by someone who has not read the engine or its corpus; its first score
(the "first touch") is the figure that counts, recorded before anyone reads its misses. This
script never prints a case: `--misses` does, and is for after the first touch is recorded.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yorozu.trust.engine import Context, default_engine  # noqa: E402
from yorozu.trust.engine.values import KINDS  # noqa: E402

BLIND = ROOT / "eval" / "blind"
HISTORY = BLIND / "history.jsonl"
# The product's kinds as the engine knows them (yorozu.trust.screening.POLICIES); an engine that
# does not know a kind reads it as a profile text (the first generation had no "review").
ENGINE_KIND = {"review": "review" if "review" in KINDS else "profile"}


def load(round_name: str) -> list[dict]:
    path = BLIND / f"round-{round_name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def assess(engine, case: dict):
    kind = ENGINE_KIND.get(case["kind"], case["kind"])
    text = case["text"]
    if case["kind"] == "job" and case.get("title"):
        text = f"{case['title']}\n{text}"
    extra = {}
    if case.get("earlier") and "earlier" in Context.__dataclass_fields__:
        extra["earlier"] = tuple(case["earlier"])
    ctx = Context(
        kind=kind,
        stage=case.get("stage", "pre_contract"),
        sender_role=case.get("sender_role", "worker"),
        job_title=case.get("job_title"),
        job_text=case.get("job_text"),
        **extra,
    )
    return engine.assess(text, ctx)


def score(cases: list[dict]) -> tuple[dict, list[tuple[dict, str]]]:
    engine = default_engine()
    flags = [c for c in cases if c["label"] == "flag"]
    oks = [c for c in cases if c["label"] == "ok"]
    verdicts = {c["id"]: assess(engine, c).verdict for c in cases}
    caught = [c for c in flags if verdicts[c["id"]] != "allow"]
    flagged_ok = [c for c in oks if verdicts[c["id"]] != "allow"]
    stopped_ok = [c for c in oks if verdicts[c["id"]] in ("hold", "block")]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for c in cases:
        k = by_kind[c["kind"]]
        if c["label"] == "flag":
            k["flag"] += 1
            k["caught"] += verdicts[c["id"]] != "allow"
        else:
            k["ok"] += 1
            k["flagged_ok"] += verdicts[c["id"]] != "allow"
            k["stopped_ok"] += verdicts[c["id"]] in ("hold", "block")
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in flags:
        by_category[c["category"]][0] += 1
        by_category[c["category"]][1] += verdicts[c["id"]] != "allow"
    figures = {
        "cases": len(cases),
        "recall": [len(caught), len(flags)],
        "legit_flagged": [len(flagged_ok), len(oks)],
        "legit_held_or_blocked": len(stopped_ok),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "recall_by_category": {k: v for k, v in sorted(by_category.items())},
    }
    misses = [(c, verdicts[c["id"]]) for c in flags if verdicts[c["id"]] == "allow"]
    misses += [(c, verdicts[c["id"]]) for c in flagged_ok]
    return figures, misses


def pct(pair: list[int]) -> str:
    n, d = pair
    return f"{100 * n / d:.1f} % ({n}/{d})" if d else "n/a"


def show(round_name: str, figures: dict, label: str = "") -> None:
    print(f"round {round_name}{' — ' + label if label else ''}: {figures['cases']} cases")
    print(f"  recall                     {pct(figures['recall'])}")
    print(f"  legitimate flagged         {pct(figures['legit_flagged'])}")
    print(f"  legitimate held/blocked    {figures['legit_held_or_blocked']}")
    for kind, k in figures["by_kind"].items():
        print(
            f"  {kind:<9} recall {pct([k.get('caught', 0), k.get('flag', 0)]):<18}"
            f" legit flagged {pct([k.get('flagged_ok', 0), k.get('ok', 0)]):<16}"
            f" held/blocked {k.get('stopped_ok', 0)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--round", help="score this round now (e.g. 01)")
    parser.add_argument("--record", help="append the figures to the history with this label")
    parser.add_argument("--misses", action="store_true", help="print the cases it got wrong")
    args = parser.parse_args()
    if not args.round:
        if not HISTORY.exists():
            print("no blind set has been scored yet")
            return
        for line in HISTORY.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            tag = "first touch" if row.get("first_touch") else "later"
            show(row["round"], row["figures"], f"{row['date']}, {row['label']} ({tag})")
        return
    figures, misses = score(load(args.round))
    show(args.round, figures)
    if args.record:
        earlier = []
        if HISTORY.exists():
            earlier = [json.loads(x) for x in HISTORY.read_text(encoding="utf-8").splitlines()]
        row = {
            "round": args.round,
            "date": datetime.date.today().isoformat(),
            "label": args.record,
            # The first figures recorded for an engine generation on a round count as its
            # first touch; the label names the generation.
            "first_touch": not any(
                r["round"] == args.round and r["label"] == args.record for r in earlier
            ),
            "figures": figures,
        }
        with HISTORY.open("a", encoding="utf-8") as out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.misses:
        for case, verdict in misses:
            print(json.dumps({"verdict": verdict, **case}, ensure_ascii=False))


if __name__ == "__main__":
    main()
