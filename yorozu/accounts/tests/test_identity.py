"""Identity verification: the user uploads, the secretariat decides in the admin."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yorozu.accounts.actions import do_decide_identity_document, do_submit_identity_document
from yorozu.accounts.models import AccountEvent, IdentityDocument, IdentityStatus
from yorozu.accounts.tests.documents import JPEG, PDF, PNG, image_bytes, pdf_bytes
from yorozu.notifications.models import Notification

URL = "/account/identity/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content"),
    [("licence.png", PNG), ("山田太郎_免許証.JPG", JPEG), ("card.jpeg", JPEG), ("p.pdf", PDF)],
)
def test_upload_puts_the_account_in_review(client, worker_user, name, content):
    client.force_login(worker_user)
    response = client.post(URL, {"document": upload(name, content)})
    assert response.status_code == 302
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.PENDING
    document = IdentityDocument.objects.get(user=worker_user)
    assert document.decision == IdentityDocument.Decision.PENDING
    stored = document.document.name
    assert "山田" not in stored and "licence" not in stored  # the original name is dropped
    assert stored.endswith(name[name.rfind(".") :].lower())
    assert document.document.read() == content
    event = AccountEvent.objects.get(user=worker_user, event_type="identity_submitted")
    assert event.data == {"document": document.pk}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("licence.gif", b"GIF89a" + b"\x00" * 10, "JPEG、PNG、PDF"),
        ("licence", PNG, "JPEG、PNG、PDF"),
        ("licence.jpg", b"hello, I am text", "JPEG・PNG・PDFではないようです"),
        ("licence.pdf", b"<html><script>", "JPEG・PNG・PDFではないようです"),
        ("licence.png", PDF, "ファイル名と中身が一致しません"),
        ("licence.jpg", b"", "ファイルが空です"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_reason(client, worker_user, name, content, message):
    client.force_login(worker_user)
    response = client.post(URL, {"document": upload(name, content)})
    assert response.status_code == 200
    assert message in response.text
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.UNVERIFIED
    assert not IdentityDocument.objects.exists()


def _encrypted_pdf() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # Right first bytes, nothing behind them: the old check let these through.
        ("licence.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("licence.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("licence.pdf", b"%PDF-1.7\n" + b"\x00" * 64),
        # A script behind an image header.
        ("licence.jpg", b"\xff\xd8\xff\xe0<?php system($_GET['c']); ?>"),
        # A real image cut short, so its pixels cannot all be decoded.
        ("licence.png", PNG[: len(PNG) // 2]),
        ("licence.jpg", JPEG[: len(JPEG) // 3]),
        # Too small to show anything.
        ("licence.png", image_bytes("PNG", (20, 20))),
        # Encrypted (the secretariat could not read it) or too long.
        ("licence.pdf", _encrypted_pdf()),
        ("licence.pdf", pdf_bytes(pages=11)),
    ],
)
def test_uploads_are_parsed_before_they_are_accepted(client, worker_user, name, content):
    client.force_login(worker_user)
    response = client.post(URL, {"document": upload(name, content)})
    assert response.status_code == 200
    assert "画像またはPDFとして開けませんでした" in response.text
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.UNVERIFIED
    assert not IdentityDocument.objects.exists()


def test_too_large_upload_is_refused(client, worker_user):
    client.force_login(worker_user)
    big = PNG + b"\x00" * (5 * 1024 * 1024)
    response = client.post(URL, {"document": upload("big.png", big)})
    assert response.status_code == 200
    assert "5MB以下" in response.text
    assert not IdentityDocument.objects.exists()


def test_missing_file_is_refused(client, worker_user):
    client.force_login(worker_user)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "アップロードするファイルを選んでください" in response.text


def test_no_second_upload_while_pending(client, worker_user):
    client.force_login(worker_user)
    client.post(URL, {"document": upload("a.png", PNG)})
    response = client.post(URL, {"document": upload("b.png", PNG)})
    assert response.status_code == 302
    assert IdentityDocument.objects.filter(user=worker_user).count() == 1
    page = client.get(URL)
    assert 'type="file"' not in page.text
    assert "審査中" in page.text


def test_identity_page_requires_login(client, db):
    response = client.post(URL, {"document": upload("a.png", PNG)})
    assert response.status_code == 302
    assert not IdentityDocument.objects.exists()


def submit(user, content=PNG, name="id.png"):
    return do_submit_identity_document(user, upload(name, content), actor=user)


def test_approval_verifies_notifies_and_audits(worker_user, superuser):
    document = submit(worker_user)
    assert do_decide_identity_document(document, True, actor=superuser) is True
    worker_user.refresh_from_db()
    document.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.VERIFIED
    assert document.decision == IdentityDocument.Decision.APPROVED
    assert document.decided_by == superuser
    assert document.decided_at is not None
    notification = Notification.objects.get(user=worker_user)
    assert notification.kind == "identity_approved"
    assert "本人確認が完了しました" in notification.title
    assert AccountEvent.objects.get(user=worker_user, event_type="identity_approved").actor == (
        superuser
    )


def test_rejection_returns_to_unverified_with_the_note(worker_user, superuser):
    document = submit(worker_user)
    do_decide_identity_document(document, False, "文字が読み取れません", actor=superuser)
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.UNVERIFIED
    notification = Notification.objects.get(user=worker_user)
    assert notification.kind == "identity_rejected"
    assert "文字が読み取れません" in notification.body
    event = AccountEvent.objects.get(user=worker_user, event_type="identity_rejected")
    assert event.data["note"] == "文字が読み取れません"
    # ...and may upload again.
    submit(worker_user)
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.PENDING


def test_a_document_is_decided_once(worker_user, superuser):
    document = submit(worker_user)
    assert do_decide_identity_document(document, True, actor=superuser) is True
    assert do_decide_identity_document(document, False, "x", actor=superuser) is False
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.VERIFIED
    assert Notification.objects.filter(user=worker_user).count() == 1


@pytest.mark.parametrize("actor_name", ["client", "worker", "outsider"])
def test_only_staff_decide(cast, actor_name):
    document = submit(cast["worker"])
    with pytest.raises(PermissionDenied):
        do_decide_identity_document(document, True, actor=cast[actor_name])
    document.refresh_from_db()
    cast["worker"].refresh_from_db()
    assert document.decision == IdentityDocument.Decision.PENDING
    assert cast["worker"].identity_status == IdentityStatus.PENDING
    assert not Notification.objects.exists()


def test_nobody_submits_for_someone_else(worker_user, outsider):
    with pytest.raises(PermissionDenied):
        do_submit_identity_document(worker_user, upload("a.png", PNG), actor=outsider)
    assert not IdentityDocument.objects.exists()


def changelist():
    return reverse("admin:accounts_identitydocument_changelist")


def test_admin_approve_action(client, worker_user, superuser):
    document = submit(worker_user)
    client.force_login(superuser)
    response = client.post(
        changelist(), {"action": "approve", "_selected_action": [document.pk]}, follow=True
    )
    assert response.status_code == 200
    worker_user.refresh_from_db()
    assert worker_user.identity_status == IdentityStatus.VERIFIED
    assert Notification.objects.filter(user=worker_user, kind="identity_approved").exists()


def test_admin_reject_action_asks_for_a_note_first(client, worker_user, superuser):
    document = submit(worker_user)
    client.force_login(superuser)
    selection = {"action": "reject", "_selected_action": [document.pk]}
    page = client.post(changelist(), selection)
    assert page.status_code == 200
    assert 'name="note"' in page.text
    document.refresh_from_db()
    assert document.decision == IdentityDocument.Decision.PENDING  # nothing decided yet
    client.post(changelist(), {**selection, "apply": "1", "note": ""})  # a note is required
    document.refresh_from_db()
    assert document.decision == IdentityDocument.Decision.PENDING
    client.post(changelist(), {**selection, "apply": "1", "note": "有効期限が切れています"})
    document.refresh_from_db()
    assert document.decision == IdentityDocument.Decision.REJECTED
    assert document.note == "有効期限が切れています"
    assert Notification.objects.filter(user=worker_user, kind="identity_rejected").count() == 1


def test_admin_document_file_is_for_staff_only(client, worker_user, outsider, superuser):
    document = submit(worker_user)
    url = reverse("admin:accounts_identitydocument_file", args=[document.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    missing = reverse("admin:accounts_identitydocument_file", args=[999999])
    assert client.get(missing).status_code == 404


def test_settings_page_shows_identity_status(client, worker_user, staff_user):
    client.force_login(worker_user)
    assert "未確認" in client.get(reverse("accounts:settings")).text
    do_decide_identity_document(submit(worker_user), True, actor=staff_user)
    assert "確認済み" in client.get(reverse("accounts:settings")).text
