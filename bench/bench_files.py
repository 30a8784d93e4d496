"""Benchmark: screening throughput for attached files — a 1 MB photo and a 20-page PDF.

A standalone script; no database (the trust engine is a plain library, and the files app's
readers need only the settings). It makes its inputs itself:

- a ~1 MB JPEG photo (2,200 × 1,650, textured like a photo) with a caption line carrying a
  phone number, and EXIF with a GPS position;
- a 20-page PDF (WeasyPrint, Noto Sans CJK) of a Japanese job brief with a phone number on the
  last page.

For each it times, over `--runs` runs (median and max), every step a file takes in
`files.actions.prepare_attachments`: `inspect` (kind by content, the image re-encoded without
metadata, the PDF opened and counted), reading its text (`extraction.full_parts`: QR codes, OCR
for the image; every page's text and the codes in embedded images for the PDF) and the trust
engine's assessment of that text before escrow — and prints the total and the files per minute
one core gets through. Run the queue with more `db_worker` processes for more.

Exit status 1 if a planted contact detail is not found (the phone number in the photo's
caption, the one on page 20): the timings would then be of a screening that does not work.

    .venv/bin/python bench/bench_files.py
    .venv/bin/python bench/bench_files.py --runs 5
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONE = "090-1234-5678"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def configure(var_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "yorozu.settings"
    os.environ["YOROZU_VAR_DIR"] = var_dir
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def photo_1mb() -> bytes:
    """A photo-like JPEG of about 1 MB with a caption that gives a phone number away."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(7)
    # Soft shapes (a scene) under a light grain (what makes a real photo weigh a megabyte).
    scene = Image.frombytes("RGB", (32, 24), rng.randbytes(32 * 24 * 3))
    image = scene.resize((2200, 1650), Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", (2200, 1650), rng.randbytes(2200 * 1650)).point(lambda v: v // 3)
    image = Image.blend(image, Image.merge("RGB", (grain,) * 3), 0.2)
    draw = ImageDraw.Draw(image)
    draw.rectangle([100, 1360, 2100, 1600], fill="white")
    face = ImageFont.truetype(FONT, 96)
    draw.text((140, 1410), f"お問い合わせ: {PHONE}", font=face, fill="black")
    exif = Image.Exif()
    exif[0x010F] = "BenchCamera"
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=94, exif=exif.tobytes())
    return out.getvalue()


def pdf_20_pages() -> bytes:
    from weasyprint import HTML

    paragraph = (
        "カフェの新装開店に合わせて、ロゴとショップカード、看板のデザインをお願いします。"
        "深緑と生成りを基調に、手書き風の温かみのある雰囲気を希望します。"
    )
    pages = []
    for n in range(1, 21):
        extra = f"<p>ご不明点はお電話で {PHONE} までお願いします。</p>" if n == 20 else ""
        pages.append(
            f"<section class='page'><h1>依頼概要 {n}/20</h1>" + f"<p>{paragraph}</p>" * 12 + extra
        )
    html = (
        "<html lang='ja'><head><style>body{font-family:'Noto Sans CJK JP'}"
        ".page{page-break-after:always}</style></head><body>" + "".join(pages) + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def bench(label: str, name: str, data: bytes, expected_code: str, runs: int) -> bool:
    from yorozu.files import extraction
    from yorozu.files.inspection import inspect
    from yorozu.trust.engine import Context, default_engine

    engine = default_engine()
    context = Context(kind="message", stage="pre_contract", sender_role="worker")
    steps: dict[str, list[float]] = {"inspect": [], "read text": [], "assess": [], "total": []}
    found = True
    chars = 0
    for _ in range(runs):
        t_inspect, item = timed(lambda: inspect(name, data))
        t_read, parts = timed(
            lambda item=item: extraction.full_parts(item.name, item.media_type, item.data)
        )
        text = extraction.joined(parts)
        chars = len(text)
        t_assess, assessment = timed(lambda text=text: engine.assess(text, context))
        steps["inspect"].append(t_inspect)
        steps["read text"].append(t_read)
        steps["assess"].append(t_assess)
        steps["total"].append(t_inspect + t_read + t_assess)
        codes = {r.code for r in assessment.reasons}
        found = found and expected_code in codes
    median_total = statistics.median(steps["total"])
    print(f"\n{label}: {len(data) / 1_000_000:.2f} MB, {chars:,} characters read, {runs} runs")
    print(f"  {'step':<10} {'median ms':>10} {'max ms':>10}")
    for step, values in steps.items():
        print(f"  {step:<10} {statistics.median(values) * 1000:>10.0f} {max(values) * 1000:>10.0f}")
    print(f"  throughput: {60 / median_total:.1f} files per minute on one core")
    print(f"  planted {expected_code}: {'found' if found else 'NOT FOUND'}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="yorozu-bench-files-") as var_dir:
        configure(var_dir)
        photo = photo_1mb()
        pdf = pdf_20_pages()
        ok = bench("1 MB photo (JPEG, OCR + QR)", "photo.jpg", photo, "contact.phone", args.runs)
        ok = (
            bench("20-page PDF (text + codes)", "brief.pdf", pdf, "contact.phone", args.runs) and ok
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
