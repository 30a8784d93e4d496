"""Every message is assessed as it is sent, in its thread's context, and the verdict decides."""

import pytest
from django.contrib.contenttypes.models import ContentType

from yorozu.console.actions import do_decide_case
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging import screening
from yorozu.messaging.actions import (
    ensure_thread,
)
from yorozu.messaging.models import Message, MessageStatus
from yorozu.messaging.screening import highlight, thread_stage
from yorozu.messaging.selectors import unread_thread_count, visible_messages
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.moderation.actions import CaseError
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import Blocked, recent_offences


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def case_for(obj, queue):
    return ModerationCase.objects.filter(
        queue=queue, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


def test_the_samples_mean_what_the_tests_say():
    assert samples.engine_verdict(samples.GREETING) == "allow"
    assert samples.engine_verdict(samples.WARN) == "warn"
    assert samples.engine_verdict(samples.HOLD, role="client") == "hold"
    assert samples.engine_verdict(samples.LINE_ID) == "block"
    assert samples.engine_verdict(samples.LINE_ID, stage="post_contract") == "allow"
    assert samples.engine_verdict(samples.SLACK_INVITE, stage="post_contract") == "allow"


def test_allow_delivers_and_stores_no_assessment(thread, worker_user, client_user):
    message = send(thread, worker_user, samples.GREETING)
    assert message.status == MessageStatus.DELIVERED
    assert message.assessment == {}
    assert Notification.objects.filter(user=client_user, kind="message").count() == 1


def test_warn_delivers_with_the_reasons_stored(thread, worker_user, client_user):
    message = send(thread, worker_user, samples.WARN)
    assert message.status == MessageStatus.WARNED
    assert message.assessment["verdict"] == "warn"
    codes = [r["code"] for r in message.assessment["reasons"]]
    assert "offplatform.direct_deal_term" in codes
    assert list(visible_messages(thread, client_user)) == [message]
    assert message.reason_messages()  # the reader's warning has words
    assert Notification.objects.filter(user=client_user, kind="message").count() == 1


def test_hold_stores_for_the_sender_only_and_opens_a_case(thread, worker_user, client_user):
    message = send(thread, client_user, samples.HOLD)
    assert message.status == MessageStatus.HELD
    assert list(visible_messages(thread, worker_user)) == []
    assert list(visible_messages(thread, client_user)) == [message]
    case = case_for(message, "messages")
    assert case is not None
    assert (case.subject_user, case.reason_code, case.status) == (client_user, "trust_hold", "open")
    assert case.assessment["verdict"] == "hold"
    assert case.events.get().event_type == "opened"
    assert not Notification.objects.filter(user=worker_user).exists()


def test_block_stores_nothing_but_the_attempt_and_says_where(thread, worker_user, client_user):
    with pytest.raises(Blocked) as refused:
        send(thread, worker_user, samples.LINE_ID)
    assert refused.value.code == "blocked"
    assert refused.value.text == samples.LINE_ID
    spans = {samples.LINE_ID[r["start"] : r["end"]] for r in refused.value.reasons}
    assert "LINE" in spans
    assert not Message.objects.exists()
    assert not Notification.objects.exists()
    attempt = ScreeningRecord.objects.get()
    assert (attempt.author, attempt.scope, attempt.text, attempt.kind) == (
        worker_user,
        f"thread:{thread.pk}",
        samples.LINE_ID,
        "message",
    )
    assert attempt.verdict == attempt.assessment["verdict"] == "block"
    thread.refresh_from_db()
    assert thread.last_message_at is None


def test_highlight_marks_spans_merges_overlaps_and_clips():
    reasons = [
        {"start": 0, "end": 4, "message_ja": "A"},
        {"start": 2, "end": 6, "message_ja": "B"},
        {"start": 10, "end": 99, "message_ja": "C"},
    ]
    segments = highlight("0123456789ab", reasons)
    assert "".join(s.text for s in segments) == "0123456789ab"
    assert [(s.text, s.reasons) for s in segments] == [
        ("01", ("A",)),
        ("23", ("A", "B")),
        ("45", ("B",)),
        ("6789", ()),
        ("ab", ("C",)),
    ]
    assert highlight("", reasons) == []


# ---- the stage: before escrow, after it, and the approved exception ------------------------


@pytest.mark.parametrize("status", ["offered", "accepted", "cancelled"])
def test_before_funding_the_thread_is_pre_contract(client_user, worker_user, status):
    contract = ContractFactory(client=client_user, worker=worker_user, status=status)
    thread = ensure_thread(contract.job, worker_user)
    assert thread_stage(thread) == "pre_contract"
    with pytest.raises(Blocked):
        send(thread, worker_user, samples.LINE_ID)


@pytest.mark.parametrize("status", ["funded", "delivered", "completed", "disputed"])
def test_from_funding_on_contact_details_are_delivered(client_user, worker_user, status):
    contract = ContractFactory(client=client_user, worker=worker_user, status=status)
    thread = ensure_thread(contract.job, worker_user)
    assert thread_stage(thread) == "post_contract"
    for body in (samples.LINE_ID, samples.EMAIL, samples.SLACK_INVITE):
        assert send(thread, worker_user, body).status == MessageStatus.DELIVERED
    assert not ScreeningRecord.objects.exists()


def test_another_workers_funded_contract_does_not_open_this_thread(client_user, worker_user):
    contract = ContractFactory(client=client_user, status="funded")
    thread = ensure_thread(contract.job, worker_user)
    assert thread_stage(thread) == "pre_contract"


def test_the_sender_role_is_their_role_in_the_thread(thread, client_user, monkeypatch):
    seen = {}
    real = screening.screen

    def spy(kind, text, *, author=None, context=None):
        seen.update(kind=kind, context=context)
        return real(kind, text, author=author, context=context)

    monkeypatch.setattr(screening, "screen", spy)
    send(thread, client_user, samples.GREETING)
    assert seen["kind"] == "message"
    assert seen["context"].sender_role == "client"
    assert seen["context"].job_title == thread.job.title
    assert seen["context"].job_text == thread.job.description


# ---- bait-and-switch: the posting is the context -------------------------------------------


def test_a_pitch_for_other_work_with_a_site_is_flagged_one_about_the_job_is_not(
    client_user, worker_user
):
    job = JobFactory(client=client_user, title=samples.JOB_TITLE, description=samples.JOB_TEXT)
    thread = ensure_thread(job, worker_user)
    bait = send(thread, client_user, samples.BAIT)
    about = send(thread, client_user, samples.ABOUT_THE_JOB)
    assert bait.status == MessageStatus.WARNED
    assert any(r["category"] == "bait_switch" for r in bait.assessment["reasons"])
    assert about.status == MessageStatus.DELIVERED


def test_the_same_link_is_fine_when_the_posting_carries_it(client_user, worker_user):
    job = JobFactory(
        client=client_user,
        title=samples.JOB_TITLE,
        description=samples.JOB_TEXT + " 参考: https://side-biz.example.net/entry",
    )
    thread = ensure_thread(job, worker_user)
    assert send(thread, client_user, samples.BAIT).status == MessageStatus.DELIVERED


# ---- held messages: released or rejected by the secretariat ---------------------------------


def test_releasing_a_held_message_delivers_it_and_decides_the_case(
    thread, client_user, worker_user, staff_user
):
    message = send(thread, client_user, samples.HOLD)
    case = ModerationCase.objects.get(queue="messages")
    do_decide_case(case, decision="approve", actor=staff_user)
    released = Message.objects.get(pk=message.pk)
    assert released.status == MessageStatus.DELIVERED
    assert list(visible_messages(thread, worker_user)) == [released]
    case = ModerationCase.objects.get(queue="messages")
    assert (case.status, case.decision, case.decided_by) == ("decided", "approve", staff_user)
    assert unread_thread_count(worker_user) == 1
    assert Notification.objects.filter(user=worker_user, kind="message").exists()
    assert Notification.objects.filter(user=client_user, kind="message_released").exists()
    with pytest.raises(CaseError):
        do_decide_case(case, decision="approve", actor=staff_user)
    # Its hold no longer counts against the sender.
    assert not recent_offences(client_user)


def test_rejecting_a_held_message_keeps_it_from_the_reader_and_tells_the_sender(
    thread, client_user, worker_user, staff_user
):
    message = send(thread, client_user, samples.HOLD)
    case = ModerationCase.objects.get(queue="messages")
    do_decide_case(case, decision="reject", reason="前払いの要求は禁止です。", actor=staff_user)
    rejected = Message.objects.get(pk=message.pk)
    assert rejected.status == MessageStatus.REJECTED
    assert list(visible_messages(thread, worker_user)) == []
    case = ModerationCase.objects.get(queue="messages")
    assert (case.decision, case.decision_reason) == ("reject", "前払いの要求は禁止です。")
    note = Notification.objects.get(user=client_user, kind="message_rejected")
    assert "前払いの要求は禁止です。" in note.body
    assert not Notification.objects.filter(user=worker_user).exists()


def test_a_case_claimed_by_another_reviewer_cannot_be_decided_here(
    thread, client_user, staff_user, cast
):
    from yorozu.accounts.tests.factories import StaffFactory
    from yorozu.moderation.actions import do_claim_case

    message = send(thread, client_user, samples.HOLD)
    other = StaffFactory()
    do_claim_case(ModerationCase.objects.get(), actor=other)
    with pytest.raises(CaseError):
        do_decide_case(ModerationCase.objects.get(), decision="approve", actor=staff_user)
    message.refresh_from_db()
    assert message.status == MessageStatus.HELD


def test_delivered_messages_index_their_contact_tokens_for_the_console(client_user, worker_user):
    """A phone number or address in a delivered message is findable from other accounts' cases;
    a message without one writes no token row."""
    from yorozu.trust.models import ContentToken

    contract = ContractFactory(client=client_user, worker=worker_user, status="funded")
    thread = ensure_thread(contract.job, worker_user)
    plain = send(thread, worker_user, samples.GREETING)
    with_email = send(thread, worker_user, samples.EMAIL)
    ct = ContentType.objects.get_for_model(Message)
    assert not ContentToken.objects.filter(content_type=ct, object_id=plain.pk).exists()
    tokens = ContentToken.objects.filter(content_type=ct, object_id=with_email.pk)
    assert [(t.kind, t.user_id) for t in tokens] == [("email", worker_user.pk)]


def test_a_contact_detail_split_after_a_held_first_message_is_refused(thread, worker_user):
    """The first half of a split contact detail is held (stored, not delivered: the thread
    still shows no message); the second is read with it and refused (issue 14)."""
    first = send(thread, worker_user, "LINEやってますか？")
    assert first.status == MessageStatus.HELD
    thread.refresh_from_db()
    assert thread.last_message_at is None
    with pytest.raises(Blocked):
        send(thread, worker_user, "hina0123 で検索してみて")
    assert not Message.objects.filter(thread=thread, body__contains="hina0123").exists()
