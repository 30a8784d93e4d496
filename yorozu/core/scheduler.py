"""A small scheduler: apps register what must run when; the last run is a database row.

`manage.py run_scheduler` calls `enqueue_due_tasks` every minute or so and puts what is due on
the real task queue (`db_worker` runs it). Apps register their entries from
`AppConfig.ready()`, as models register with the admin, so core names no app's task:

- a `DailyTask` is due once its local time of day has passed today, once per local date;
- a `PeriodicTask` is due once per interval (slots counted from the epoch).

However many schedulers run, an entry is enqueued at most once per slot, because the
`ScheduledRun(task_path, slot)` row is inserted first and its unique constraint refuses the
second. The tasks themselves take no arguments, re-read state and are idempotent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from yorozu.core.models import ScheduledRun


@dataclass(frozen=True)
class DailyTask:
    task_path: str  # dotted path of a django.tasks Task taking no arguments
    at: datetime.time  # local time of day (settings.TIME_ZONE)

    def slot(self, local: datetime.datetime) -> str | None:
        """Today's slot once the time has come, else None."""
        return local.date().isoformat() if local.time() >= self.at else None


@dataclass(frozen=True)
class PeriodicTask:
    task_path: str
    every: datetime.timedelta

    def slot(self, local: datetime.datetime) -> str | None:
        seconds = max(1, int(self.every.total_seconds()))
        return f"every{seconds}s:{int(local.timestamp()) // seconds}"


ScheduledTask = DailyTask | PeriodicTask

_SCHEDULE: dict[str, ScheduledTask] = {}


def register(entry: ScheduledTask) -> None:
    """Add (or replace, by task path) an entry of the schedule; called from AppConfig.ready()."""
    _SCHEDULE[entry.task_path] = entry


def registered() -> tuple[ScheduledTask, ...]:
    return tuple(_SCHEDULE.values())


def enqueue_due_tasks(
    now: datetime.datetime | None = None, schedule: tuple[ScheduledTask, ...] | None = None
) -> list[str]:
    """Enqueue every entry whose slot has come and has not been enqueued; return their paths."""
    local = timezone.localtime(now or timezone.now())
    enqueued = []
    for entry in registered() if schedule is None else schedule:
        slot = entry.slot(local)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(
                    task_path=entry.task_path, slot=slot, enqueued_at=local
                )
                result = import_string(entry.task_path).enqueue()
                run.task_result_id = str(result.id)[:64]
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # already enqueued for this slot
        enqueued.append(entry.task_path)
    return enqueued
