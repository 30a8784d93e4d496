"""The rescan through the real database-backed queue (django-tasks-db) and its worker command.

The first worker is "killed" after one batch (its process ends mid-rescan: simulated by running
one batch and leaving the task's row as it is); `db_worker --batch` then picks the enqueued task
up from the database and finishes from the chunk's cursor.
"""

import pytest
from django.core.management import call_command
from django.test import override_settings

from yorozu.jobs.models import Job, JobModeration
from yorozu.jobs.tests.factories import JobFactory
from yorozu.moderation.models import ModerationCase
from yorozu.trust.actions import do_start_rescan
from yorozu.trust.models import Rescan
from yorozu.trust.rules import forget_engine
from yorozu.trust.tasks import process_rescan

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
BAD = "在宅ワーク\n詳しくはLINEで連絡ください。"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_db_worker_resumes_a_rescan_killed_half_way(staff_user):
    from django_tasks_db.models import DBTaskResult

    from yorozu.catalog.models import Category

    forget_engine()
    # Its own category: a transactional test cannot count on the shipped taxonomy's rows.
    main, _ = Category.objects.get_or_create(
        slug="rescan-test", defaults={"name_ja": "テスト", "name_en": "Test"}
    )
    sub, _ = Category.objects.get_or_create(
        slug="rescan-test-sub", defaults={"parent": main, "name_ja": "テスト", "name_en": "Test"}
    )
    for i in range(9):
        JobFactory(
            description=BAD if i % 3 == 0 else "普通の仕事です", category=sub, main_category=main
        )
    rescan = do_start_rescan(reason="test", actor=staff_user)  # commits: the task is enqueued
    assert DBTaskResult.objects.count() == 1
    # A first worker did one batch, then died.
    process_rescan(rescan.pk, max_batches=1, batch_size=4)
    rescan.refresh_from_db()
    assert rescan.processed == 4 and rescan.status == "running"
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default")
    rescan.refresh_from_db()
    assert rescan.status == "done" and rescan.processed == 9 and rescan.new_holds == 3
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Job.objects.filter(moderation=JobModeration.HELD).count() == 3
    assert ModerationCase.objects.filter(reason_code="rescan_hold").count() == 3
    assert Rescan.objects.count() == 1
