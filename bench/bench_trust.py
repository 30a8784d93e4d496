"""Benchmark: the trust engine on ~200-character messages, next to a floor measured in the same run.

A standalone script (no Django). It builds its texts from the labelled corpus: each corpus row is
padded with ordinary chat lines of the same language to ~200 characters, so half the messages
carry one violation and half are clean, as in the corpus. Then it prints:

* throughput (assessments per second on one core) and p50/p99 latency of `assess` with the full
  shipped rule set and model;
* the floor over the same texts: NFKC plus one precompiled regex pass (e-mail/phone/URL) — the
  least any normalising filter must do — and the ratio engine/floor (compare ratios, not
  milliseconds: the machines are shared and noisy);
* recall, false-positive rate and hold/block-on-legitimate on the corpus, rules alone and with
  the model;
* resident memory added by importing the engine and building the default engine.

Targets (issue 3): >= 10,000 assessments/s, p99 <= 1 ms, recall >= 97 %, FP <= 2 %, no hold or
block on legitimate text, <= 150 MB added RSS. Timings are printed, never asserted; the exit
status is 1 only when a corpus floor (recall, FP, holds) is broken.

    .venv/bin/python bench/bench_trust.py              # 20 passes over 547 messages
    .venv/bin/python bench/bench_trust.py --passes 5
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


def time_each(fn, texts: list[str], passes: int) -> tuple[float, list[float]]:
    lat: list[float] = []
    clock = time.perf_counter
    gc.disable()
    try:
        start = clock()
        for _ in range(passes):
            for t in texts:
                a = clock()
                fn(t)
                lat.append(clock() - a)
        total = clock() - start
    finally:
        gc.enable()
    lat.sort()
    return len(lat) / total, lat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=20, help="timed passes over the texts")
    parser.add_argument("--length", type=int, default=200, help="characters per message")
    args = parser.parse_args(argv)

    base_rss = rss_mb()
    from yorozu.trust.engine import Context, Engine, default_engine
    from yorozu.trust.engine.evaluate import evaluate_corpus, load_corpus

    t0 = time.perf_counter()
    engine = default_engine()
    engine.assess("LINE交換しませんか？", Context())
    build_s = time.perf_counter() - t0
    engine_rss = rss_mb() - base_rss

    rows = load_corpus()
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
    eng_rate, eng_lat = time_each(lambda t: engine.assess(t, ctx), texts, args.passes)
    flo_rate, flo_lat = time_each(floor, texts, args.passes)

    print(f"trust engine: {len(texts)} messages of ~{args.length} chars, {args.passes} passes")
    print(f"{'':22} {'per s':>10} {'p50 µs':>9} {'p99 µs':>9}")
    for name, rate, lat in (
        ("engine (full rules)", eng_rate, eng_lat),
        ("floor (NFKC+1 regex)", flo_rate, flo_lat),
    ):
        print(f"{name:22} {rate:10,.0f} {pct(lat, 0.5) * 1e6:9.1f} {pct(lat, 0.99) * 1e6:9.1f}")
    print(
        f"ratio engine/floor: throughput x{flo_rate / eng_rate:.1f} slower, "
        f"p50 x{pct(eng_lat, 0.5) / pct(flo_lat, 0.5):.1f}, "
        f"p99 x{pct(eng_lat, 0.99) / pct(flo_lat, 0.99):.1f}"
    )
    clean = [t for t, r in zip(texts, rows, strict=True) if r["label"] == "allow"]
    c_rate, c_lat = time_each(lambda t: engine.assess(t, ctx), clean, max(1, args.passes // 2))
    print(
        f"legitimate messages only: {c_rate:,.0f}/s, p50 {pct(c_lat, 0.5) * 1e6:.1f} µs, "
        f"p99 {pct(c_lat, 0.99) * 1e6:.1f} µs"
    )
    print(
        f"engine build: {build_s * 1000:.0f} ms; "
        f"RSS added by the loaded engine: {engine_rss:.1f} MB"
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
    return status


if __name__ == "__main__":
    sys.exit(main())
