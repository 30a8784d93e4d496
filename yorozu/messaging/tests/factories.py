"""Threads made as production makes them (`ensure_thread`); messages sent by the real action."""

from __future__ import annotations

import uuid

import factory

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.actions import do_send_message, ensure_thread
from yorozu.messaging.models import Message, Thread


class ThreadFactory(factory.Factory):
    """`ThreadFactory(client=..., worker=...)`: a job of the client, its thread with the worker."""

    class Meta:
        model = Thread

    client = factory.SubFactory(UserFactory, role=Role.CLIENT)
    worker = factory.SubFactory(UserFactory, role=Role.WORKER)
    job = factory.LazyAttribute(lambda o: JobFactory(client=o.client))

    @classmethod
    def _create(cls, model_class, client, worker, job):
        return ensure_thread(job, worker)


def send(
    thread: Thread, sender, body: str = "こんにちは。よろしくお願いします。", key=None
) -> Message:
    """Send a message through `do_send_message`, as the browser form would."""
    return do_send_message(
        thread=thread,
        sender=sender,
        body=body,
        idempotency_key=key if key is not None else uuid.uuid4().hex,
        actor=sender,
    )
