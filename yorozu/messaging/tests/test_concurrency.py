"""Idempotency under real concurrency: two threads, one key, one stored message."""

import sqlite3
import threading
import uuid

import pytest
from django.db import connection, connections

from yorozu.messaging.actions import do_send_message
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.notifications.models import Notification


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """On SQLite, run the test on a database file, as production does.

    pytest-django keeps the SQLite test database in memory with a shared cache, where a second
    writer fails at once ("database table is locked") instead of waiting for the first as
    busy_timeout makes it do on a file. So the in-memory database is copied to a file and every
    connection — this thread's and the ones the test starts — opens the file, with the project's
    own settings (WAL, busy_timeout, IMMEDIATE transactions). On PostgreSQL nothing changes.
    """
    memory = connections["default"]
    if memory.vendor != "sqlite" or not memory.is_in_memory_db():
        yield
        return
    memory.ensure_connection()
    path = tmp_path / "concurrency.sqlite3"
    target = sqlite3.connect(path)
    memory.connection.backup(target)
    target.close()
    shared_settings = connections.settings["default"]  # what each thread's connection opens
    original_name = shared_settings["NAME"]
    shared_settings["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        shared_settings["NAME"] = original_name
        connections["default"] = memory


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
