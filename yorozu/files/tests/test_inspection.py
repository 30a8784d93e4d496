"""A file is what its content says, opens as that, and agrees with its name; images are
re-encoded without their metadata; limits and the quota refuse before anything is stored."""

import io

import pytest
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter

from yorozu.files.actions import prepare_attachments
from yorozu.files.inspection import AttachmentRefused, clean_name, inspect
from yorozu.files.tests import samples
from yorozu.trust.screening import Context


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are read in English here (the Japanese catalogue is tested in its own)."""
    with translation.override("en"):
        yield


def test_a_photo_loses_its_exif_and_gps_and_is_reencoded():
    original = samples.photo_jpeg(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the GPS is there
    stored = inspect("IMG_0001.JPG", original)
    assert stored.media_type == "image/jpeg"
    assert stored.data != original
    image = Image.open(io.BytesIO(stored.data))
    assert image.format == "JPEG"
    assert not image.getexif()  # no camera, no GPS, nothing
    assert b"CameraMaker" not in stored.data
    assert image.size == (640, 480)


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("qr.png", samples.qr_png("hello"), "image/png"),
        ("brief", samples.qr_png("hello"), "image/png"),  # no extension: the right one is added
        ("notes.txt", "打ち合わせメモ\n".encode(), "text/plain"),
        ("table.csv", b"a,b\n1,2\n", "text/plain"),
        ("spec.docx", samples.docx("仕様書"), None),
    ],
)
def test_kinds_are_decided_by_content(name, data, media_type):
    got = inspect(name, data)
    if media_type:
        assert got.media_type == media_type
    else:
        assert got.media_type.endswith("wordprocessingml.document")
    assert got.name.endswith(got.extension)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("invoice.pdf", samples.qr_png("x"), "PNG"),  # a PNG named as a PDF
        ("photo.png", b"just some text", "plain text"),  # text named as an image
        ("page.html", b"<html><script>alert(1)</script></html>", "plain text"),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "cannot"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 40, "cannot"),
        ("cut.png", samples.qr_png("x")[:200], "damaged"),
        ("empty.png", b"", "empty"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(name, data, says):
    with pytest.raises(AttachmentRefused) as refused:
        inspect(name, data)
    message = str(refused.value.message)
    assert says in message or name in message


def test_an_encrypted_pdf_is_refused_because_it_cannot_be_read():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(AttachmentRefused, match="password"):
        inspect("locked.pdf", out.getvalue())


def test_names_are_cleaned():
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("C:\\Users\\山田\\見積書.pdf") == "見積書.pdf"
    assert clean_name("a\x00b\u202e.png") == "ab.png"
    assert len(clean_name("x" * 300 + ".png")) == 150


def test_limits_refuse_before_anything_is_stored(settings, worker_user):
    from yorozu.files.models import Attachment

    settings.FILES_MAX_BYTES = 1000
    big = samples.upload("big.png", samples.photo_jpeg(800, 800, gps=False))
    with pytest.raises(AttachmentRefused, match="at most"):
        prepare_attachments([big], author=worker_user, context=Context())
    settings.FILES_MAX_BYTES = 20 * 1024 * 1024
    settings.FILES_MAX_COUNT = 2
    three = [samples.upload(f"{i}.png", samples.qr_png(str(i))) for i in range(3)]
    with pytest.raises(AttachmentRefused, match="At most 2"):
        prepare_attachments(three, author=worker_user, context=Context())
    assert not Attachment.objects.exists()


def test_the_account_quota_counts_what_is_stored(settings, worker_user, client_user):
    from yorozu.files.models import Attachment
    from yorozu.messaging.tests.factories import ThreadFactory, send

    thread = ThreadFactory(client=client_user, worker=worker_user)
    message = send(thread, worker_user)
    Attachment.objects.create(
        uploader=worker_user,
        owner=message,
        stored_name="x",
        name="old.png",
        media_type="image/png",
        size=900,
        sha256="0" * 64,
        status="delivered",
    )
    settings.FILES_ACCOUNT_QUOTA_BYTES = 1000
    with pytest.raises(AttachmentRefused) as refused:
        prepare_attachments(
            [samples.upload("new.png", samples.qr_png("hello"))],
            author=worker_user,
            context=Context(),
        )
    assert refused.value.code == "attachment_quota"
    # Another account's quota is its own.
    assert prepare_attachments(
        [samples.upload("new.png", samples.qr_png("hello"))], author=client_user, context=Context()
    )
