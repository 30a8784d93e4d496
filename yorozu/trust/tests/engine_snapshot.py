"""Snapshot of what the trust engine decides, to prove an optimisation changes nothing.

`fixtures/engine_snapshot.json` holds, for every case below, the verdict, score, points and every
reason (code, category, weight and the span in the original text) — live and shadow — as the
engine produced them before the speed work (commit the file; regenerate it only when a change
of behaviour is intended, and say so in the commit):

    .venv/bin/python -m yorozu.trust.tests.engine_snapshot          # rewrite the fixture

Cases, all deterministic:

* ``corpus``: every corpus row in its own context, with the default engine;
* ``corpus_ctx``: every corpus row again in three other contexts (post-contract message, job,
  post-contract profile), so rules scoped by kind and stage are exercised both ways;
* ``corpus_rules``: every corpus row with the rules alone (``Engine(model=None)``);
* ``corpus_shadow``: every corpus row with every third shipped rule put in the shadow state
  (the way the console builds engines from database rows);
* ``bench``: the ~200-character messages `bench/bench_trust.py` times;
* ``mixed``: 1,500 texts stitched from random corpus fragments, obfuscation tricks, digit runs
  and noise (a fixed linear congruential generator, so no library version can change them);
* ``dataset:<file>``: every text of the shared datasets in ../shared/datasets (when present),
  keyed by position, with a digest of the text so a changed dataset is reported as such.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from yorozu.trust.engine import Assessment, Context, Engine, default_engine
from yorozu.trust.engine.evaluate import DATASETS_DIR, context_for, load_corpus, text_for
from yorozu.trust.engine.rules import DEFAULT_RULES

FIXTURE = Path(__file__).with_name("fixtures") / "engine_snapshot.json"

EXTRA_CONTEXTS = (
    Context(kind="message", stage="post_contract"),
    Context(kind="job", stage="pre_contract", sender_role="client"),
    Context(kind="profile", stage="post_contract"),
)
PRE = Context(kind="message", stage="pre_contract")

# Pieces the mixed texts are stitched from, besides corpus fragments.
_TRICKS = (
    "ＬＩＮＥ",
    "ﾗｲﾝ",
    "l i n e",
    "L.I.N.E",
    "ら・い・ん",
    "li○e",
    "lіne",
    "l\u200bine",
    "あっとまーく",
    "[at]",
    " アット ",
    "ドット",
    "[dot]",
    "gmail.com",
    "ｇｍａｉｌ．ｃｏｍ",
    "〇九〇一二三四五六七八",
    "ぜろきゅうぜろのいちにさんよん",
    "zero nine zero one two three four five six seven",
    "090-1234-5678",
    "０９０ー１２３４ー５６７８",
    "+81 90 1234 5678",
    "〒123-4567",
    "2026-11-28",
    "型番 0120-123-456",
    "月30万円",
    "日給3万",
    "¥300,000/month",
    "$500 a day",
    "https://example.com/x",
    "line.me/R/ti/p/@abc",
    "@property",
    "交換しませんか",
    "禁止です",
    "しないでください",
    "契約後に",
    "詐欺に注意",
    "ではありません",
    "、",
    "。",
    "\n",
    "!",
    " ",
    "ｶﾞｷﾞｸﾞ",
    "e\u0301",
    "\U0001d425\U0001d422\U0001d427\U0001d41e",
)


def _lcg(seed: int) -> Iterator[int]:
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield x >> 33


def mixed_texts(rows: list[dict], count: int = 1500) -> list[str]:
    rnd = _lcg(20261128)
    corpus = [r["text"] for r in rows]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(2 + next(rnd) % 7):
            pick = next(rnd) % 3
            if pick == 0:
                t = corpus[next(rnd) % len(corpus)]
                a = next(rnd) % max(1, len(t))
                parts.append(t[a : a + 5 + next(rnd) % 60])
            else:
                parts.append(_TRICKS[next(rnd) % len(_TRICKS)])
        out.append("".join(parts))
    return out


def bench_texts(rows: list[dict], length: int = 200) -> list[str]:
    """The texts `bench/bench_trust.py` builds (kept in step with it)."""
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
        while len(t) < length:
            f = fill[r["lang"]]
            t, j = t + sep + f[j % len(f)], j + 3
        texts.append(t[:length])
    return texts


def dataset_texts(directory: Path = DATASETS_DIR) -> dict[str, list[str]]:
    """Every text of the shared datasets, in file order ({} when the folder is absent)."""
    out: dict[str, list[str]] = {}
    if not directory.is_dir():
        return out
    ja = directory / "ja_inspection_toxic_subset.csv"
    if ja.exists():
        with ja.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            col = next((c for c in (reader.fieldnames or []) if c.lower() == "text"), None)
            out[ja.name] = [r[col] for r in reader if col and r.get(col)]
    sms = directory / "sms_spam_collection.tsv"
    if sms.exists():
        with sms.open(encoding="utf-8", errors="replace") as fh:
            out[sms.name] = [text for line in fh if (text := line.rstrip("\n").partition("\t")[2])]
    return out


def shadow_engine() -> Engine:
    rules = [replace(r, state="shadow") if i % 3 == 0 else r for i, r in enumerate(DEFAULT_RULES)]
    return Engine(rules=rules)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def record(a: Assessment) -> list:
    """An assessment as plain JSON data: everything a caller can observe, messages aside."""
    return [
        a.verdict,
        a.score,
        a.points,
        [[r.code, r.category, r.weight, r.start, r.end] for r in a.reasons],
        [[r.code, r.category, r.weight, r.start, r.end] for r in a.shadow],
    ]


def cases(include_datasets: bool = True) -> Iterator[tuple[str, str, Engine, str, Context]]:
    """(group, key, engine, text, context) for every case, in a fixed order."""
    rows = load_corpus(generations=("",))
    eng = default_engine()
    rules_only = Engine(model=None)
    shadow = shadow_engine()
    for r in rows:
        yield "corpus", r["id"], eng, text_for(r), context_for(r)
    for r in rows:
        for ctx in EXTRA_CONTEXTS:
            yield "corpus_ctx", f"{r['id']}@{ctx.kind}/{ctx.stage}", eng, text_for(r), ctx
    for r in rows:
        yield "corpus_rules", r["id"], rules_only, text_for(r), context_for(r)
    for r in rows:
        yield "corpus_shadow", r["id"], shadow, text_for(r), context_for(r)
    for i, t in enumerate(bench_texts(rows)):
        yield "bench", str(i), eng, t, PRE
    for i, t in enumerate(mixed_texts(rows)):
        yield "mixed", str(i), eng, t, PRE
    if include_datasets:
        for name, texts in dataset_texts().items():
            for i, t in enumerate(texts):
                yield f"dataset:{name}", f"{i}:{digest(t)}", eng, t, PRE


def snapshot(include_datasets: bool = True) -> dict[str, dict[str, list]]:
    out: dict[str, dict[str, list]] = {}
    for group, key, eng, text, ctx in cases(include_datasets):
        out.setdefault(group, {})[key] = record(eng.assess(text, ctx))
    return out


def main() -> int:
    data = snapshot()
    if not any(g.startswith("dataset:") for g in data):
        print(f"warning: {DATASETS_DIR} absent; the fixture will hold no dataset cases")
    FIXTURE.parent.mkdir(exist_ok=True)
    with FIXTURE.open("w", encoding="utf-8") as fh:
        fh.write("{\n")
        groups = list(data)
        for gi, g in enumerate(groups):
            fh.write(f"{json.dumps(g)}: {{\n")
            items = list(data[g].items())
            for i, (k, v) in enumerate(items):
                sep = "," if i < len(items) - 1 else ""
                fh.write(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{sep}\n")
            fh.write("}" + ("," if gi < len(groups) - 1 else "") + "\n")
        fh.write("}\n")
    total = sum(len(v) for v in data.values())
    print(f"wrote {FIXTURE}: {total} cases in {len(data)} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
