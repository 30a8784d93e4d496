"""`manage.py load_content`: install or refresh the shipped notices, FAQ, terms and help pages."""

from django.core.management.base import BaseCommand

from yorozu.content.actions import do_load_content


class Command(BaseCommand):
    help = "Create or update the shipped notices, FAQ, terms, guidelines, safety and support pages."

    def handle(self, *args, **options) -> None:
        counts = do_load_content(actor=None)
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Content loaded ({summary})."))
