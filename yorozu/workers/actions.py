"""Writes to the denormalized worker facts that worker search filters on."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from yorozu.workers.models import WorkerCategoryStat


def _categories_counted_for(contract) -> list[int]:
    """A completion counts under the contract's category and, for a subcategory, its parent."""
    category = contract.category
    ids = [category.pk]
    if category.parent_id is not None:
        ids.append(category.parent_id)
    return ids


def _increment(worker_id: int, category_id: int) -> None:
    """Upsert one counter with an F() increment, safe against a concurrent first insert."""
    rows = WorkerCategoryStat.objects.filter(worker_id=worker_id, category_id=category_id)
    if rows.update(completed_count=F("completed_count") + 1):
        return
    try:
        with transaction.atomic():
            WorkerCategoryStat.objects.create(
                worker_id=worker_id, category_id=category_id, completed_count=1
            )
    except IntegrityError:  # someone created it between our UPDATE and INSERT
        rows.update(completed_count=F("completed_count") + 1)


@transaction.atomic
def do_record_completed_contract(contract) -> None:
    """Count one completed contract for its worker, in its subcategory and main category.

    Called by the contract-completion action inside its transaction; `rebuild_worker_stats`
    recomputes the same numbers from scratch and must agree with it.
    """
    for category_id in _categories_counted_for(contract):
        _increment(contract.worker_id, category_id)
