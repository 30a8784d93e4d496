"""Real files made in the tests: QR codes (zxing-cpp), rendered text (Pillow with the Noto CJK
font the PDF documents use), PDFs (WeasyPrint), photos with EXIF GPS, office documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

LINE_URL = "https://line.me/ti/p/abcDEF123"
WORKER_PAGE_URL = "https://yorozu.example/workers/12/"
EMAIL_TEXT = "連絡はこちらへ: taro.yamada@gmail.com"
PHONE_TEXT = "ご不明点はお電話で 090-1234-5678 までお願いします。"
BRIEF_TEXT = (
    "ロゴ制作のご依頼です。カフェの看板とショップカードに使います。色は深緑を基調にしてください。"
)

FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def font(size: int = 36) -> ImageFont.FreeTypeFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise RuntimeError("no font for rendering text (fonts-noto-cjk)")


def qr_png(text: str, scale: int = 8) -> bytes:
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    matrix = barcode.to_image(scale=scale, add_quiet_zones=True)
    height, width = matrix.shape[0], matrix.shape[1]
    image = Image.frombuffer("L", (width, height), bytes(memoryview(matrix)), "raw", "L", 0, 1)
    return png(image)


def text_png(*lines: str, size: int = 36) -> bytes:
    face = font(size)
    image = Image.new("RGB", (1100, 80 + len(lines) * (size + 30)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((30, 40 + i * (size + 30)), line, font=face, fill="black")
    return png(image)


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def photo_jpeg(width: int = 640, height: int = 480, *, gps: bool = True, seed: int = 1) -> bytes:
    """A photo-like JPEG carrying EXIF with a GPS position, a camera and a rotation."""
    image = Image.new("RGB", (width, height), (120 + seed % 100, 160, 90))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 40):
        draw.line([(i, 0), (width - i, height)], fill=(i % 255, 80, 200), width=3)
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    if gps:
        exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=92)
    return out.getvalue()


def pdf(*paragraphs: str, pages: int = 1) -> bytes:
    from weasyprint import HTML  # heavy: only the PDF tests need it

    body = "".join(
        f"<section style='page-break-after: always'><h1>資料 {n + 1}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</section>"
        for n in range(pages)
    )
    html = f"<html lang='ja'><body style='font-family: \"Noto Sans CJK JP\"'>{body}</body></html>"
    return HTML(string=html).write_pdf()


def docx(*paragraphs: str) -> bytes:
    """A minimal WordprocessingML document, as Word writes its parts."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def blank_png(width: int = 120, height: int = 90) -> bytes:
    return png(Image.new("RGB", (width, height), (250, 250, 245)))


# A name that moves the talk to another app before escrow: held, like the same words typed.
HELD_NAME = "line_id_abc.png"
