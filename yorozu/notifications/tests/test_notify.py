"""`do_notify`: stored with the change that caused it, e-mailed only once that change commits."""

import pytest
from django.db import transaction

from yorozu.notifications.actions import do_notify
from yorozu.notifications.models import Notification


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_committed_action_sends_exactly_one_email(worker_user, mailoutbox):
    with transaction.atomic():
        do_notify(worker_user, kind="hire", title="契約のオファーが届きました", url="/contracts/1/")
        assert len(mailoutbox) == 0  # not before the commit
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [worker_user.email]
    assert "契約のオファーが届きました" in mail.subject
    assert "/contracts/1/" in mail.body
    assert Notification.objects.filter(user=worker_user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_action_sends_no_email_and_stores_nothing(worker_user, mailoutbox):
    with pytest.raises(Rollback), transaction.atomic():
        do_notify(worker_user, kind="hire", title="届かないはずの通知")
        raise Rollback
    assert mailoutbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_collapsed_notification_is_one_row_and_one_email_until_read(worker_user, mailoutbox):
    first = do_notify(worker_user, kind="message", title="一通目", collapse_key="thread:1")
    again = do_notify(worker_user, kind="message", title="二通目", collapse_key="thread:1")
    other = do_notify(worker_user, kind="message", title="別スレッド", collapse_key="thread:2")
    assert again.pk == first.pk
    assert other.pk != first.pk
    assert len(mailoutbox) == 2
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    after_read = do_notify(worker_user, kind="message", title="三通目", collapse_key="thread:1")
    assert after_read.pk not in (first.pk, other.pk)
    assert len(mailoutbox) == 3


def test_notifications_without_a_key_never_collapse(worker_user):
    do_notify(worker_user, kind="proposal", title="提案 1")
    do_notify(worker_user, kind="proposal", title="提案 2")
    assert Notification.objects.filter(user=worker_user).count() == 2


def test_a_notification_is_written_in_the_recipients_language_not_the_actors(
    client_user, worker_user
):
    """The actor may browse in English; the recipient still reads Japanese (issue 15: nine
    copies of this rule had drifted — a scout's text was rendered in the sender's language)."""
    from django.utils import translation

    from yorozu.messaging.tests.factories import ThreadFactory, send
    from yorozu.notifications.models import Notification

    thread = ThreadFactory(client=client_user, worker=worker_user)
    with translation.override("en"):
        send(thread, worker_user, "はじめまして。よろしくお願いします。")
    note = Notification.objects.get(user=client_user, kind="message")
    assert "メッセージ" in note.title and "message" not in note.title.lower()
