"""既読: the sender sees when the other party has read; each party can hide their own read state
(and then sees nobody's)."""

import re

import pytest
from django.urls import reverse

from yorozu.messaging.actions import do_set_read_receipts
from yorozu.messaging.models import ReadReceiptSetting
from yorozu.messaging.tests.factories import ThreadFactory, send

READ = "既読"


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def read_marks(page: str) -> list[str]:
    """The ids of the messages shown with 既読."""
    return re.findall(r'id="message-(\d+)"(?:(?!</article>).)*?class="read-mark"', page, re.S)


def test_the_sender_sees_read_once_the_other_party_opened_the_thread(
    client, thread, client_user, worker_user
):
    message = send(thread, worker_user)
    client.force_login(worker_user)
    before = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert read_marks(before) == []
    client.force_login(client_user)
    client.get(reverse("messaging:thread", args=[thread.pk]))  # the client reads it
    client.force_login(worker_user)
    after = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert read_marks(after) == [str(message.pk)]
    assert READ in after


def test_a_message_sent_after_the_read_is_not_marked(client, thread, client_user, worker_user):
    first = send(thread, worker_user, "一通目です。よろしくお願いします。")
    client.force_login(client_user)
    client.get(reverse("messaging:thread", args=[thread.pk]))
    send(thread, worker_user, "二通目です。ご確認ください。")
    client.force_login(worker_user)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert read_marks(page) == [str(first.pk)]


def test_the_reader_never_sees_read_on_the_other_partys_messages(
    client, thread, client_user, worker_user
):
    send(thread, worker_user)
    client.force_login(client_user)
    client.get(reverse("messaging:thread", args=[thread.pk]))
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert read_marks(page) == []


@pytest.mark.parametrize("who_hides", ["reader", "sender"])
def test_hiding_ones_read_state_hides_it_both_ways(
    who_hides, client, thread, client_user, worker_user
):
    send(thread, worker_user)
    hider = client_user if who_hides == "reader" else worker_user
    do_set_read_receipts(shares=False, actor=hider)
    client.force_login(client_user)
    client.get(reverse("messaging:thread", args=[thread.pk]))
    client.force_login(worker_user)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert read_marks(page) == []
    do_set_read_receipts(shares=True, actor=hider)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert len(read_marks(page)) == 1


def test_the_setting_is_turned_off_and_on_from_the_page(client, thread, client_user):
    client.force_login(client_user)
    url = reverse("messaging:thread", args=[thread.pk])
    response = client.post(reverse("messaging:read_receipts"), {"shares": "off", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert not ReadReceiptSetting.objects.get(user=client_user).shares_read_state
    page = client.get(url).content.decode()
    assert "既読を表示する" in page
    client.post(reverse("messaging:read_receipts"), {"shares": "on", "next": "https://evil.test/"})
    assert ReadReceiptSetting.objects.get(user=client_user).shares_read_state


def test_the_setting_needs_a_signed_in_user(client, db):
    response = client.post(reverse("messaging:read_receipts"), {"shares": "off"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert ReadReceiptSetting.objects.count() == 0
