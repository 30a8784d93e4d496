"""Put the daily digest on the task queue now (what `run_scheduler` does each morning), or run
it here with --now."""

from django.core.management.base import BaseCommand

from yorozu.alerts.actions import do_send_daily_digests
from yorozu.alerts.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Enqueue the saved-search digest task (or run it in this process with --now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here instead of enqueuing")

    def handle(self, *args, now: bool = False, **options):
        if now:
            result = do_send_daily_digests()
            self.stdout.write(
                f"{result.users} people visited, {result.notified} told of {result.items} items"
            )
            return
        task = send_daily_digests.enqueue()
        self.stdout.write(f"enqueued {task.id}")
