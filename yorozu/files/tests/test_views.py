"""Files through the pages: a message with photos shows them to the reader; a refused file
keeps the draft (and, with htmx, the chosen files: only the reason is swapped in); a delivery
with files per milestone, accepted by the client."""

import uuid

import pytest
from django.urls import reverse

from yorozu.contracts.actions import do_complete_contract
from yorozu.contracts.models import Milestone
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.files.models import Attachment
from yorozu.files.tests import samples
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def post_message(client, thread, body, *files, htmx=False):
    data = {"body": body, "idempotency_key": uuid.uuid4().hex, "files": list(files)}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("messaging:send", args=[thread.pk]), data, **headers)


def test_two_reference_photos_reach_the_worker(client, thread, client_user, worker_user):
    client.force_login(client_user)
    response = post_message(
        client,
        thread,
        "参考写真を2枚添付します。",
        samples.upload("店舗外観.jpg", samples.photo_jpeg(240, 180, seed=1)),
        samples.upload("店内.jpg", samples.photo_jpeg(240, 180, seed=2)),
    )
    assert response.status_code == 302
    photos = list(Attachment.objects.order_by("id"))
    assert [p.name for p in photos] == ["店舗外観.jpg", "店内.jpg"]
    client.force_login(worker_user)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).text
    for photo in photos:
        assert reverse("files:download", args=[photo.pk]) in page
        assert photo.name in page
        assert client.get(reverse("files:download", args=[photo.pk])).status_code == 200


def test_a_refused_file_keeps_the_draft_without_htmx(client, thread, worker_user):
    client.force_login(worker_user)
    draft = "ポートフォリオを添付します。ご確認ください。"
    response = post_message(
        client, thread, draft, samples.upload("連絡先.png", samples.qr_png(samples.LINE_URL))
    )
    assert response.status_code == 400
    page = response.text
    assert draft in page  # the draft comes back
    assert "連絡先.png" in page and "line.me/ti/p/abcDEF123</mark>" in page  # which file, what
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_with_htmx_only_the_reason_is_swapped_in(client, thread, worker_user):
    client.force_login(worker_user)
    response = post_message(
        client,
        thread,
        "資料です",
        samples.upload("連絡先.png", samples.qr_png(samples.LINE_URL)),
        htmx=True,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#send-feedback"
    assert response["HX-Reswap"] == "innerHTML"
    assert "連絡先.png" in response.text
    assert "<textarea" not in response.text  # the form, its draft and its files stay as they are


def test_a_file_of_the_wrong_kind_says_why(client, thread, worker_user):
    client.force_login(worker_user)
    response = post_message(
        client, thread, "見積書です", samples.upload("見積書.pdf", b"MZ\x90\x00")
    )
    assert response.status_code == 400
    assert "見積書です" in response.text
    assert "見積書.pdf" in response.text


def test_the_reader_does_not_see_a_held_file_but_the_sender_sees_why(
    client, thread, client_user, worker_user
):
    client.force_login(client_user)
    post_message(client, thread, "資料", samples.upload(samples.HELD_NAME, samples.blank_png()))
    held = Attachment.objects.get()
    assert held.status == "held"
    mine = client.get(reverse("messaging:thread", args=[thread.pk])).text
    assert held.name in mine and "data-attachment-status" in mine
    client.force_login(worker_user)
    theirs = client.get(reverse("messaging:thread", args=[thread.pk])).text
    assert held.name not in theirs


def test_a_delivery_with_files_is_accepted(client, client_user, worker_user):
    contract = ContractFactory(
        client=client_user, worker=worker_user, status="funded", milestones=[30000, 50000]
    )
    first = Milestone.objects.get(contract=contract, position=1)
    client.force_login(worker_user)
    response = client.post(
        reverse("contracts:transition", args=[contract.pk, "deliver"]),
        {
            "note": "ロゴの初稿を納品します。",
            "files": [
                samples.upload("logo.png", samples.qr_png(samples.WORKER_PAGE_URL)),
                samples.upload("説明.pdf", samples.pdf(samples.BRIEF_TEXT)),
            ],
        },
    )
    assert response.status_code == 302
    delivered = list(Attachment.objects.filter(object_id=first.pk).order_by("id"))
    assert [a.name for a in delivered] == ["logo.png", "説明.pdf"]
    assert {a.status for a in delivered} == {"delivered"}
    client.force_login(client_user)
    page = client.get(reverse("contracts:detail", args=[contract.pk])).text
    assert all(reverse("files:download", args=[a.pk]) in page for a in delivered)
    contract.refresh_from_db()
    do_complete_contract(contract, actor=client_user)
    first.refresh_from_db()
    assert first.status == "released"


def test_a_refused_delivery_file_keeps_the_note(client, client_user, worker_user):
    contract = ContractFactory(client=client_user, worker=worker_user, status="funded")
    client.force_login(worker_user)
    note = "成果物をお送りします。ご確認ください。"
    response = client.post(
        reverse("contracts:transition", args=[contract.pk, "deliver"]),
        {
            "note": note,
            "files": [
                samples.upload(
                    "a.txt", "副業で月30万円！コピペだけ。MLMのお誘い 登録料3万円".encode()
                )
            ],
        },
    )
    assert response.status_code == 400
    assert note in response.text
    assert "a.txt" in response.text
    contract.refresh_from_db()
    assert contract.status == "funded"
    assert not Attachment.objects.exists()
