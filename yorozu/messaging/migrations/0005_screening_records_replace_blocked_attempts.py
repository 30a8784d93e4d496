"""Blocked attempts move to the screening door's records (trust.ScreeningRecord), where every
kind's flagged texts are kept; their rows are copied before the old table goes."""

from django.db import migrations


def copy_attempts(apps, schema_editor):
    BlockedAttempt = apps.get_model("messaging", "BlockedAttempt")
    ScreeningRecord = apps.get_model("trust", "ScreeningRecord")
    batch = []
    for attempt in BlockedAttempt.objects.order_by("id").iterator(chunk_size=2000):
        batch.append(
            ScreeningRecord(
                author_id=attempt.sender_id,
                kind=attempt.kind or "message",
                verdict="block",
                text=attempt.body,
                assessment=attempt.assessment or {},
                scope=f"thread:{attempt.thread_id}" if attempt.thread_id else "",
                created_at=attempt.created_at,
            )
        )
        if len(batch) >= 2000:
            ScreeningRecord.objects.bulk_create(batch)
            batch = []
    ScreeningRecord.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0004_default_cautions"),
        ("trust", "0002_screening_records"),
    ]

    operations = [
        migrations.RunPython(copy_attempts, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="blockedattempt", name="blocked_sender_time"),
        migrations.DeleteModel(name="BlockedAttempt"),
    ]
