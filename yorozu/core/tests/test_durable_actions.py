"""Outermost actions cannot be nested by mistake: wrapping one in a transaction of one's own
fails at once, in tests as in production (accepting a scout used to wrap the send path against
its docstring, and a refusal that needed its own commit surfaced as a 500)."""

import pytest
from django.db import transaction

from yorozu.jobs.actions import do_post_job
from yorozu.jobs.tests.test_job_screening import data
from yorozu.messaging.tests.factories import ThreadFactory, send

pytestmark = pytest.mark.django_db


def test_an_outermost_action_refuses_to_run_inside_another_transaction(client_user, worker_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        send(thread, worker_user, "よろしくお願いします。")
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        do_post_job(client=client_user, data=data(), actor=client_user)


def test_on_its_own_it_runs(client_user, worker_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    assert send(thread, worker_user, "よろしくお願いします。").pk
