"""The tasks through the real database queue, the scheduler and the management commands."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from yorozu.certification.models import CertificationStatus, ScheduledRun
from yorozu.certification.scheduler import DailyTask, enqueue_due_tasks
from yorozu.certification.tasks import evaluate_all_clients
from yorozu.certification.tests import builders as b

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TOKYO = datetime.timezone(datetime.timedelta(hours=9))


@pytest.mark.django_db(transaction=True)
def test_daily_task_runs_through_the_database_queue():
    from django.utils import timezone

    owner = b.certified_client(timezone.now())
    with override_settings(TASKS=DB_QUEUE):
        result = evaluate_all_clients.enqueue()
        assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
        assert not CertificationStatus.objects.exists()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        row = DBTaskResult.objects.get(id=result.id)
        assert row.status == "SUCCESSFUL", row.traceback
        assert row.return_value == {"clients": 1, "certified": 1, "granted": 1, "revoked": 0}
    assert CertificationStatus.objects.get(client=owner).certified


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
    assert list(ScheduledRun.objects.order_by("run_date").values_list("run_date", flat=True)) == [
        datetime.date(2030, 6, 1),
        datetime.date(2030, 6, 2),
    ]
    assert DBTaskResult.objects.count() == 2


def test_run_scheduler_once(db):
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)  # ImmediateBackend: runs at once
    runs = ScheduledRun.objects.count()
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert ScheduledRun.objects.count() == runs <= 1


def test_evaluate_certifications_command(db):
    from django.utils import timezone

    owner = b.certified_client(timezone.now())
    out = StringIO()
    call_command("evaluate_certifications", "-v", "2", stdout=out)
    assert "Evaluated 1 clients" in out.getvalue()
    assert "1 certified" in out.getvalue()
    assert "completed_order_value/182d" in out.getvalue()
    assert CertificationStatus.objects.get(client=owner).certified
