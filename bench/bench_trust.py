"""Benchmark: the trust engine on ~200-character messages, next to a floor measured in the same run.

A standalone script (no Django). It builds its texts from the labelled corpus: each corpus row is
padded with ordinary chat lines of the same language to ~200 characters, so half the messages
carry one violation and half are clean, as in the corpus. Then it prints:

* throughput (assessments per second on one core) and p50/p99 latency of `assess` with the full
  shipped rule set and model;
* the floor over the same texts: NFKC plus one precompiled regex pass (e-mail/phone/URL) — the
  least any normalising filter must do — and the ratio engine/floor (compare ratios, not
  milliseconds: the machines are shared and noisy). Engine and floor passes alternate, so both
  see the same load;
* the same figures "best of passes": each text's fastest time over the passes, which removes
  the scheduler's preemptions (a shared core hands our process a 4 ms time slice now and then,
  which alone puts the raw p99 at ~4 ms once more than 1 % of calls are hit);
* the slowest of a set of pathological 200-character texts (long digit and kana runs, many
  triggers, combining marks, split letters...) and of the same at 2,000 characters, best of 5;
* recall, false-positive rate and hold/block-on-legitimate on the corpus, rules alone and with
  the model;
* resident memory added by importing the engine and building the default engine, and after
  the analyser has read postings (its dictionary is memory-mapped: those pages count in RSS);
* postings: 1,500-character postings from the corpus assessed as jobs (the analyser's deeper
  stage runs on every one), p50/p99, raw and best of passes (budget: p99 <= 50 ms);
* trust_scan: the JSON-lines path of `manage.py trust_scan` (`cli.scan_lines`) over the same
  messages, against a floor that parses and writes the same JSON lines around NFKC + one regex
  (budget: >= 5,000 lines/s and within 4x of that floor), and `manage.py trust_scan` run as a
  process on 10,000 lines, start-up included.

Targets (issues 3 and 14): >= 10,000 assessments/s, p99 <= 1 ms, recall >= 97 %, FP <= 2 % and
no hold or block on legitimate text on the first-generation corpus, engine and models <= 400 MB
resident, postings p99 <= 50 ms, trust_scan >= 5,000 lines/s and <= 4x its floor. Timings are
printed, never asserted; the exit status is 1 only when a corpus floor (recall, FP, holds) is
broken.

    .venv/bin/python bench/bench_trust.py              # 20 passes over 547 messages
    .venv/bin/python bench/bench_trust.py --passes 5
    .venv/bin/python bench/bench_trust.py --profile    # + cProfile top functions, stage costs
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; ru_maxrss as a fallback)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


FLOOR_RE = re.compile(
    r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|0\d{1,4}-?\d{1,4}-?\d{4}|https?://\S+", re.IGNORECASE
)


def floor(text: str) -> int:
    return sum(1 for _ in FLOOR_RE.finditer(unicodedata.normalize("NFKC", text)))


def pct(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def time_passes(fns: dict, texts: list[str], passes: int) -> dict[str, dict]:
    """Time each function over every text, `passes` times, alternating the functions pass by
    pass so that they share the machine's load. Returns, per function, the raw per-call
    latencies, the total time, and each text's best time over the passes."""
    clock = time.perf_counter
    out = {name: {"lat": [], "total": 0.0, "best": [float("inf")] * len(texts)} for name in fns}
    gc.disable()
    try:
        for _ in range(passes):
            for name, fn in fns.items():
                rec = out[name]
                lat = rec["lat"]
                best = rec["best"]
                start = clock()
                for i, t in enumerate(texts):
                    a = clock()
                    fn(t)
                    d = clock() - a
                    lat.append(d)
                    if d < best[i]:
                        best[i] = d
                rec["total"] += clock() - start
    finally:
        gc.enable()
    for rec in out.values():
        rec["lat"].sort()
        rec["best_sorted"] = sorted(rec["best"])
    return out


PATHOLOGICAL = {
    "digit run": "0",
    "digits and dashes": "0-",
    "kana digit words": "ぜろ",
    "kanji digits": "〇一二三四五六七八九",
    "one kana": "あ",
    "katakana app name": "ライン",
    "split letters": "l i n e ",
    "split kana": "ら・",
    "at signs": "a@",
    "dotted": "a.",
    "amounts": "月30万円",
    "many triggers": "LINE交換しませんか？電話090-1234-5678、メール a@b.jp ",
    "plus signs": "+1 ",
    "handles": "line id: abc ",
    "quoted search": "「あ」で検索",
    "half-width voiced": "ｶﾞ",
    "combining accents": "e\u0301",
    "urls": "https://a.com/",
    "negations": "LINEは禁止ではありませんが、",
    "homoglyphs": "lіnе ",
}


