"""Only the item's parties (once the file passed screening), its uploader and the secretariat
download an attachment; everyone else gets 404 and nothing changes. Checked on every request."""

import uuid

import pytest
from django.urls import reverse

from yorozu.files.models import Attachment, AttachmentStatus
from yorozu.files.tests import samples
from yorozu.messaging.actions import do_send_message
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.notifications.models import Notification

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def sent(cast):
    """The client sends the worker a reference photo and a Word brief."""
    thread = ThreadFactory(client=cast["client"], worker=cast["worker"])
    message = do_send_message(
        thread=thread,
        sender=cast["client"],
        body="参考写真と仕様書を添付します。",
        idempotency_key=uuid.uuid4().hex,
        actor=cast["client"],
        files=[
            samples.upload("参考写真.jpg", samples.photo_jpeg(200, 150, gps=True)),
            samples.upload("仕様書.docx", samples.docx(samples.BRIEF_TEXT)),
        ],
    )
    photo, brief = Attachment.objects.filter(object_id=message.pk).order_by("id")
    assert (photo.status, brief.status) == ("delivered", "delivered")
    return {"message": message, "photo": photo, "brief": brief}


# who → may they download a delivered file of the client's message?
CAN_DOWNLOAD = {"client": True, "worker": True, "outsider": False, "staff": True}


@pytest.mark.parametrize("who", [*CAN_DOWNLOAD, "anonymous"])
@pytest.mark.parametrize("which", ["photo", "brief"])
def test_only_parties_and_staff_download(who, which, cast, sent, client):
    attachment = sent[which]
    if who != "anonymous":
        client.force_login(cast[who])
    before = (Attachment.objects.count(), Notification.objects.count())
    response = client.get(reverse("files:download", args=[attachment.pk]))
    if who == "anonymous":
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif CAN_DOWNLOAD[who]:
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert len(body) == attachment.size
        assert response["Cache-Control"] == "private, no-cache"
        disposition = response["Content-Disposition"]
        if which == "photo":
            assert response["Content-Type"] == "image/jpeg"
            assert disposition.startswith("inline")
            assert b"CameraMaker" not in body  # served as stored: without its EXIF
        else:
            assert response["Content-Type"] == DOCX
            assert disposition.startswith("attachment")
    else:
        assert response.status_code == 404
    assert (Attachment.objects.count(), Notification.objects.count()) == before
    attachment.refresh_from_db()
    assert attachment.status == AttachmentStatus.DELIVERED


@pytest.mark.parametrize("status", ["pending", "held", "blocked", "rejected"])
@pytest.mark.parametrize("who", ["client", "worker", "outsider", "staff"])
def test_a_file_that_has_not_passed_is_for_its_uploader_and_staff(status, who, cast, sent, client):
    Attachment.objects.filter(pk=sent["photo"].pk).update(status=status)
    client.force_login(cast[who])
    response = client.get(reverse("files:download", args=[sent["photo"].pk]))
    assert response.status_code == (200 if who in ("client", "staff") else 404)


def test_a_held_message_hides_its_files_from_the_reader(cast, sent, client):
    sent["message"].__class__.objects.filter(pk=sent["message"].pk).update(status="held")
    client.force_login(cast["worker"])
    response = client.get(reverse("files:download", args=[sent["photo"].pk]))
    assert response.status_code == 404


def test_access_is_checked_on_every_request(cast, sent, client):
    client.force_login(cast["worker"])
    url = reverse("files:download", args=[sent["brief"].pk])
    assert client.get(url).status_code == 200
    Attachment.objects.filter(pk=sent["brief"].pk).update(status="rejected")
    assert client.get(url).status_code == 404


def test_sendfile_hands_the_bytes_to_the_web_server(settings, cast, sent, client):
    settings.FILES_SENDFILE = "x-accel-redirect"
    client.force_login(cast["worker"])
    response = client.get(reverse("files:download", args=[sent["brief"].pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == ("/protected-attachments/" + sent["brief"].stored_name)
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment")
