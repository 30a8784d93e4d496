"""A small scheduler for daily tasks: the schedule is data, the last run is a database row.

`manage.py run_scheduler` calls `enqueue_due_tasks` every minute or so. A task is due once its
local time of day has passed today; it is enqueued at most once per local date, however many
schedulers run, because the `ScheduledRun(task_path, run_date)` row is inserted first and its
unique constraint refuses the second.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from yorozu.certification.models import ScheduledRun


@dataclass(frozen=True)
class DailyTask:
    task_path: str  # dotted path of a django.tasks Task taking no arguments
    at: datetime.time  # local time of day (settings.TIME_ZONE)


DAILY_SCHEDULE: tuple[DailyTask, ...] = (
    DailyTask("yorozu.certification.tasks.evaluate_all_clients", datetime.time(3, 0)),
)


def enqueue_due_tasks(
    now: datetime.datetime | None = None, schedule: tuple[DailyTask, ...] = DAILY_SCHEDULE
) -> list[str]:
    """Enqueue every task whose time has come today and that has not run today; return them."""
    local = timezone.localtime(now or timezone.now())
    enqueued = []
    for entry in schedule:
        if local.time() < entry.at:
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(
                    task_path=entry.task_path, run_date=local.date(), enqueued_at=local
                )
                result = import_string(entry.task_path).enqueue()
                run.task_result_id = str(result.id)[:64]
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # already enqueued today
        enqueued.append(entry.task_path)
    return enqueued
