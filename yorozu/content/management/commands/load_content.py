"""`manage.py load_content`: install or refresh the shipped notices, FAQ, terms and help pages."""

from django.core.management.base import BaseCommand

from yorozu.content.actions import do_load_content


class Command(BaseCommand):
    help = "Create the shipped notices, FAQ, terms and help pages (--refresh resets edited ones)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="overwrite shipped rows edited since in the admin with the shipped text",
        )

    def handle(self, *args, **options) -> None:
        counts = do_load_content(actor=None, refresh=options["refresh"])
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Content loaded ({summary})."))
