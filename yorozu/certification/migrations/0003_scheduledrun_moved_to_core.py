"""The scheduler moved to core (a second app schedules tasks); its rows were copied there."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0002_default_criteria"),
        ("core", "0003_scheduled_run"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="scheduledrun", name="one_run_per_task_day"),
        migrations.DeleteModel(name="ScheduledRun"),
    ]
