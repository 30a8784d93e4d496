"""`manage.py run_scheduler`: enqueue the daily tasks (`certification.scheduler.DAILY_SCHEDULE`)
when their local time comes, once per day, then sleep. `--once` checks once and exits.

Lives in certification for now (its evaluation is the first daily task); it moves to core when a
second app needs it. Run it next to `db_worker`, which executes what it enqueues.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from yorozu.certification.scheduler import enqueue_due_tasks


class Command(BaseCommand):
    help = "Enqueue each scheduled daily task once per day when its time comes."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="seconds between checks (default 60)"
        )

    def handle(self, *args, **options) -> None:
        while True:
            for task_path in enqueue_due_tasks():
                self.stdout.write(f"enqueued {task_path}")
            if options["once"]:
                return
            # A long-lived loop must not hold a connection the server has dropped.
            close_old_connections()
            try:
                time.sleep(options["interval"])
            except KeyboardInterrupt:
                return
