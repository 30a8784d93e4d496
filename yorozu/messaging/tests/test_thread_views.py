"""The thread page and sending: who may see and send, with and without htmx, drafts kept."""

import re
import uuid

import pytest
from django.urls import reverse

from yorozu.contracts.tests.factories import ContractFactory
from yorozu.messaging import actions
from yorozu.messaging.models import Message
from yorozu.messaging.selectors import unread_thread_count
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.messaging.tests.samples import engine_verdict
from yorozu.notifications.models import Notification

CAST = ["client", "worker", "outsider", "staff"]
KEY_INPUT = re.compile(r'name="idempotency_key" value="([0-9a-f]{32})"')


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def thread_url(thread):
    return reverse("messaging:thread", args=[thread.pk])


def send_url(thread):
    return reverse("messaging:send", args=[thread.pk])


def snapshot(thread):
    thread.refresh_from_db()
    return (
        Message.objects.count(),
        Notification.objects.count(),
        thread.last_message_at,
        thread.client_last_read_at,
        thread.worker_last_read_at,
    )


# ---- who may see and send -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("client", 200), ("worker", 200), ("outsider", 404), ("staff", 404)]
)
def test_only_the_two_parties_see_a_thread(client, cast, thread, worker_user, who, status):
    send(thread, worker_user, "はじめまして、よろしくお願いします。")
    before = snapshot(thread)
    client.force_login(cast[who])
    response = client.get(thread_url(thread))
    assert response.status_code == status
    if status == 404:
        assert "はじめまして" not in response.text
        assert snapshot(thread) == before  # a refused look marks nothing read


@pytest.mark.parametrize("who", CAST)
def test_only_the_two_parties_send(client, cast, thread, who):
    before = snapshot(thread)
    client.force_login(cast[who])
    response = client.post(
        send_url(thread), {"body": "送れるかどうか", "idempotency_key": uuid.uuid4().hex}
    )
    if who in ("client", "worker"):
        assert response.status_code == 302
        assert Message.objects.count() == 1
    else:
        assert response.status_code == 404
        assert snapshot(thread) == before


