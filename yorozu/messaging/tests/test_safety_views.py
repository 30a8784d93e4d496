"""What each reader sees: the caution worded for them, warnings beside messages, the refused
draft with its flagged parts, and the pre-send nudge."""

import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from yorozu.contracts.tests.factories import ContractFactory
from yorozu.messaging.actions import ensure_thread
from yorozu.messaging.models import Caution, Message
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.trust.models import ScreeningRecord

REPORT = reverse("enforcement:report")


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def page(client, user, thread):
    client.force_login(user)
    return client.get(reverse("messaging:thread", args=[thread.pk])).text


# ---- cautions ------------------------------------------------------------------------------


def test_the_worker_reads_the_workers_caution(client, thread, worker_user, client_user):
    html = page(client, worker_user, thread)
    worker = Caution.objects.get(reader_role="worker")
    client_copy = Caution.objects.get(reader_role="client")
    assert 'data-reader="worker"' in html
    assert worker.title_ja in html and client_copy.title_ja not in html
    assert "LINE" in html and "Chatwork" in html  # moving apps before a contract
    assert "/help/guidelines/#prohibited-off-platform" in html
    assert "/help/faq/" in html
    assert f"{REPORT}?target=user&amp;id={client_user.pk}" in html


def test_the_client_reads_the_clients_caution(client, thread, worker_user, client_user):
    html = page(client, client_user, thread)
    assert 'data-reader="client"' in html
    assert Caution.objects.get(reader_role="client").title_ja in html
    assert Caution.objects.get(reader_role="worker").title_ja not in html
    assert "新しい案件として掲載" in html  # pitch different work as a new job
    assert "/help/guidelines/#prohibited-off-platform" in html
    assert "/help/faq/" in html
    assert f"{REPORT}?target=user&amp;id={worker_user.pk}" in html


def test_the_caution_is_the_secretariats_copy_and_can_be_switched_off(client, thread, worker_user):
    Caution.objects.filter(reader_role="worker").update(
        title_ja="事務局からのお願い",
        body_ja="[報告のしかた](/safety/#reports) <script>x()</script>",
    )
    html = page(client, worker_user, thread)
    assert "事務局からのお願い" in html
    assert 'href="/safety/#reports"' in html
    assert "<script>x()" not in html
    Caution.objects.filter(reader_role="worker").update(enabled=False)
    assert 'id="caution"' not in page(client, worker_user, thread)


def test_the_caution_is_in_english_for_english_readers(client, thread, worker_user):
    client.force_login(worker_user)
    html = client.get(reverse("messaging:thread", args=[thread.pk]), HTTP_ACCEPT_LANGUAGE="en").text
    if 'lang="en"' not in html:
        pytest.skip("the site does not negotiate English from the header")
    assert Caution.objects.get(reader_role="worker").title_en in html


# ---- warnings beside messages, report links -------------------------------------------------


def test_the_reader_sees_a_warning_with_its_reason_beside_a_warned_message(
    client, thread, worker_user, client_user
):
    message = send(thread, worker_user, samples.WARN)
    reason = message.assessment["reasons"][0]["message_ja"]
    html = page(client, client_user, thread)
    assert 'class="message-warning"' in html
    assert reason in html
    assert f"{REPORT}?target=message&amp;id={message.pk}" in html
    mine = page(client, worker_user, thread)
    assert 'class="message-warning"' not in mine  # the sender gets a note, not the warning
    assert "mine-warning" in mine
    assert f"target=message&amp;id={message.pk}" not in mine


def test_a_clean_message_carries_no_warning(client, thread, worker_user, client_user):
    send(thread, worker_user, samples.GREETING)
    assert "message-warning" not in page(client, client_user, thread)


# ---- the refused send -----------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_blocked_message_comes_back_with_the_draft_and_the_flagged_parts(
    client, thread, worker_user, htmx
):
    client.force_login(worker_user)
    draft = "<b>よろしく</b> " + samples.LINE_ID
    key = uuid.uuid4().hex
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(
        reverse("messaging:send", args=[thread.pk]),
        {"body": draft, "idempotency_key": key},
        **headers,
    )
    assert response.status_code == (200 if htmx else 400)
    html = response.text
    assert 'id="refusal"' in html
    assert "<mark" in html and ">LINE" in html
    assert "&lt;b&gt;よろしく&lt;/b&gt;" in html  # the draft is escaped everywhere
    assert "<b>よろしく" not in html
    assert "印の付いた部分を書き直してください" in html
    assert f'value="{key}"' in html
    assert not Message.objects.exists()
    assert ScreeningRecord.objects.count() == 1


# ---- the pre-send nudge ----------------------------------------------------------------------


def nudge(client, thread, body, **extra):
    return client.post(reverse("messaging:nudge", args=[thread.pk]), {"body": body}, **extra)


def test_the_nudge_says_what_would_be_flagged_and_stores_nothing(client, thread, worker_user):
    client.force_login(worker_user)
    response = nudge(client, thread, samples.LINE_ID, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<div id="nudge"')
    assert "nudge-block" in html and "<mark" in html
    assert "このままでは送信できません" in html
    assert not Message.objects.exists()
    assert not ScreeningRecord.objects.exists()


def test_the_nudge_is_quiet_for_a_clean_draft(client, thread, worker_user):
    client.force_login(worker_user)
    html = nudge(client, thread, samples.GREETING).text
    assert "nudge-flagged" not in html and "<mark" not in html


def test_after_funding_the_nudge_gives_a_gentle_note_for_contact_details(
    client, client_user, worker_user
):
    contract = ContractFactory(client=client_user, worker=worker_user, status="funded")
    thread = ensure_thread(contract.job, worker_user)
    client.force_login(worker_user)
    html = nudge(client, thread, samples.LINE_ID).text
    assert "nudge-flagged" not in html
    assert "nudge-note" in html and "仮払い済み" in html


@pytest.mark.parametrize("data", [{}, {"body": ""}, {"body": ["a", "b"]}, {"body": "\x00"}])
def test_a_malformed_nudge_never_errors(client, thread, worker_user, data):
    client.force_login(worker_user)
    response = client.post(reverse("messaging:nudge", args=[thread.pk]), data)
    assert response.status_code == 200
    assert "nudge-flagged" not in response.text


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("staff", 404)])
def test_only_the_parties_are_nudged(client, cast, thread, who, status):
    client.force_login(cast[who])
    assert nudge(client, thread, samples.LINE_ID).status_code == status


def test_the_nudge_takes_post_with_csrf(thread, worker_user):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(worker_user)
    url = reverse("messaging:nudge", args=[thread.pk])
    assert strict.get(url).status_code == 405
    assert strict.post(url, {"body": samples.LINE_ID}).status_code == 403


def test_the_nudge_is_rate_limited_per_user(client, thread, worker_user, settings):
    settings.MESSAGING_NUDGE_PER_MINUTE = 3
    client.force_login(worker_user)
    flagged = ["nudge-flagged" in nudge(client, thread, samples.LINE_ID).text for _ in range(5)]
    assert flagged == [True, True, True, False, False]
    assert "チェックを一時停止" in nudge(client, thread, samples.LINE_ID).text
