"""The scheduler: registered entries, each enqueued once per slot on the real database queue."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from yorozu.core.models import ScheduledRun
from yorozu.core.scheduler import DailyTask, PeriodicTask, enqueue_due_tasks, registered

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TOKYO = datetime.timezone(datetime.timedelta(hours=9))


@pytest.mark.django_db(transaction=True)
def test_scheduler_enqueues_each_daily_task_once_per_day():
    schedule = (DailyTask("yorozu.certification.tasks.evaluate_all_clients", datetime.time(3)),)
    early = datetime.datetime(2030, 6, 1, 2, 59, tzinfo=TOKYO)
    due = datetime.datetime(2030, 6, 1, 3, 0, tzinfo=TOKYO)
    with override_settings(TASKS=DB_QUEUE):
        assert enqueue_due_tasks(early, schedule) == []
        assert enqueue_due_tasks(due, schedule) == [schedule[0].task_path]
        assert enqueue_due_tasks(due + datetime.timedelta(hours=5), schedule) == []
        assert DBTaskResult.objects.count() == 1
        next_day = due + datetime.timedelta(days=1)
        assert enqueue_due_tasks(next_day, schedule) == [schedule[0].task_path]
    assert list(ScheduledRun.objects.order_by("slot").values_list("slot", flat=True)) == [
        "2030-06-01",
        "2030-06-02",
    ]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_periodic_task_is_enqueued_once_per_interval():
    every = datetime.timedelta(minutes=5)
    schedule = (PeriodicTask("yorozu.contracts.tasks.sweep_contract_deadlines", every),)
    start = datetime.datetime(2030, 6, 1, 10, 0, tzinfo=TOKYO)
    with override_settings(TASKS=DB_QUEUE):
        assert enqueue_due_tasks(start, schedule) == [schedule[0].task_path]
        assert enqueue_due_tasks(start + datetime.timedelta(minutes=4), schedule) == []
        assert enqueue_due_tasks(start + every, schedule) == [schedule[0].task_path]
        assert DBTaskResult.objects.count() == 2


def test_apps_register_their_entries():
    paths = {entry.task_path for entry in registered()}
    assert {
        "yorozu.certification.tasks.evaluate_all_clients",
        "yorozu.contracts.tasks.sweep_contract_deadlines",
    } <= paths


def test_run_scheduler_once(db):
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)  # ImmediateBackend: runs at once
    runs = ScheduledRun.objects.count()
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert ScheduledRun.objects.count() == runs
    assert "sweep_contract_deadlines" in out.getvalue()
