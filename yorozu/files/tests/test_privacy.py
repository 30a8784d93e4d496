"""An account's files in its data export and at its deletion (docs/files.md, docs/accounts.md):
the export lists every file the person attached; deletion erases the files nobody else
received (held, refused, pending) — rows and bytes — and keeps the delivered ones with the
conversation they belong to, as messages are kept."""

import io
import json
import uuid
import zipfile

from django.urls import reverse

from yorozu.accounts.actions import do_delete_account
from yorozu.files.models import Attachment
from yorozu.files.storage import attachment_storage
from yorozu.files.tests import samples
from yorozu.messaging.actions import do_send_message
from yorozu.messaging.tests.factories import ThreadFactory


def send(thread, sender, *files):
    return do_send_message(
        thread=thread,
        sender=sender,
        body="資料です",
        idempotency_key=uuid.uuid4().hex,
        actor=sender,
        files=[samples.upload(n, d) for n, d in files],
    )


def test_the_export_lists_the_files_attached(client, worker_user, client_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, ("作品例.png", samples.blank_png()))
    send(thread, client_user, ("参考.png", samples.blank_png()))  # not the worker's
    client.force_login(worker_user)
    response = client.post(reverse("accounts:privacy_export"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    rows = json.loads(archive.read("attachments.json"))
    assert [(r["name"], r["status"], r["content_type__model"]) for r in rows] == [
        ("作品例.png", "delivered", "message")
    ]


def test_deletion_erases_undelivered_files_and_keeps_delivered_ones(
    worker_user, client_user, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, ("作品例.png", samples.blank_png()))
    send(thread, worker_user, (samples.HELD_NAME, samples.blank_png()))
    delivered = Attachment.objects.get(status="delivered")
    held = Attachment.objects.get(status="held")
    store = attachment_storage()
    assert store.exists(held.stored_name) and store.exists(delivered.stored_name)
    with django_capture_on_commit_callbacks(execute=True):
        do_delete_account(worker_user, actor=worker_user)
    assert list(Attachment.objects.all()) == [delivered]
    assert not store.exists(held.stored_name)  # the bytes too, once the deletion committed
    assert store.exists(delivered.stored_name)  # the client keeps the file they received