def test_signed_out_visitors_are_sent_to_log_in(client, thread):
    for url in (thread_url(thread), reverse("messaging:inbox")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(send_url(thread), {"body": "匿名", "idempotency_key": uuid.uuid4().hex})
    assert response.status_code == 302
    assert not Message.objects.exists()


def test_a_thread_that_does_not_exist_is_404(client, worker_user):
    client.force_login(worker_user)
    assert client.get("/messages/999999/").status_code == 404
    assert client.post("/messages/999999/send/", {"body": "x"}).status_code == 404


def test_send_only_takes_post(client, worker_user, thread):
    client.force_login(worker_user)
    assert client.get(send_url(thread)).status_code == 405


# ---- the thread page ------------------------------------------------------------------------


def test_the_page_shows_messages_in_order_with_own_ones_marked(
    client, thread, worker_user, client_user
):
    send(thread, worker_user, "一通目です")
    send(thread, client_user, "二通目です")
    send(thread, worker_user, "三通目です")
    client.force_login(worker_user)
    html = client.get(thread_url(thread)).text
    assert html.index("一通目です") < html.index("二通目です") < html.index("三通目です")
    assert html.count('class="message mine"') == 2
    assert html.count('class="message"') == 1
    assert reverse("jobs:detail", args=[thread.job_id]) in html
    assert thread.job.title in html
    assert KEY_INPUT.search(html)


def test_the_page_links_the_contract_when_there_is_one(client, client_user, worker_user):
    contract = ContractFactory(client=client_user, worker=worker_user)
    thread = actions.ensure_thread(contract.job, worker_user)
    client.force_login(client_user)
    html = client.get(thread_url(thread)).text
    assert reverse("contracts:detail", args=[contract.pk]) in html


def test_without_a_contract_there_is_no_contract_link(client, thread, client_user):
    client.force_login(client_user)
    assert "/contracts/" not in client.get(thread_url(thread)).text


def test_opening_the_thread_marks_it_read_for_the_viewer_only(
    client, thread, worker_user, client_user
):
    send(thread, worker_user, "読んでください")
    thread.refresh_from_db()
    worker_read = thread.worker_last_read_at
    assert unread_thread_count(client_user) == 1
    client.force_login(client_user)
    client.get(thread_url(thread))
    thread.refresh_from_db()
    assert unread_thread_count(client_user) == 0
    assert thread.client_last_read_at == thread.last_message_at
    assert thread.worker_last_read_at == worker_read
    assert not Notification.objects.filter(user=client_user, read_at__isnull=True).exists()


def test_a_long_thread_pages_from_the_newest(client, thread, worker_user):
    for i in range(55):
        send(thread, worker_user, f"番号{i:02d}番")
    client.force_login(worker_user)
    newest = client.get(thread_url(thread)).text
    assert "番号54番" in newest and "番号04番" not in newest
    assert "?page=2" in newest
    older = client.get(thread_url(thread) + "?page=2").text
    assert "番号04番" in older and "番号54番" not in older
    assert client.get(thread_url(thread) + "?page=abc").status_code == 200


def test_a_held_message_shows_under_review_to_its_sender_and_nothing_to_the_reader(
    client, thread, worker_user, client_user
):
    assert engine_verdict(samples.HOLD) == "hold"
    send(thread, worker_user, samples.HOLD)
    client.force_login(worker_user)
    page = client.get(thread_url(thread)).text
    assert samples.HOLD in page and "事務局で確認中" in page
    client.force_login(client_user)
    assert samples.HOLD not in client.get(thread_url(thread)).text


# ---- sending, with and without htmx ---------------------------------------------------------


def test_sending_without_htmx_redirects_back_to_the_thread(client, thread, worker_user):
    client.force_login(worker_user)
    response = client.post(
        send_url(thread), {"body": "  送信テスト  ", "idempotency_key": uuid.uuid4().hex}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(thread_url(thread))
    assert Message.objects.get().body == "送信テスト"


def test_sending_with_htmx_swaps_in_the_messages_and_a_fresh_form(client, thread, worker_user):
    client.force_login(worker_user)
    key = uuid.uuid4().hex
    response = client.post(
        send_url(thread),
        {"body": "htmxで送信", "idempotency_key": key},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<div id="conversation">')
    assert "<html" not in html
    assert "htmxで送信" in html
    fresh_key = KEY_INPUT.search(html).group(1)
    assert fresh_key != key
    assert re.search(r"<textarea[^>]*>\s*</textarea>", html)
    assert Message.objects.count() == 1


def test_a_double_submit_through_the_form_stores_one_message(client, thread, worker_user):
    client.force_login(worker_user)
    data = {"body": "二度押し", "idempotency_key": uuid.uuid4().hex}
    client.post(send_url(thread), data)
    client.post(send_url(thread), data, HTTP_HX_REQUEST="true")
    assert Message.objects.count() == 1


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_refused_message_keeps_the_draft(client, thread, worker_user, htmx):
    client.force_login(worker_user)
    draft = "下書き" * 1700  # 5,100 characters
    key = uuid.uuid4().hex
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(send_url(thread), {"body": draft, "idempotency_key": key}, **headers)
    assert response.status_code == (200 if htmx else 400)
    assert draft in response.text
    assert "5,000文字" in response.text
    assert 'class="errorlist"' in response.text
    assert KEY_INPUT.search(response.text).group(1) == key  # nothing was stored under it
    assert not Message.objects.exists()


@pytest.mark.parametrize("key", ["", "not-a-key", "x" * 500, "A" * 32])
def test_a_missing_or_malformed_key_keeps_the_draft_and_gives_a_new_key(
    client, thread, worker_user, key
):
    client.force_login(worker_user)
    response = client.post(send_url(thread), {"body": "鍵のない送信", "idempotency_key": key})
    assert response.status_code == 400
    assert "鍵のない送信" in response.text
    assert KEY_INPUT.search(response.text)
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"body": ["a", "b"]}, {"body": "\x00"}, {"idempotency_key": uuid.uuid4().hex}],
    ids=["nothing", "two-bodies", "nul", "no-body"],
)
def test_malformed_posts_never_error(client, thread, worker_user, data):
    client.force_login(worker_user)
    response = client.post(send_url(thread), data)
    assert response.status_code == 400
    assert not Message.objects.exists()
