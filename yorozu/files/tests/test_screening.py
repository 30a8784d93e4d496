"""Files are screened through the same door as text, in their thread's stage: a LINE QR code,
a screenshot of an e-mail address and a PDF with a phone number are stopped before escrow and
delivered after; their look-alikes (a QR code to the worker's yorozu page, a clean brief) are
delivered either way. Every file here is made in the test, for real."""

import uuid

import pytest

from yorozu.contracts.tests.factories import ContractFactory
from yorozu.files.actions import FileBlocked
from yorozu.files.models import Attachment, AttachmentStatus
from yorozu.files.tasks import screen_attachment
from yorozu.files.tests import samples
from yorozu.messaging.actions import do_send_message, ensure_thread
from yorozu.messaging.models import Message
from yorozu.messaging.screening import thread_stage
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.notifications.models import Notification
from yorozu.trust.models import ScreeningRecord

STOPPED = {
    "line_qr": lambda: ("友だち追加.png", samples.qr_png(samples.LINE_URL)),
    "email_screenshot": lambda: ("スクリーンショット.png", samples.text_png(samples.EMAIL_TEXT)),
    "phone_pdf": lambda: ("案件詳細.pdf", samples.pdf(samples.BRIEF_TEXT, samples.PHONE_TEXT)),
}
DELIVERED = {
    "yorozu_qr": lambda: ("プロフィール.png", samples.qr_png(samples.WORKER_PAGE_URL)),
    "clean_brief": lambda: ("依頼概要.pdf", samples.pdf(samples.BRIEF_TEXT)),
    "clean_docx": lambda: ("仕様書.docx", samples.docx(samples.BRIEF_TEXT)),
}
# What each stopped file gave away, as the engine names it.
STOPPED_BY = {
    "line_qr": "contact.chat_link",
    "email_screenshot": "contact.email",
    "phone_pdf": "contact.phone",
}


def send_files(thread, sender, *files, body="資料を添付します。"):
    return do_send_message(
        thread=thread,
        sender=sender,
        body=body,
        idempotency_key=uuid.uuid4().hex,
        actor=sender,
        files=[samples.upload(name, data) for name, data in files],
    )


