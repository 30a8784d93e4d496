"""`do_send_message`: what is stored, what the thread records, who is told — and what is refused."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied

from yorozu.messaging.actions import (
    MessageRefused,
    do_mark_thread_read,
    do_send_message,
)
from yorozu.messaging.models import Message, MessageStatus
from yorozu.messaging.selectors import unread_thread_count, visible_messages
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.messaging.tests.samples import engine_verdict
from yorozu.notifications.models import Notification


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def test_a_message_is_stored_stripped_and_marks_the_thread(thread, worker_user, client_user):
    message = send(thread, worker_user, "  \n ご提案ありがとうございます。\n ")
    thread.refresh_from_db()
    assert message.body == "ご提案ありがとうございます。"
    assert message.status == MessageStatus.DELIVERED
    assert thread.last_message_at == message.created_at
    assert thread.worker_last_read_at == message.created_at
    assert thread.client_last_read_at is None
    assert unread_thread_count(client_user) == 1
    assert unread_thread_count(worker_user) == 0


@pytest.mark.parametrize(
    "body",
    ["", "   \n\t ", "あ" * 5001, "途中に\x00ヌル文字"],
    ids=["empty", "blank", "too-long", "nul"],
)
def test_a_bad_body_is_refused_and_nothing_is_stored(thread, worker_user, body):
    with pytest.raises(MessageRefused):
        send(thread, worker_user, body)
    thread.refresh_from_db()
    assert not Message.objects.exists()
    assert thread.last_message_at is None
    assert not Notification.objects.exists()


def test_exactly_5000_characters_are_accepted(thread, worker_user):
    assert len(send(thread, worker_user, "あ" * 5000).body) == 5000


def test_the_refusal_says_why_in_japanese(thread, worker_user):
    with pytest.raises(MessageRefused) as refused:
        send(thread, worker_user, "あ" * 5001)
    assert "5,000" in str(refused.value.message)
    assert "文字" in str(refused.value.message)


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_only_the_two_parties_send(thread, cast, who):
    with pytest.raises(PermissionDenied):
        send(thread, cast[who], "関係のない人からのメッセージ")
    assert not Message.objects.exists()


def test_the_actor_must_be_the_sender(thread, worker_user, client_user):
    with pytest.raises(PermissionDenied):
        do_send_message(
            thread=thread,
            sender=worker_user,
            body="なりすまし",
            idempotency_key=uuid.uuid4().hex,
            actor=client_user,
        )
    assert not Message.objects.exists()


def test_the_same_key_twice_stores_one_message(thread, worker_user, client_user):
    key = uuid.uuid4().hex
    first = send(thread, worker_user, "一度だけ届くはずのメッセージ", key=key)
    second = send(thread, worker_user, "一度だけ届くはずのメッセージ", key=key)
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert Notification.objects.filter(user=client_user).count() == 1


def test_different_keys_are_different_messages(thread, worker_user):
    send(thread, worker_user, "同じ文面")
    send(thread, worker_user, "同じ文面")
    assert Message.objects.count() == 2


def test_many_messages_keep_the_order_they_were_sent_in(thread, worker_user, client_user):
    sent = [send(thread, [worker_user, client_user][i % 2], f"メッセージ {i}") for i in range(30)]
    shown = list(visible_messages(thread, client_user).order_by("created_at", "id"))
    assert [m.pk for m in shown] == [m.pk for m in sent]
    assert [m.pk for m in Message.objects.filter(thread=thread)] == [m.pk for m in sent]


def test_messages_stored_in_the_same_instant_are_ordered_by_id(thread, worker_user):
    sent = [send(thread, worker_user, f"同時刻 {i}") for i in range(5)]
    Message.objects.update(created_at=sent[0].created_at)
    assert [m.pk for m in Message.objects.filter(thread=thread)] == sorted(m.pk for m in sent)


def test_unread_counts_for_both_parties(thread, worker_user, client_user):
    send(thread, worker_user, "はじめまして")
    assert (unread_thread_count(client_user), unread_thread_count(worker_user)) == (1, 0)
    thread.refresh_from_db()
    assert do_mark_thread_read(thread, actor=client_user) is True
    assert (unread_thread_count(client_user), unread_thread_count(worker_user)) == (0, 0)
    send(thread, client_user, "よろしくお願いします")
    assert (unread_thread_count(client_user), unread_thread_count(worker_user)) == (0, 1)


def test_marking_an_already_read_thread_changes_nothing(thread, worker_user, client_user):
    send(thread, worker_user, "はじめまして")
    thread.refresh_from_db()
    do_mark_thread_read(thread, actor=client_user)
    thread.refresh_from_db()
    assert do_mark_thread_read(thread, actor=client_user) is False


def test_a_burst_of_messages_is_one_notification_and_one_email(
    thread, worker_user, client_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(5):
            send(thread, worker_user, f"連投 {i}")
    unread = Notification.objects.filter(user=client_user, kind="message", read_at__isnull=True)
    assert unread.count() == 1
    assert unread.get().url == f"/messages/{thread.pk}/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [client_user.email]
    assert "連投" not in mailoutbox[0].body  # the text is read on the site, beside its cautions


def test_reading_the_thread_rearms_its_notification(
    thread, worker_user, client_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(thread, worker_user, "一通目")
        thread.refresh_from_db()
        do_mark_thread_read(thread, actor=client_user)
        send(thread, worker_user, "二通目")
    assert Notification.objects.filter(user=client_user, kind="message").count() == 2
    assert Notification.objects.filter(user=client_user, read_at__isnull=True).count() == 1
    assert len(mailoutbox) == 2


def test_the_sender_is_not_notified_of_their_own_message(thread, worker_user):
    send(thread, worker_user, "自分には通知しない")
    assert not Notification.objects.filter(user=worker_user).exists()


# ---- the assessment hook: the verdict decides (engine verdicts: see test_verdicts.py) -------


def test_a_held_message_is_seen_by_its_sender_only(thread, worker_user, client_user):
    assert engine_verdict(samples.HOLD) == "hold"
    message = send(thread, worker_user, samples.HOLD)
    thread.refresh_from_db()
    assert message.status == MessageStatus.HELD
    assert list(visible_messages(thread, worker_user)) == [message]
    assert list(visible_messages(thread, client_user)) == []
    assert thread.last_message_at is None
    assert unread_thread_count(client_user) == 0
    assert not Notification.objects.exists()
