"""The tasks through the real database queue and the management commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from yorozu.certification.models import CertificationStatus
from yorozu.certification.tasks import evaluate_all_clients
from yorozu.certification.tests import builders as b

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


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


def test_evaluate_certifications_command(db):
    from django.utils import timezone

    owner = b.certified_client(timezone.now())
    out = StringIO()
    call_command("evaluate_certifications", "-v", "2", stdout=out)
    assert "Evaluated 1 clients" in out.getvalue()
    assert "1 certified" in out.getvalue()
    assert "completed_order_value/182d" in out.getvalue()
    assert CertificationStatus.objects.get(client=owner).certified


def test_daily_evaluation_is_registered_with_the_scheduler():
    from yorozu.core.scheduler import DailyTask, registered

    assert (
        DailyTask(
            "yorozu.certification.tasks.evaluate_all_clients", __import__("datetime").time(3, 0)
        )
        in registered()
    )
