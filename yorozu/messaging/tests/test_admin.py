"""The secretariat's admin for threads and messages: it reads everything and changes nothing."""

import pytest
from django.urls import reverse

from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory, send


@pytest.fixture
def thread(client_user, worker_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, "管理画面で読むメッセージ")
    send(thread, client_user, "返信です")
    return thread


def test_a_thread_shows_its_messages_inline(admin_client, thread):
    response = admin_client.get(reverse("admin:messaging_thread_change", args=[thread.pk]))
    assert response.status_code == 200
    assert "管理画面で読むメッセージ" in response.text
    assert "返信です" in response.text


def test_messages_are_listed_filtered_by_status_and_searched_by_body(admin_client, thread):
    url = reverse("admin:messaging_message_changelist")
    assert admin_client.get(url).status_code == 200
    assert "管理画面で読む" in admin_client.get(url, {"status__exact": "delivered"}).text
    assert "管理画面で読む" not in admin_client.get(url, {"status__exact": "held"}).text
    found = admin_client.get(url, {"q": "返信"}).text
    assert "返信です" in found and "管理画面で読む" not in found


def test_messages_cannot_be_edited_or_deleted_in_the_admin(admin_client, thread):
    message = Message.objects.first()
    change = reverse("admin:messaging_message_change", args=[message.pk])
    admin_client.post(change, {"body": "書き換え", "status": "held"})
    message.refresh_from_db()
    assert message.body == "管理画面で読むメッセージ"
    delete = reverse("admin:messaging_message_delete", args=[message.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Message.objects.count() == 2


def test_non_staff_cannot_open_the_admin(client, worker_user, thread):
    client.force_login(worker_user)
    response = client.get(reverse("admin:messaging_message_changelist"))
    assert response.status_code == 302
