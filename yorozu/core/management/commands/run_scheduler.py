"""`manage.py run_scheduler`: enqueue each registered scheduled task (`core.scheduler`) when its
slot comes, once per slot, then sleep. `--once` checks once and exits.

Run it next to `db_worker`, which executes what it enqueues.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from yorozu.core.scheduler import enqueue_due_tasks


class Command(BaseCommand):
    help = "Enqueue each scheduled task once per slot (daily or periodic) when its time comes."

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
