"""A trigram index on the search rows' keyword text: PostgreSQL only.

The keyword filter is `UPPER(haystack) LIKE UPPER('%term%')`, a substring match no B-tree can
serve. pg_trgm's GIN index can: it finds the rows holding every trigram of a term (three
letters or digits; Japanese works, the server's ctype classifying kana and kanji as letters),
and the LIKE rechecks them. `WorkerSearch.page_ids` reads a keyword's matches through it, at
most a few thousand, to sort just those when they are few instead of walking a sort index to
its end (at 1M workers: 1.6–2.7 s for a term nobody has). Partial (`WHERE is_searchable`) like
the other search indexes, and on `UPPER(haystack)`, the expression Django's `icontains` writes.

Built CONCURRENTLY (so the migration is not atomic): writes to the search rows — every
`do_touch_last_active` — go on while it is built (≈ 10 s at 1.2M rows in an earlier trial).
SQLite has no such index (and no pg_trgm): `CreateExtension` skips other databases itself, and
the index is raw SQL behind a vendor check, not in `Meta.indexes` (Django has no per-database
index), so `makemigrations` does not see it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Raw SQL: Django's GinIndex(OpClass(Upper("haystack"), ...)) renders the operator class inside
# the expression's parentheses unless django.contrib.postgres is an installed app.
CREATE = (
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "wsr_pg_haystack_trgm" ON "workers_workersearchrow" '
    'USING gin (UPPER("haystack") gin_trgm_ops) WHERE "is_searchable"'
)
DROP = 'DROP INDEX CONCURRENTLY IF EXISTS "wsr_pg_haystack_trgm"'


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("workers", "0004_postgres_search_tuning"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create, drop),
    ]
