"""The text inside a file, read the ways a person would read it, for the screening door.

- every file: its name (the other party reads it);
- images: QR codes and other 2-D codes decoded (zxing-cpp), and the text OCR reads in it
  (Tesseract with its Japanese and English data, from the system packages);
- PDFs: the text of every page, and the codes in the images embedded in it;
- Word, Excel and PowerPoint (OOXML): the text of the document's parts;
- plain text: itself.

`quick_parts` is what costs milliseconds (the name and the codes): it runs while a file is
sent, whatever its size. `full_parts` adds what can take seconds (OCR, every page of a PDF),
run in the request for a small file and on the queue for a large one. Nothing here writes.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree

import zxingcpp
from django.conf import settings
from PIL import Image
from pypdf import PdfReader

logger = logging.getLogger(__name__)

Part = dict[str, str]
# A part that could not be read (OCR failed): the file is held for the secretariat.
UNREAD = "unread"
# Screening reads at most this much of one file (a 300-page PDF is read, a log dump is cut).
MAX_CHARS = 200_000
MAX_PDF_IMAGES = 50
# Two readings of an image: Tesseract's global threshold (clean screenshots: it keeps the dots
# of an address) and Sauvola's local one (a caption on a busy photo, which the global threshold
# drowns). Measured in bench/bench_files.py; each pass costs about the same.
OCR_PASSES = (("--psm", "3"), ("--psm", "3", "-c", "thresholding_method=2"))
OFFICE_TEXT_PARTS = re.compile(
    r"^(word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
    r"|xl/sharedStrings\.xml|xl/worksheets/sheet\d+\.xml"
    r"|ppt/(slides/slide\d+|notesSlides/notesSlide\d+)\.xml)$"
)


def quick_parts(name: str, media_type: str, data: bytes) -> list[Part]:
    parts: list[Part] = [{"source": "name", "text": name}]
    if media_type.startswith("image/"):
        parts += [{"source": "qr", "text": t} for t in codes_in_image(_open_image(data))]
    return parts


def full_parts(name: str, media_type: str, data: bytes) -> list[Part]:
    """Everything screening reads in a file, in order: name, codes, then the text."""
    parts = quick_parts(name, media_type, data)
    if media_type.startswith("image/"):
        try:
            text = ocr(data)
        except (OSError, subprocess.SubprocessError) as error:
            # Tesseract missing, failing or too slow: the image was not read, so it cannot pass
            # on its own (`screen_file` holds it for a person).
            logger.warning("OCR failed for %s: %s", name, error)
            parts.append({"source": UNREAD, "text": ""})
            text = ""
        if text:
            parts.append({"source": "ocr", "text": text})
    elif media_type == "application/pdf":
        reader = PdfReader(io.BytesIO(data))
        parts += [{"source": "qr", "text": t} for t in codes_in_pdf(reader)]
        text = pdf_text(reader)
        if text:
            parts.append({"source": "text", "text": text})
    elif media_type.startswith("application/vnd.openxmlformats"):
        text = office_text(data)
        if text:
            parts.append({"source": "text", "text": text})
    elif media_type == "text/plain":
        parts.append({"source": "text", "text": data.decode("utf-8-sig")[:MAX_CHARS]})
    return parts


def _open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def codes_in_image(image: Image.Image) -> list[str]:
    """The text of every QR code (and other 2-D or linear code) zxing-cpp finds in an image."""
    if image.mode not in ("L", "RGB", "RGBA"):
        image = image.convert("RGB")
    found = []
    for barcode in zxingcpp.read_barcodes(image):
        text = (barcode.text or "").strip()
        if text and text not in found:
            found.append(text)
    return found


def ocr(data: bytes) -> str:
    """The text Tesseract reads in an image (languages from FILES_OCR_LANGUAGES), once per pass
    of OCR_PASSES, one thread, each bounded by FILES_OCR_TIMEOUT_SECONDS; the passes' texts
    joined (each once). Tesseract reads PNG, JPEG, GIF and WebP itself."""
    texts: list[str] = []
    with tempfile.NamedTemporaryFile(suffix=".img") as handle:
        handle.write(data)
        handle.flush()
        for options in OCR_PASSES:
            result = subprocess.run(
                ["tesseract", handle.name, "-", "-l", settings.FILES_OCR_LANGUAGES, *options],
                capture_output=True,
                timeout=settings.FILES_OCR_TIMEOUT_SECONDS,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                check=True,
            )
            text = _tidy(result.stdout.decode("utf-8", "replace"))
            if text and text not in texts:
                texts.append(text)
    return "\n".join(texts)[:MAX_CHARS]


def _tidy(text: str) -> str:
    """OCR output without its blank lines, and Japanese without the spaces OCR puts between
    characters (「連 絡 先」 reads as 「連絡先」)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = "\n".join(lines)
    cjk = r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]"
    return re.sub(rf"(?<={cjk}) (?={cjk})", "", joined)[:MAX_CHARS]


def pdf_text(reader: PdfReader) -> str:
    texts: list[str] = []
    total = 0
    for page in reader.pages:
        text = (page.extract_text() or "").strip()
        if text:
            texts.append(text)
            total += len(text)
        if total >= MAX_CHARS:
            break
    return "\n".join(texts)[:MAX_CHARS]


def codes_in_pdf(reader: PdfReader) -> list[str]:
    """Codes in the images a PDF embeds (a QR code pasted into a "job description")."""
    found: list[str] = []
    seen = 0
    for page in reader.pages:
        try:
            images = list(page.images)
        except Exception:
            continue
        for embedded in images:
            seen += 1
            if seen > MAX_PDF_IMAGES:
                return found
            if embedded.image is None:
                continue
            try:
                codes = codes_in_image(embedded.image)
            except Exception:
                continue
            found += [c for c in codes if c not in found]
    return found


def office_text(data: bytes) -> str:
    """The text of an OOXML document's parts, read from their XML (paragraphs on lines)."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(n for n in archive.namelist() if OFFICE_TEXT_PARTS.match(n))
        for name in names:
            texts.extend(_xml_text(archive.read(name)))
            if sum(len(t) for t in texts) >= MAX_CHARS:
                break
    return "\n".join(t for t in texts if t)[:MAX_CHARS]


def _xml_text(xml: bytes) -> Iterable[str]:
    """One line per paragraph (w:p, a:p), shared string (si) or cell (c) of a document part.

    A cell holding a shared string (t="s") only carries its index: its text is read from
    sharedStrings.xml. Expat refuses entity-expansion bombs itself.
    """
    root = ElementTree.fromstring(xml)
    for element in root.iter():
        local = _local(element)
        if local in ("p", "si"):
            text = "".join(t.text or "" for t in element.iter() if _local(t) == "t")
        elif local == "c" and element.get("t") != "s":
            text = "".join(t.text or "" for t in element.iter() if _local(t) in ("t", "v"))
        else:
            continue
        if text.strip():
            yield text


def _local(element: ElementTree.Element) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def joined(parts: list[Part]) -> str:
    return "\n".join(p["text"] for p in parts if p["source"] != UNREAD)


def unread(parts: list[Part]) -> bool:
    return any(p["source"] == UNREAD for p in parts)
