"""Recompute every worker's completed-contract counters from the contracts themselves.

The counters are normally kept current by the completion action; this command is the repair
path (after an import, a bug, or a restored backup). It runs a few set-based statements inside
one transaction, so it is fast on large tables and running it twice gives the same result.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from yorozu.accounts.models import WorkerProfile
from yorozu.catalog.models import Category
from yorozu.contracts.models import Contract, ContractStatus
from yorozu.workers.actions import rebuild_worker_search_rows
from yorozu.workers.models import WorkerCategoryStat


def rebuild_category_stats() -> int:
    """Replace all WorkerCategoryStat rows with counts per (worker, sub and main category)."""
    stat = WorkerCategoryStat._meta.db_table
    contract = Contract._meta.db_table
    category = Category._meta.db_table
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {qn(stat)}")
        cursor.execute(
            f"""
            INSERT INTO {qn(stat)} (worker_id, category_id, completed_count)
            SELECT t.worker_id, t.category_id, COUNT(*)
            FROM (
                SELECT c.worker_id AS worker_id, c.category_id AS category_id
                FROM {qn(contract)} c
                WHERE c.status = %s
                UNION ALL
                SELECT c.worker_id AS worker_id, cat.parent_id AS category_id
                FROM {qn(contract)} c
                JOIN {qn(category)} cat ON cat.id = c.category_id
                WHERE c.status = %s AND cat.parent_id IS NOT NULL
            ) t
            GROUP BY t.worker_id, t.category_id
            """,
            [ContractStatus.COMPLETED.value, ContractStatus.COMPLETED.value],
        )
    return WorkerCategoryStat.objects.count()


def rebuild_completed_counts() -> int:
    """Set every WorkerProfile.completed_count from its completed contracts in one UPDATE."""
    completed = (
        Contract.objects.filter(worker_id=OuterRef("user_id"), status=ContractStatus.COMPLETED)
        .order_by()
        .values("worker_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return WorkerProfile.objects.update(
        completed_count=Coalesce(Subquery(completed, output_field=IntegerField()), Value(0))
    )


class Command(BaseCommand):
    help = (
        "Recompute WorkerCategoryStat and WorkerProfile.completed_count from contracts, then "
        "the worker search rows."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            self.stdout.write("Rebuilding per-category completion counts…")
            stats = rebuild_category_stats()
            self.stdout.write(f"  {stats} worker/category rows written.")
            self.stdout.write("Rebuilding workers' completed-contract counts…")
            profiles = rebuild_completed_counts()
            self.stdout.write(f"  {profiles} worker profiles updated.")
            self.stdout.write("Rebuilding worker search rows (they hold the completed counts)…")
            rows = rebuild_worker_search_rows()
            self.stdout.write(f"  {rows} search rows written.")
        self.stdout.write(self.style.SUCCESS("Worker stats rebuilt."))
