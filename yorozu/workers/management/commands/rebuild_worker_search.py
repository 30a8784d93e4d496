"""Rebuild every worker's search row (WorkerSearchRow) from profiles, accounts and counters.

The rows are normally kept current by the actions that change what search reads; this command
is the repair path (after a bulk import, a restored backup, a bug, or a change to what
`searchable_workers()` excludes). One DELETE and one INSERT … SELECT in a transaction, so it is
fast on large tables and running it twice gives the same rows.
"""

from django.core.management.base import BaseCommand

from yorozu.workers.actions import rebuild_worker_search_rows


class Command(BaseCommand):
    help = "Recompute every WorkerSearchRow (worker search's one table) from its sources."

    def handle(self, *args, **options) -> None:
        rows = rebuild_worker_search_rows()
        self.stdout.write(self.style.SUCCESS(f"{rows} worker search rows rebuilt."))
