"""What an uploaded file really is, decided by its content, and the copy of it that is stored.

The name a file comes with says nothing: its first bytes say which kind it claims to be, and
then it must *open* as that kind (an image decodes pixel by pixel, a PDF's pages are read, an
office document's parts are there). The name's extension must agree with what the content is
("checked for the type it claims"). Images are re-encoded from their pixels, which drops every
metadata block (EXIF with the GPS position, comments, XMP), after turning them upright.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from yorozu.core.errors import Refused

# Media types accepted, each with the extensions a name may carry for it (the first is added
# to a name without one).
KINDS: dict[str, tuple[str, ...]] = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "text/plain": (".txt", ".csv", ".md"),
}
PIL_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
OFFICE_PARTS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
# An office document unpacks to at most this many times the file's size (a zip bomb does not).
OFFICE_MAX_RATIO = 100
MAX_NAME_LENGTH = 150


class AttachmentRefused(Refused):
    """A file that cannot be attached (its kind, its size, the quota…); nothing was stored."""

    default_code = "attachment_refused"


@dataclass(frozen=True)
class Inspected:
    """A file as it will be stored: its shown name, media type and (re-encoded) bytes."""

    name: str
    media_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        return posixpath.splitext(self.name)[1].lower() or KINDS[self.media_type][0]

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


def allowed_extensions() -> list[str]:
    return sorted({ext for exts in KINDS.values() for ext in exts})


def clean_name(raw: str) -> str:
    """The name shown for a file: its last path part, normalised (NFKC), without control
    characters, at most 150 characters (the extension kept)."""
    name = unicodedata.normalize("NFKC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    stem, ext = posixpath.splitext(name)
    if len(name) > MAX_NAME_LENGTH:
        name = stem[: MAX_NAME_LENGTH - len(ext)] + ext
    return name


def inspect(raw_name: str, data: bytes) -> Inspected:
    """Decide what `data` is, check it opens as that and that its name agrees, and return the
    copy to store (an image re-encoded without metadata). Raises AttachmentRefused."""
    name = clean_name(raw_name)
    if not name:
        raise AttachmentRefused(_("A file has no name. Please rename it and try again."))
    if not data:
        raise AttachmentRefused(_("“%(name)s” is empty.") % {"name": name})
    if len(data) > settings.FILES_MAX_BYTES:
        raise AttachmentRefused(
            _("“%(name)s” is %(size)s; a file can be at most %(limit)s.")
            % {
                "name": name,
                "size": human_size(len(data)),
                "limit": human_size(settings.FILES_MAX_BYTES),
            }
        )
    media_type = sniff(data)
    if media_type is None:
        raise AttachmentRefused(
            _(
                "“%(name)s” is not a kind of file that can be attached. Images (PNG, JPEG, GIF, "
                "WebP), PDFs, Word, Excel and PowerPoint files and plain text can be."
            )
            % {"name": name}
        )
    _stem, ext = posixpath.splitext(name)
    ext = ext.lower()
    if not ext:
        name = name + KINDS[media_type][0]
    elif ext not in KINDS[media_type]:
        raise AttachmentRefused(
            _(
                "“%(name)s” is named as a %(claimed)s file but its content is %(actual)s. "
                "Please attach it under its real type."
            )
            % {"name": name, "claimed": ext.lstrip(".").upper(), "actual": describe(media_type)}
        )
    if media_type.startswith("image/"):
        data = reencode_image(name, data, media_type)
    elif media_type == "application/pdf":
        check_pdf(name, data)
    elif media_type in OFFICE_PARTS.values():
        check_office(name, data)
    return Inspected(name=name, media_type=media_type, data=data)


def sniff(data: bytes) -> str | None:
    """The media type the first bytes announce (then checked by opening), or None."""
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return office_type(data)
    return "text/plain" if is_text(data) else None


def office_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for part, media_type in OFFICE_PARTS.items():
        if part in names:
            return media_type
    return None


def is_text(data: bytes) -> bool:
    """UTF-8 (with or without a BOM), no NUL and no other control characters but tab and line
    breaks: what a .txt or .csv file is."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text)


def describe(media_type: str) -> str:
    return {
        "image/png": "PNG",
        "image/jpeg": "JPEG",
        "image/gif": "GIF",
        "image/webp": "WebP",
        "application/pdf": "PDF",
        "text/plain": str(_("plain text")),
    }.get(media_type, KINDS[media_type][0].lstrip(".").upper())


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def _broken(name: str, kind: str) -> AttachmentRefused:
    return AttachmentRefused(
        _("“%(name)s” could not be opened as a %(kind)s file: it may be damaged.")
        % {"name": name, "kind": kind}
    )


def reencode_image(name: str, data: bytes, media_type: str) -> bytes:
    """Decode every pixel (in the format the bytes announced), turn the image upright by its
    EXIF orientation and encode it again without any metadata."""
    pil_format = next(f for f, t in PIL_FORMATS.items() if t == media_type)
    # A truncated image is refused, whatever another library set Pillow to tolerate.
    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[pil_format])
            if image.width * image.height > settings.FILES_IMAGE_MAX_PIXELS:
                raise AttachmentRefused(
                    _("“%(name)s” is too large an image (%(w)s × %(h)s pixels).")
                    % {"name": name, "w": image.width, "h": image.height}
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
    except AttachmentRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        raise _broken(name, describe(media_type)) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    options: dict = {"icc_profile": icc} if icc else {}
    if pil_format == "JPEG":
        if upright.mode not in ("L", "RGB", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=90, optimize=True, **options)
    elif pil_format == "PNG":
        upright.save(out, "PNG", optimize=False, **options)
    elif pil_format == "WEBP":
        upright.save(out, "WEBP", quality=90, **options)
    else:  # GIF: the first frame, without comments or extensions
        upright.save(out, "GIF")
    return out.getvalue()


def check_pdf(name: str, data: bytes) -> None:
    """A PDF must open, not be encrypted (it could not be read to screen it) and have at most
    FILES_PDF_MAX_PAGES pages."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AttachmentRefused(
                _(
                    "“%(name)s” is protected by a password, so it cannot be checked. Please "
                    "attach it without the protection."
                )
                % {"name": name}
            )
        pages = len(reader.pages)
    except AttachmentRefused:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError):
        raise _broken(name, "PDF") from None
    if pages < 1:
        raise _broken(name, "PDF")
    if pages > settings.FILES_PDF_MAX_PAGES:
        raise AttachmentRefused(
            _("“%(name)s” has %(pages)s pages; a PDF can have at most %(limit)s.")
            % {"name": name, "pages": pages, "limit": settings.FILES_PDF_MAX_PAGES}
        )


def check_office(name: str, data: bytes) -> None:
    """An office document must unpack to a sane size (no zip bomb) and not be encrypted."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _broken(name, "Office") from None
    if any(info.flag_bits & 0x1 for info in infos):
        raise AttachmentRefused(
            _("“%(name)s” is protected by a password, so it cannot be checked.") % {"name": name}
        )
    if sum(info.file_size for info in infos) > max(len(data) * OFFICE_MAX_RATIO, 10_000_000):
        raise _broken(name, "Office")