@pytest.fixture
def before_escrow(client_user, worker_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    assert thread_stage(thread) == "pre_contract"
    return thread


@pytest.fixture
def after_escrow(client_user, worker_user):
    contract = ContractFactory(client=client_user, worker=worker_user, status="funded")
    thread = ensure_thread(contract.job, worker_user)
    assert thread_stage(thread) == "post_contract"
    return thread


@pytest.mark.parametrize("name", sorted(STOPPED))
def test_before_escrow_the_file_is_refused_like_the_text(name, before_escrow, worker_user):
    file_name, data = STOPPED[name]()
    with pytest.raises(FileBlocked) as refused:
        send_files(before_escrow, worker_user, (file_name, data))
    assert refused.value.file_name == file_name
    assert STOPPED_BY[name] in {r["code"] for r in refused.value.reasons}
    assert refused.value.shown()["messages"]  # the reason, in words, for the kept draft
    assert not Message.objects.exists() and not Attachment.objects.exists()
    record = ScreeningRecord.objects.get()
    assert (record.kind, record.verdict, record.author) == ("file", "block", worker_user)


@pytest.mark.parametrize("name", sorted(STOPPED))
def test_after_escrow_the_same_file_is_delivered(name, after_escrow, worker_user, client_user):
    file_name, data = STOPPED[name]()
    message = send_files(after_escrow, worker_user, (file_name, data))
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == AttachmentStatus.DELIVERED
    assert attachment.name == file_name
    sources = {p["source"] for p in attachment.extracted}
    assert sources >= {
        "name",
        {"line_qr": "qr", "email_screenshot": "ocr", "phone_pdf": "text"}[name],
    }


@pytest.mark.parametrize("name", sorted(DELIVERED))
@pytest.mark.parametrize("stage", ["before", "after"])
def test_look_alikes_are_delivered_either_way(
    name, stage, before_escrow, after_escrow, worker_user
):
    thread = before_escrow if stage == "before" else after_escrow
    file_name, data = DELIVERED[name]()
    message = send_files(thread, worker_user, (file_name, data))
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == AttachmentStatus.DELIVERED, attachment.assessment
    assert samples.WORKER_PAGE_URL in attachment.text or "ロゴ制作" in attachment.text


def test_what_each_reader_found(before_escrow, client_user):
    message = send_files(
        before_escrow,
        client_user,
        ("qr.png", samples.qr_png(samples.WORKER_PAGE_URL)),
        ("brief.pdf", samples.pdf(samples.BRIEF_TEXT)),
        ("memo.png", samples.text_png("打ち合わせは水曜日です")),
    )
    qr, brief, memo = Attachment.objects.filter(object_id=message.pk).order_by("id")
    assert {"source": "qr", "text": samples.WORKER_PAGE_URL} in qr.extracted
    assert "カフェの看板" in brief.text
    assert "水曜日" in memo.text.replace(" ", "")


def test_one_stopped_file_refuses_the_whole_message_and_keeps_nothing(before_escrow, worker_user):
    with pytest.raises(FileBlocked):
        send_files(
            before_escrow,
            worker_user,
            ("ok.pdf", samples.pdf(samples.BRIEF_TEXT)),
            ("line.png", samples.qr_png(samples.LINE_URL)),
        )
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_a_held_file_waits_for_the_secretariat(before_escrow, client_user):
    message = send_files(before_escrow, client_user, (samples.HELD_NAME, samples.blank_png()))
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == AttachmentStatus.HELD
    from yorozu.moderation.models import ModerationCase

    case = ModerationCase.objects.get(object_id=attachment.pk, queue="messages")
    assert case.assessment["verdict"] == "hold"


def test_a_message_may_be_only_files(before_escrow, client_user):
    message = send_files(before_escrow, client_user, ("a.png", samples.blank_png()), body="")
    assert message.body == ""
    assert Attachment.objects.get(object_id=message.pk).status == "delivered"


# ---- large files: screened on the queue -----------------------------------------------------


def test_a_large_file_is_pending_until_the_queue_screened_it(
    settings, before_escrow, worker_user, client_user, django_capture_on_commit_callbacks
):
    settings.FILES_SCREEN_INLINE_MAX_BYTES = 0
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = send_files(
            before_escrow, worker_user, ("名刺.png", samples.text_png(samples.EMAIL_TEXT))
        )
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == AttachmentStatus.PENDING  # not OCR'd yet: nobody else sees it
    assert [p["source"] for p in attachment.extracted] == ["name"]
    for callback in callbacks:  # the enqueue (the test settings run tasks at once)
        callback()
    attachment.refresh_from_db()
    assert attachment.status == AttachmentStatus.BLOCKED
    assert "contact.email" in {r["code"] for r in attachment.assessment["reasons"]}
    assert attachment.reason_messages()
    told = Notification.objects.get(user=worker_user, kind="attachment_blocked")
    assert "名刺.png" in told.title
    assert ScreeningRecord.objects.filter(kind="file", verdict="block").count() == 1
    # Idempotent: a second run changes nothing.
    assert screen_attachment.call(attachment.pk) is None
    assert Notification.objects.filter(kind="attachment_blocked").count() == 1


def test_a_large_file_with_a_code_is_refused_while_it_is_sent(settings, before_escrow, worker_user):
    settings.FILES_SCREEN_INLINE_MAX_BYTES = 0  # the codes are read whatever the size
    with pytest.raises(FileBlocked):
        send_files(before_escrow, worker_user, ("qr.png", samples.qr_png(samples.LINE_URL)))


def test_a_large_clean_file_is_delivered_by_the_queue(
    settings, after_escrow, worker_user, django_capture_on_commit_callbacks
):
    settings.FILES_SCREEN_INLINE_MAX_BYTES = 0
    with django_capture_on_commit_callbacks(execute=True):
        message = send_files(
            after_escrow, worker_user, ("名刺.png", samples.text_png(samples.EMAIL_TEXT))
        )
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == AttachmentStatus.DELIVERED
    assert "gmail.com" in attachment.text
