"""`manage.py evaluate_certifications`: run the certification evaluations now, synchronously.

The same evaluations the daily tasks run: certified clients, then worker tiers. Call it after
loading demo data so the demo has certified clients and tiered workers; `--client ID`
re-evaluates one client only, `--worker ID` one worker only.
"""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from yorozu.certification.actions import do_evaluate_certifications, do_evaluate_worker_tiers
from yorozu.certification.selectors import enabled_criteria, enabled_worker_criteria


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
        parser.add_argument(
            "--worker",
            type=int,
            action="append",
            dest="workers",
            metavar="ID",
            help="evaluate only this worker's tier (repeatable)",
        )

    def handle(self, *args, **options) -> None:
        only_workers = bool(options["workers"]) and not options["clients"]
        only_clients = bool(options["clients"]) and not options["workers"]
        if not only_workers:
            self.evaluate_clients(options)
        if not only_clients:
            self.evaluate_workers(options)

    def evaluate_workers(self, options) -> None:
        steps = 2 + len({(c.metric, c.window_days) for c in enabled_worker_criteria()})
        started = time.monotonic()
        with tqdm(
            total=steps,
            desc="worker tiers",
            unit="step",
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
            dynamic_ncols=True,
        ) as bar:

            def step(label: str) -> None:
                bar.set_postfix_str(label)
                bar.update(1)

            result = do_evaluate_worker_tiers(worker_ids=options["workers"], step=step)
        elapsed = time.monotonic() - started
        held = ", ".join(f"{n:,} {tier}" for tier, n in result.held.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Evaluated {result.workers:,} workers in {elapsed:.1f}s: {held}; "
                f"{len(result.granted):,} granted, {len(result.revoked):,} revoked."
            )
        )
        if options["verbosity"] >= 2:
            for label, seconds in result.timings.items():
                self.stdout.write(f"  {label:<40} {seconds * 1000:9.1f} ms")

    def evaluate_clients(self, options) -> None:
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
