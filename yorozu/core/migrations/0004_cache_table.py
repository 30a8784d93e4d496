"""The database cache's table, so that `migrate` alone makes a working deployment.

Without REDIS_URL the default cache is a database table (`yorozu_cache`, settings.py): login
throttling, used TOTP codes and the filter-use dedupe live there, shared by every process. This
runs Django's own `createcachetable` (it does nothing for other cache backends, and nothing when
the table exists).
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_quota_hits")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
