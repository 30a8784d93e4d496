"""Filter indexes on the search rows, and no parallel scans of the search tables: PostgreSQL only.

A search whose filters match few workers (a rare gender, a small prefecture, an age band) finds
them through these, ANDed as bitmaps, and sorts the handful, instead of walking a whole sort
index or scanning every row for a first page that may hold one worker (75–80 ms at 1.2M rows,
12–15 ms with these). SQLite cannot AND two indexes, and its plans meet the target without them
(worst p95 14.7 ms at 100k workers), so it does not get them: one more index per filter column
would only give its planner a worse choice than walking the sort index.

Partial (`WHERE is_searchable`), since search never reads the other rows. Not in `Meta.indexes`
because Django has no per-database index; `makemigrations` does not see them.

`parallel_workers = 0` on the search row and category count tables: every search is a LIMIT-21
walk of an index that stops early. A parallel plan splits the walk between processes, each of
which reads its share to the end of a count tier, and starting the processes costs more than the
page: at 1M workers, category relevance with the four filters read all 133k of the category's
entries in 89–114 ms in parallel, 9.6k entries in 21 ms in one process; category alone 29 ms →
2 ms. Whole-table work on them (rebuilds) runs rarely and needs no parallel scan.
"""

from django.db import migrations

INDEXES = {
    "wsr_pg_gender": "gender",
    "wsr_pg_prefecture": "prefecture",
    "wsr_pg_birth_date": "birth_date",
}
TABLE = "workers_workersearchrow"
SERIAL_TABLES = (TABLE, "workers_workercategorystat")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" ("{column}") WHERE "is_searchable"'
        )
    for table in SERIAL_TABLES:
        schema_editor.execute(f'ALTER TABLE "{table}" SET (parallel_workers = 0)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    for table in SERIAL_TABLES:
        schema_editor.execute(f'ALTER TABLE "{table}" RESET (parallel_workers)')


class Migration(migrations.Migration):
    dependencies = [
        ("workers", "0003_worker_search_rows"),
    ]

    operations = [migrations.RunPython(create, drop)]