def worst_cases(assess, length: int) -> tuple[str, float]:
    worst = ("", 0.0)
    for name, unit in PATHOLOGICAL.items():
        text = (unit * (length // len(unit) + 1))[:length]
        best = float("inf")
        for _ in range(5):
            a = time.perf_counter()
            assess(text)
            best = min(best, time.perf_counter() - a)
        if best > worst[1]:
            worst = (name, best)
    return worst


def profile(engine, ctx, texts: list[str]) -> None:
    """cProfile of the engine over the texts, then each stage's cost, best of 7."""
    import cProfile
    import pstats

    from yorozu.trust.engine import normalize

    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        engine.assess(t, ctx)
    prof.disable()
    print("\n--profile: top functions by own time (cProfile inflates small calls)")
    pstats.Stats(prof).sort_stats("tottime").print_stats(18)

    norms = [normalize(t) for t in texts]
    model = engine.model
    stages = {
        "NFKC alone (reference)": lambda: [unicodedata.normalize("NFKC", t) for t in texts],
        "normalize": lambda: [normalize(t) for t in texts],
        "keyword scan": lambda: [engine._scan(n, ctx) for n in norms],
        "model (if run on every text)": lambda: [model.probability(n.text) for n in norms],
        "assess (everything)": lambda: [engine.assess(t, ctx) for t in texts],
    }
    best = dict.fromkeys(stages, float("inf"))
    for _ in range(7):
        for name, fn in stages.items():
            a = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - a)
    print("stage costs per text, best of 7:")
    for name, v in best.items():
        print(f"  {name:30} {v / len(texts) * 1e6:8.1f} µs")


def bench_postings(engine, passes: int) -> None:
    """1,500-character postings (corpus postings, joined and cut) assessed as jobs."""
    from yorozu.trust.engine import Context
    from yorozu.trust.engine.evaluate import load_corpus

    jobs = [r for r in load_corpus() if r["kind"] == "job" and len(r["text"]) >= 200]
    if not jobs:
        print("postings: no postings in the corpus")
        return
    posts = []
    for i in range(0, min(len(jobs), 600), 3):
        t = "\n".join(r["text"] for r in jobs[i : i + 3])
        posts.append(t[:1500])
    ctx = Context(kind="job", sender_role="client")
    for t in posts[:20]:
        engine.assess(t, ctx)
    res = time_passes({"postings": lambda t: engine.assess(t, ctx)}, posts, max(2, passes // 4))
    rec = res["postings"]
    print(
        f"postings: {len(posts)} of 1,500 chars as jobs: p50 {pct(rec['lat'], 0.5) * 1e3:.2f} ms, "
        f"p99 {pct(rec['lat'], 0.99) * 1e3:.2f} ms; best of passes p50 "
        f"{pct(rec['best_sorted'], 0.5) * 1e3:.2f} ms, "
        f"p99 {pct(rec['best_sorted'], 0.99) * 1e3:.2f} ms"
    )


def bench_scan(texts: list[str], passes: int) -> None:
    """The trust_scan JSON-lines path against a floor doing the same I/O around NFKC + 1 regex."""
    import json
    import subprocess
    import tempfile

    from yorozu.trust.engine import cli

    lines = [
        json.dumps({"id": i, "kind": "message", "text": t}, ensure_ascii=False)
        for i, t in enumerate(texts)
    ]

    def floor_line(line: str) -> str:
        rec = json.loads(line)
        return json.dumps({"id": rec["id"], "n": floor(rec["text"])}, ensure_ascii=False)

    def scan_all() -> None:
        for _ in cli.scan_lines(lines):
            pass

    def floor_all() -> None:
        for line in lines:
            floor_line(line)

    scan_all()
    best_scan = best_floor = float("inf")
    for _ in range(max(3, passes // 2)):
        a = time.perf_counter()
        scan_all()
        best_scan = min(best_scan, time.perf_counter() - a)
        a = time.perf_counter()
        floor_all()
        best_floor = min(best_floor, time.perf_counter() - a)
    n = len(lines)
    print(
        f"trust_scan lines (in process, best of passes): {n / best_scan:,.0f} lines/s; floor "
        f"(JSON in and out around NFKC + 1 regex) {n / best_floor:,.0f} lines/s; ratio "
        f"x{best_scan / best_floor:.1f}"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for i in range(10_000):
            fh.write(lines[i % n] + "\n")
        path = fh.name
    manage = ROOT / "manage.py"
    a = time.perf_counter()
    with open(path, encoding="utf-8") as stdin:
        done = subprocess.run(
            [sys.executable, str(manage), "trust_scan"],
            stdin=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
    wall = time.perf_counter() - a
    Path(path).unlink()
    got = done.stdout.count("\n")
    print(
        f"manage.py trust_scan as a process: {got:,} lines in {wall:.2f} s = {got / wall:,.0f} "
        f"lines/s, start-up included (exit {done.returncode})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=20, help="timed passes over the texts")
    parser.add_argument("--length", type=int, default=200, help="characters per message")
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile and per-stage costs"
    )
    args = parser.parse_args(argv)

    base_rss = rss_mb()
    from yorozu.trust.engine import Context, Engine, default_engine
    from yorozu.trust.engine.evaluate import evaluate_corpus, load_corpus

    t0 = time.perf_counter()
    engine = default_engine()
    engine.assess("LINE交換しませんか？", Context())
    build_s = time.perf_counter() - t0
    engine_rss = rss_mb() - base_rss

    rows = load_corpus(generations=("",))
    fill = {
        lang: [
            r["text"]
            for r in rows
            if r["label"] == "allow" and r["lang"] == lang and r["category"] == "legit_chat"
        ]
        for lang in ("ja", "en")
    }
    texts = []
    for i, r in enumerate(rows):
        t, j = r["text"], i
        sep = " " if r["lang"] == "en" else ""
        while len(t) < args.length:
            f = fill[r["lang"]]
            t, j = t + sep + f[j % len(f)], j + 3
        texts.append(t[: args.length])
    ctx = Context(kind="message", stage="pre_contract")

    for t in texts:  # warm-up: lazy structures, caches
        engine.assess(t, ctx)
        floor(t)
    fns = {"engine (full rules)": lambda t: engine.assess(t, ctx), "floor (NFKC+1 regex)": floor}
    res = time_passes(fns, texts, args.passes)
    eng, flo = res["engine (full rules)"], res["floor (NFKC+1 regex)"]
    n = len(texts)

    print(f"trust engine: {n} messages of ~{args.length} chars, {args.passes} passes")
    print(
        f"{'':22} {'per s':>10} {'p50 µs':>9} {'p99 µs':>9}   "
        f"{'best-of-passes: per s':>21} {'p50 µs':>8} {'p99 µs':>8}"
    )
    for name, rec in res.items():
        rate = len(rec["lat"]) / rec["total"]
        brate = n / sum(rec["best"])
        print(
            f"{name:22} {rate:10,.0f} {pct(rec['lat'], 0.5) * 1e6:9.1f} "
            f"{pct(rec['lat'], 0.99) * 1e6:9.1f}   {brate:21,.0f} "
            f"{pct(rec['best_sorted'], 0.5) * 1e6:8.1f} {pct(rec['best_sorted'], 0.99) * 1e6:8.1f}"
        )
    print(
        f"ratio engine/floor: throughput x{eng['total'] / flo['total']:.1f} slower, "
        f"p50 x{pct(eng['lat'], 0.5) / pct(flo['lat'], 0.5):.1f}, "
        f"p99 x{pct(eng['lat'], 0.99) / pct(flo['lat'], 0.99):.1f}; best-of-passes: "
        f"throughput x{sum(eng['best']) / sum(flo['best']):.1f}, "
        f"p50 x{pct(eng['best_sorted'], 0.5) / pct(flo['best_sorted'], 0.5):.1f}"
    )
    clean = [t for t, r in zip(texts, rows, strict=True) if r["label"] == "allow"]
    c = time_passes({"clean": lambda t: engine.assess(t, ctx)}, clean, max(2, args.passes // 2))
    c = c["clean"]
    print(
        f"legitimate messages only: {len(c['lat']) / c['total']:,.0f}/s, "
        f"p50 {pct(c['lat'], 0.5) * 1e6:.1f} µs, p99 {pct(c['lat'], 0.99) * 1e6:.1f} µs; "
        f"best-of-passes {len(clean) / sum(c['best']):,.0f}/s, "
        f"p99 {pct(c['best_sorted'], 0.99) * 1e6:.1f} µs"
    )
    for length in (args.length, 10 * args.length):
        name, worst = worst_cases(lambda t: engine.assess(t, ctx), length)
        print(f"slowest pathological text of {length} chars: {worst * 1e6:.1f} µs ({name})")
    print(
        f"engine build: {build_s * 1000:.0f} ms; "
        f"RSS added by the loaded engine: {engine_rss:.1f} MB"
    )

    bench_postings(engine, args.passes)
    bench_scan(texts, args.passes)
    print(
        f"RSS: {rss_mb():.0f} MB for the whole process after postings (engine, model, analyser "
        f"and its mapped dictionary pages; {rss_mb() - base_rss:.0f} MB above the bare "
        f"interpreter)"
    )

    status = 0
    for label, eng in (("rules + model", engine), ("rules only", Engine(model=None))):
        rep = evaluate_corpus(rows, eng)
        print(
            f"corpus ({label}): recall {100 * rep.recall:.1f}%  FP rate {100 * rep.fp_rate:.1f}%  "
            f"hold/block on legitimate {rep.holds_on_legit}  ({rep.flag_rows} violations, "
            f"{rep.allow_rows} legitimate)"
        )
        if rep.recall < 0.97 or rep.fp_rate > 0.02 or rep.holds_on_legit:
            status = 1
    if args.profile:
        profile(engine, ctx, texts)
    return status


if __name__ == "__main__":
    sys.exit(main())
