"""Small builders for worker-search tests: workers with given profile facts and records."""

from __future__ import annotations

import datetime

from django.utils import timezone

from yorozu.accounts.models import Role, WorkerProfile
from yorozu.accounts.tests.factories import UserFactory
from yorozu.catalog.models import Category
from yorozu.workers.actions import do_refresh_worker_search_rows
from yorozu.workers.models import WorkerCategoryStat


def born_aged(years: int, today: datetime.date | None = None) -> datetime.date:
    """A birth date that makes someone `years` old today (a month past their birthday)."""
    today = today or timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=30)


def make_worker(name: str = "", *, completed: dict[str, int] | None = None, **profile):
    """An active worker with profile fields set and completed counts per category slug."""
    user = UserFactory(**({"display_name": name} if name else {}), role=Role.WORKER)
    if profile:
        WorkerProfile.objects.filter(user=user).update(**profile)
    for slug, count in (completed or {}).items():
        category = Category.objects.get(slug=slug)
        WorkerCategoryStat.objects.create(worker=user, category=category, completed_count=count)
        if category.parent_id:
            stat, _ = WorkerCategoryStat.objects.get_or_create(
                worker=user, category_id=category.parent_id
            )
            stat.completed_count += count
            stat.save()
    # The rows above were written directly, not through the actions that refresh search rows.
    do_refresh_worker_search_rows([user.pk])
    return user
