"""A held file opens in its console case with what screening read in it (each part labelled)
and the spans that triggered marked; the secretariat releases or rejects it like a message, and
the uploader is told. An image OCR could not read is held, never passed unread."""

import uuid

import pytest
from django.urls import reverse

from yorozu.files import extraction
from yorozu.files.models import Attachment
from yorozu.files.tests import samples
from yorozu.messaging.actions import do_send_message
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification


@pytest.fixture
def held(client_user, worker_user):
    message = do_send_message(
        thread=ThreadFactory(client=client_user, worker=worker_user),
        sender=worker_user,
        body="作品のサンプルです。",
        idempotency_key=uuid.uuid4().hex,
        actor=worker_user,
        files=[samples.upload(samples.HELD_NAME, samples.blank_png())],
    )
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == "held"
    case = ModerationCase.objects.get(object_id=attachment.pk, queue="messages")
    return attachment, case


def test_the_case_shows_the_file_and_what_was_read(client, staff_user, held):
    attachment, case = held
    client.force_login(staff_user)
    page = client.get(reverse("console:case", args=[case.pk])).text
    assert "data-attachment-case" in page
    assert reverse("files:download", args=[attachment.pk]) in page
    assert 'data-part="name"' in page
    assert "<mark" in page and "line_id" in page  # the span that triggered, marked
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 200


@pytest.mark.parametrize(
    ("decision", "status", "kind"),
    [
        ("approve", "delivered", "attachment_released"),
        ("reject", "rejected", "attachment_rejected"),
    ],
)
def test_released_or_rejected_from_the_console(
    client, staff_user, worker_user, client_user, held, decision, status, kind
):
    attachment, case = held
    client.force_login(staff_user)
    client.post(reverse("console:claim", args=[case.pk]))
    response = client.post(
        reverse("console:decide", args=[case.pk]),
        {
            "decision": decision,
            "reason": "連絡先の交換にあたります" if decision == "reject" else "",
        },
    )
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.status == status
    assert Notification.objects.filter(user=worker_user, kind=kind).count() == 1
    client.force_login(client_user)
    download = client.get(reverse("files:download", args=[attachment.pk]))
    assert download.status_code == (200 if status == "delivered" else 404)


def test_an_image_ocr_could_not_read_is_held(settings, monkeypatch, client_user, worker_user):
    def broken(data):
        raise FileNotFoundError("tesseract")

    monkeypatch.setattr(extraction, "ocr", broken)
    message = do_send_message(
        thread=ThreadFactory(client=client_user, worker=worker_user),
        sender=worker_user,
        body="写真です",
        idempotency_key=uuid.uuid4().hex,
        actor=worker_user,
        files=[samples.upload("photo.png", samples.blank_png())],
    )
    attachment = Attachment.objects.get(object_id=message.pk)
    assert attachment.status == "held"
    assert {"source": "unread", "text": ""} in attachment.extracted
