"""A notification's e-mail copy is a task on commit, never an SMTP round trip in the request."""

from django.core import mail
from django.db import transaction
from django.tasks import default_task_backend
from django.test import override_settings

from yorozu.notifications.actions import do_notify
from yorozu.notifications.models import Notification
from yorozu.notifications.tasks import send_notification_email

QUEUED = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@override_settings(TASKS=QUEUED)
def test_the_email_is_enqueued_on_commit_and_sent_by_the_task(
    worker_user, django_capture_on_commit_callbacks
):
    default_task_backend.clear()  # type: ignore[attr-defined]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        do_notify(worker_user, kind="test", title="テスト通知", body="本文です", url="/messages/")
        assert default_task_backend.results == []  # type: ignore[attr-defined]
    assert Notification.objects.filter(user=worker_user, title="テスト通知").exists()
    assert mail.outbox == []  # nothing sent while the request runs
    [queued] = default_task_backend.results  # type: ignore[attr-defined]
    assert queued.task.name == send_notification_email.name
    assert queued.args[:3] == [worker_user.email, "テスト通知", "本文です"]
    assert send_notification_email.call(*queued.args) is True
    [sent] = mail.outbox
    assert sent.to == [worker_user.email]
    assert sent.subject == "[yorozu] テスト通知"
    assert "/messages/\n" in sent.body  # the link, then the unsubscribe footer
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@override_settings(TASKS=QUEUED)
def test_a_rolled_back_action_enqueues_no_email(worker_user, django_capture_on_commit_callbacks):
    default_task_backend.clear()  # type: ignore[attr-defined]
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                do_notify(worker_user, kind="test", title="取り消し")
                raise RuntimeError
        except RuntimeError:
            pass
    assert default_task_backend.results == []  # type: ignore[attr-defined]
