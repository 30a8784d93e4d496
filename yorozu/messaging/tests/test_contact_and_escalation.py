"""Contact outside the platform before escrow (one request, decided by the secretariat), and
repeat offenders: slowed down, then handed to the secretariat."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse

from yorozu.console.actions import do_decide_case
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.messaging.actions import (
    ContactRequestRefused,
    do_decide_contact_request,
    do_request_contact,
    ensure_thread,
)
from yorozu.messaging.models import ContactRequest, Message, MessageStatus
from yorozu.messaging.screening import thread_stage
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import Blocked, SlowDown

REASON = "現地調査の当日に電話で連絡を取り合う必要があります。"


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


# ---- the request to contact outside the platform ---------------------------------------------


def test_a_request_opens_a_case_and_changes_nothing_while_pending(thread, worker_user):
    request = do_request_contact(thread=thread, reason=REASON, actor=worker_user)
    assert request.status == "pending"
    case = ModerationCase.objects.get(queue="contact_requests")
    assert (case.content_object, case.subject_user) == (request, worker_user)
    assert thread_stage(thread) == "pre_contract"
    with pytest.raises(Blocked):
        send(thread, worker_user, samples.LINE_ID)


def test_approval_opens_the_thread_for_contact_details_and_tells_both(
    thread, worker_user, client_user, staff_user
):
    request = do_request_contact(thread=thread, reason=REASON, actor=client_user)
    case = ModerationCase.objects.get(queue="contact_requests")
    do_decide_case(case, decision="approve", actor=staff_user)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", staff_user)
    assert ModerationCase.objects.get(queue="contact_requests").decision == "approve"
    assert thread_stage(thread) == "post_contract"
    assert send(thread, worker_user, samples.LINE_ID).status == MessageStatus.DELIVERED
    for party in (client_user, worker_user):
        assert Notification.objects.filter(user=party, kind="contact_request_decided").exists()


def test_rejection_keeps_the_thread_before_escrow(thread, worker_user, client_user, staff_user):
    request = do_request_contact(thread=thread, reason=REASON, actor=worker_user)
    do_decide_contact_request(
        request, approve=False, reason="必要性が確認できません", actor=staff_user
    )
    request.refresh_from_db()
    assert (request.status, request.decision_reason) == ("rejected", "必要性が確認できません")
    assert thread_stage(thread) == "pre_contract"
    with pytest.raises(ContactRequestRefused):
        do_decide_contact_request(request, approve=True, actor=staff_user)
    note = Notification.objects.get(user=worker_user, kind="contact_request_decided")
    assert "必要性が確認できません" in note.body


def test_one_request_per_thread(thread, worker_user, client_user):
    do_request_contact(thread=thread, reason=REASON, actor=worker_user)
    with pytest.raises(ContactRequestRefused):
        do_request_contact(thread=thread, reason=REASON, actor=client_user)
    assert ContactRequest.objects.count() == 1
    assert ModerationCase.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "短すぎ", "あ" * 1001, "ヌル\x00文字を含む理由です"])
def test_a_request_needs_a_stated_reason(thread, worker_user, reason):
    with pytest.raises(ContactRequestRefused):
        do_request_contact(thread=thread, reason=reason, actor=worker_user)
    assert not ContactRequest.objects.exists()


def test_after_funding_no_request_is_needed(client_user, worker_user):
    contract = ContractFactory(client=client_user, worker=worker_user, status="funded")
    thread = ensure_thread(contract.job, worker_user)
    with pytest.raises(ContactRequestRefused):
        do_request_contact(thread=thread, reason=REASON, actor=worker_user)
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_only_the_parties_ask(thread, cast, who):
    with pytest.raises(PermissionDenied):
        do_request_contact(thread=thread, reason=REASON, actor=cast[who])
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("worker", 302), ("outsider", 404), ("staff", 404)])
def test_the_request_form(client, cast, thread, who, status):
    client.force_login(cast[who])
    url = reverse("messaging:contact_request", args=[thread.pk])
    response = client.post(url, {"reason": REASON})
    assert response.status_code == status
    assert ContactRequest.objects.count() == (1 if status == 302 else 0)
    if status == 302:
        html = client.get(reverse("messaging:thread", args=[thread.pk])).text
        assert "事務局で確認中" in html


def test_a_bad_request_form_comes_back_with_the_reason(client, thread, worker_user):
    client.force_login(worker_user)
    url = reverse("messaging:contact_request", args=[thread.pk])
    response = client.post(url, {"reason": "短い"})
    assert response.status_code == 400
    assert "10文字以上" in response.text
    assert client.post(url, {"reason": ["a", "b"]}).status_code in (302, 400)
    assert client.get(url).status_code == 405


# ---- repeat offenders ------------------------------------------------------------------------


def blocked(thread, user, n):
    for _ in range(n):
        with pytest.raises(Blocked):
            send(thread, user, samples.LINE_ID)


def age_offences(user, seconds):
    ScreeningRecord.objects.filter(author=user).update(
        created_at=F("created_at") - timedelta(seconds=seconds)
    )


def test_repeated_blocks_slow_the_sender_down_with_the_draft_kept(thread, worker_user, settings):
    blocked(thread, worker_user, settings.SCREENING_SLOWDOWN_AFTER)
    with pytest.raises(SlowDown) as refused:
        send(thread, worker_user, samples.GREETING)
    assert refused.value.code == "slowdown" and refused.value.status == 429
    assert 0 < refused.value.retry_after <= settings.SCREENING_SLOWDOWN_SECONDS
    assert "秒後にもう一度" in str(refused.value.message)
    assert not Message.objects.exists()
    # The wait is not an offence.
    assert ScreeningRecord.objects.count() == settings.SCREENING_SLOWDOWN_AFTER
    age_offences(worker_user, settings.SCREENING_SLOWDOWN_SECONDS + 1)
    assert send(thread, worker_user, samples.GREETING).status == MessageStatus.DELIVERED


def test_below_the_threshold_there_is_no_slowdown(thread, worker_user, settings):
    blocked(thread, worker_user, settings.SCREENING_SLOWDOWN_AFTER - 1)
    assert send(thread, worker_user, samples.GREETING).status == MessageStatus.DELIVERED


def test_offences_outside_the_window_do_not_count(thread, worker_user, settings):
    blocked(thread, worker_user, settings.SCREENING_SLOWDOWN_AFTER)
    age_offences(worker_user, settings.SCREENING_REPEAT_WINDOW_SECONDS + 1)
    assert send(thread, worker_user, samples.GREETING).status == MessageStatus.DELIVERED


def test_the_slowdown_refusal_keeps_the_draft_in_the_form(client, thread, worker_user, settings):
    blocked(thread, worker_user, settings.SCREENING_SLOWDOWN_AFTER)
    client.force_login(worker_user)
    response = client.post(
        reverse("messaging:send", args=[thread.pk]),
        {"body": "書きかけの下書き", "idempotency_key": "a" * 32},
    )
    assert response.status_code == 429  # a rate limit, as every other quota answers
    assert "書きかけの下書き" in response.text
    assert "秒後にもう一度" in response.text


def test_more_offences_open_one_case_on_the_account(thread, worker_user, client_user, settings):
    settings.SCREENING_SLOWDOWN_SECONDS = 0
    send(thread, client_user, samples.HOLD)  # a hold counts for its own sender only
    blocked(thread, worker_user, settings.SCREENING_ESCALATE_AFTER - 1)
    assert not ModerationCase.objects.filter(queue="accounts").exists()
    blocked(thread, worker_user, 2)
    case = ModerationCase.objects.get(queue="accounts")
    assert case.content_type == ContentType.objects.get_for_model(worker_user)
    assert (case.object_id, case.subject_user, case.reason_code) == (
        worker_user.pk,
        worker_user,
        "repeat_offender",
    )
    assert [e.event_type for e in case.events.all()] == ["opened", "merged"]


def test_held_messages_count_as_offences(thread, client_user, settings):
    settings.SCREENING_SLOWDOWN_SECONDS = 0
    for _ in range(settings.SCREENING_ESCALATE_AFTER):
        assert send(thread, client_user, samples.HOLD).status == MessageStatus.HELD
    assert ModerationCase.objects.filter(queue="accounts", subject_user=client_user).exists()
    assert (
        ModerationCase.objects.filter(queue="messages").count() == settings.SCREENING_ESCALATE_AFTER
    )
