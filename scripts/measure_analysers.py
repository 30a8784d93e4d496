"""Measure the Japanese analysers the trust engine could use: speed and resident memory.

Each candidate runs in its own subprocess (so memory figures are its own): load time, RSS
after loading and after analysing every text (split into anonymous and file-backed pages:
dictionaries are memory-mapped, so most of their pages are shared between processes and can be
dropped by the kernel), then throughput and p50/p99 latency on ~200-character messages and on
1,500-character postings built from the corpus. Candidates that are not installed are skipped:

* ``sudachi``  — SudachiPy + sudachidict_core, split mode C, reading surface, POS, normalised
  form (what `yorozu.trust.engine.analysis` reads); the engine's dependency;
* ``fugashi``  — fugashi + unidic-lite, reading surface, POS and lemma;
* ``ginza``    — spaCy + ja_ginza (dependency parse), the whole pipeline.

    .venv/bin/python scripts/measure_analysers.py            # every installed candidate
    .venv/bin/python scripts/measure_analysers.py sudachi    # one

Timings are for reading on a shared machine: compare candidates measured in the same run.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "yorozu" / "trust" / "corpus"
CANDIDATES = ("sudachi", "fugashi", "ginza")


def _mem() -> dict[str, float]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile"):
            out[key] = int(value.split()[0]) / 1024
    return out


def _texts() -> tuple[list[str], list[str]]:
    rows = []
    for path in sorted(CORPUS.glob("**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    continue
    ja = [r["text"] for r in rows if r.get("lang") == "ja" and isinstance(r.get("text"), str)]
    fill = [t for t in ja if len(t) < 80] or ja
    short = []
    for i, t in enumerate(ja[:400]):
        j = i
        while len(t) < 200:
            t += fill[j % len(fill)]
            j += 3
        short.append(t[:200])
    joined = "\n".join(ja)
    long = [joined[i : i + 1500] for i in range(0, min(len(joined), 30 * 1500), 1500)]
    return short, long


def _loader(name: str):
    if name == "sudachi":
        from sudachipy import Dictionary, SplitMode

        tok = Dictionary(dict="core").tokenizer(mode=SplitMode.C)

        def run(t: str) -> list:
            return [(m.surface(), m.part_of_speech(), m.normalized_form()) for m in tok.tokenize(t)]

        return run
    if name == "fugashi":
        import fugashi

        tagger = fugashi.Tagger()

        def run(t: str) -> list:
            return [(w.surface, w.feature.pos1, w.feature.lemma) for w in tagger(t)]

        return run
    if name == "ginza":
        import spacy

        nlp = spacy.load("ja_ginza")

        def run(t: str) -> list:
            return [(x.text, x.pos_, x.dep_, x.head.i) for x in nlp(t)]

        return run
    raise ValueError(name)


def _lat(fn, texts: list[str], reps: int) -> tuple[float, float, float]:
    lat = []
    for _ in range(reps):
        for t in texts:
            a = time.perf_counter()
            fn(t)
            lat.append(time.perf_counter() - a)
    lat.sort()
    n = len(lat)
    return n / sum(lat), lat[n // 2], lat[min(n - 1, int(n * 0.99))]


def measure(name: str) -> None:
    short, long = _texts()
    m0 = _mem()
    t0 = time.perf_counter()
    try:
        fn = _loader(name)
    except (ImportError, OSError) as exc:
        print(f"{name}: not installed ({exc.__class__.__name__}: {exc})")
        return
    load = time.perf_counter() - t0
    m1 = _mem()
    for t in short + long:
        fn(t)
    m2 = _mem()
    gc.disable()
    reps_short, reps_long = (1, 2) if name == "ginza" else (3, 10)
    s_rate, s50, s99 = _lat(fn, short, reps_short)
    _, l50, l99 = _lat(fn, long, reps_long)
    print(
        f"{name}: load {load * 1000:.0f} ms; RSS +{m1['VmRSS'] - m0['VmRSS']:.0f} MB after load, "
        f"+{m2['VmRSS'] - m0['VmRSS']:.0f} MB after use "
        f"(anonymous +{m2['RssAnon'] - m0['RssAnon']:.0f}"
        f", file-backed +{m2['RssFile'] - m0['RssFile']:.0f})\n"
        f"    {len(short)} texts of 200 chars: {s_rate:,.0f}/s, p50 {s50 * 1e6:.0f} µs, "
        f"p99 {s99 * 1e6:.0f} µs; {len(long)} texts of 1,500 chars: p50 {l50 * 1e3:.2f} ms, "
        f"p99 {l99 * 1e3:.2f} ms"
    )


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1].startswith("--one="):
        measure(argv[1].split("=", 1)[1])
        return 0
    names = argv[1:] or list(CANDIDATES)
    for name in names:
        subprocess.run([sys.executable, __file__, f"--one={name}"], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
