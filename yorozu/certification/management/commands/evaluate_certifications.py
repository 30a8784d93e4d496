"""`manage.py evaluate_certifications`: run the certification evaluation now, synchronously.

The same evaluation the daily task runs. Call it after loading demo data so the demo has
certified clients; `--client ID` re-evaluates one client.
"""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from yorozu.certification.actions import do_evaluate_certifications
from yorozu.certification.selectors import enabled_criteria


class Command(BaseCommand):
    help = "Evaluate every client against the certified-client criteria and store the results."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--client",
            type=int,
            action="append",
            dest="clients",
            metavar="ID",
            help="evaluate only this client (repeatable)",
        )

    def handle(self, *args, **options) -> None:
        # population + one step per distinct (metric, window) + the write
        steps = 2 + len({(c.metric, c.window_days) for c in enabled_criteria()})
        started = time.monotonic()
        with tqdm(
            total=steps,
            desc="certification",
            unit="step",
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
            dynamic_ncols=True,
        ) as bar:

            def step(label: str) -> None:
                bar.set_postfix_str(label)
                bar.update(1)

            result = do_evaluate_certifications(client_ids=options["clients"], step=step)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Evaluated {result.clients:,} clients in {elapsed:.1f}s: "
                f"{result.certified:,} certified, {len(result.granted):,} granted, "
                f"{len(result.revoked):,} revoked."
            )
        )
        if options["verbosity"] >= 2:
            for label, seconds in result.timings.items():
                self.stdout.write(f"  {label:<40} {seconds * 1000:9.1f} ms")
