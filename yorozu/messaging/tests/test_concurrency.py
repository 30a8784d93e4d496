"""Idempotency under real concurrency: two threads, one key, one stored message."""

import threading
import uuid

from django.db import connection, connections

from yorozu.messaging.actions import do_send_message
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.notifications.models import Notification


def test_two_threads_sending_with_the_same_key_store_one_message(
    file_database, client_user, worker_user
):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    key = uuid.uuid4().hex
    barrier = threading.Barrier(2)
    results, errors = [], []

    def post():
        try:
            barrier.wait(timeout=10)
            results.append(
                do_send_message(
                    thread=thread,
                    sender=worker_user,
                    body="同時送信のテストです。",
                    idempotency_key=key,
                    actor=worker_user,
                )
            )
        except Exception as exc:  # reported below, so the test says what went wrong
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=post) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)

    assert errors == []
    assert len(results) == 2
    assert results[0].pk == results[1].pk
    assert Message.objects.filter(thread=thread).count() == 1
    assert Notification.objects.filter(user=client_user, kind="message").count() == 1
    print(connection.vendor, connection.settings_dict["NAME"])
