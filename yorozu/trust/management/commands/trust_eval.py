"""`manage.py trust_eval`: corpus precision/recall/FP per category and dataset flag rates."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from yorozu.trust.engine import evaluate


class Command(BaseCommand):
    help = (
        "Evaluate the trust engine on its labelled corpus (per-category precision, recall, "
        "false-positive rate) and on ../shared/datasets when present."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="list misses and FPs")
        parser.add_argument("--no-model", action="store_true", help="rules only")

    def handle(self, *args, **options):
        argv = []
        if options["list"]:
            argv.append("--verbose")
        if options["no_model"]:
            argv.append("--no-model")
        self.stdout.write(evaluate.render(argv))
