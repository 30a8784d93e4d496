"""A rescan of several chunks is shared: its first task enqueues helpers for the other workers.

Through the real database-backed queue: `do_start_rescan` enqueues one task; the worker that runs
it moves the rescan to running and enqueues one more task per chunk left (at most
SHARING_TASKS - 1), and every task takes chunks until none is left.
"""

import pytest
from django.core.management import call_command
from django.test import override_settings

from yorozu.jobs.models import Job, JobModeration
from yorozu.jobs.tests.factories import JobFactory
from yorozu.moderation.models import ModerationCase
from yorozu.trust import actions as trust_actions
from yorozu.trust.actions import do_start_rescan
from yorozu.trust.rules import forget_engine
from yorozu.trust.tasks import SHARING_TASKS, process_rescan

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
BAD = "在宅ワーク\n詳しくはLINEで連絡ください。"


def _jobs(count: int) -> None:
    from yorozu.catalog.models import Category

    main, _ = Category.objects.get_or_create(
        slug="rescan-share", defaults={"name_ja": "テスト", "name_en": "Test"}
    )
    sub, _ = Category.objects.get_or_create(
        slug="rescan-share-sub", defaults={"parent": main, "name_ja": "テスト", "name_en": "Test"}
    )
    for i in range(count):
        JobFactory(
            description=BAD if i % 3 == 0 else "普通の仕事です", category=sub, main_category=main
        )


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_first_task_enqueues_one_helper_per_chunk_up_to_the_limit(staff_user, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    forget_engine()
    monkeypatch.setattr(trust_actions, "RESCAN_CHUNK_IDS", 3)
    _jobs(12)  # 4 chunks of 3 ids
    rescan = do_start_rescan(reason="test", actor=staff_user)
    chunks = rescan.chunks.count()
    assert chunks >= 4
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default")

    rescan.refresh_from_db()
    assert rescan.status == "done" and rescan.processed == 12 and rescan.new_holds == 4
    results = list(DBTaskResult.objects.all())
    assert len(results) == min(SHARING_TASKS, chunks)
    assert {r.status for r in results} == {"SUCCESSFUL"}
    assert sum(r.return_value for r in results) == 12  # every job assessed exactly once
    assert Job.objects.filter(moderation=JobModeration.HELD).count() == 4
    assert ModerationCase.objects.filter(reason_code="rescan_hold").count() == 4


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_resumed_rescan_does_not_enqueue_helpers_again(staff_user, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    forget_engine()
    monkeypatch.setattr(trust_actions, "RESCAN_CHUNK_IDS", 3)
    _jobs(6)
    rescan = do_start_rescan(reason="test", actor=staff_user)
    process_rescan(rescan.pk, max_batches=1)  # a worker started it, then died
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default")
    rescan.refresh_from_db()
    assert rescan.status == "done" and rescan.processed == 6 and rescan.new_holds == 2
    assert DBTaskResult.objects.count() == 1
