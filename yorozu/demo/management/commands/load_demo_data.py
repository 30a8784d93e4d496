"""`manage.py load_demo_data`: a living demo marketplace for development, and benchmark volume.

Development data only: it refuses to run when DEBUG is off, so it can never write fake people
and fake money into a production database. `make run` calls it with `--if-empty` on every start.
"""

import random
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import timezone
from tqdm import tqdm

from yorozu.accounts.models import User
from yorozu.content.actions import do_load_content
from yorozu.core.demo_totp import DEMO_TOTP_SECRET
from yorozu.core.quotas import quotas_exempt
from yorozu.demo.builder import (
    CLIENT_EMAIL,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    WORKER_EMAIL,
    DemoBuilder,
)
from yorozu.demo.formats import build_formats_story
from yorozu.demo.money import build_money_story
from yorozu.demo.safety import build_safety_story
from yorozu.demo.scale import ScaleBuilder
from yorozu.demo.second_factor import (
    DEMO_LOGINS,
    confirm_demo_addresses,
    give_demo_staff_authenticators,
)
from yorozu.workers.actions import rebuild_worker_search_rows
from yorozu.workers.models import WorkerSearchRow

DISCARD_EMAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


class Command(BaseCommand):
    help = (
        "Build the demo marketplace (deterministic from --seed); --scale N adds N workers, "
        "N/5 clients, N jobs and 5×N completed contracts for benchmarks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already has users",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="also bulk-generate N workers, N/5 clients, N jobs, 5×N completed contracts",
        )
        parser.add_argument(
            "--no-content",
            action="store_true",
            help="skip loading the shipped notices, FAQ and help pages",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo_data writes fake accounts and payments: it only runs with DEBUG on."
            )
        if options["scale"] < 0:
            raise CommandError("--scale must be a positive number of workers.")
        if options["if_empty"] and User.objects.exists():
            # A database from before confirmed addresses and staff TOTP: keep its demo logins
            # working (their addresses confirmed, the demo staff's authenticator added).
            updated = confirm_demo_addresses(DEMO_LOGINS) + give_demo_staff_authenticators()
            self.stdout.write(
                "Users already exist; demo data not loaded (--if-empty)"
                + (f"; {updated} demo sign-in rows brought up to date." if updated else ".")
            )
            return

        # Progress bars go to the terminal only, so logs and tests stay readable.
        def progress(label: str, total: int):
            return tqdm(
                total=total,
                desc=f"{label:<30}",
                unit="row",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
                dynamic_ncols=True,
            )

        # The demo builds a whole marketplace in seconds: no quota applies to it.
        with quotas_exempt():
            self._build(options, progress)

    def _build(self, options, progress) -> None:
        started = time.monotonic()
        counts = DemoBuilder(options["seed"], progress).build()
        counts["account.EmailAddress"] = confirm_demo_addresses()
        if not options["no_content"]:
            for name, n in do_load_content(actor=None).items():
                counts[f"content.{name}"] += n
        # The builder writes profiles and counters in bulk; worker search reads its own rows,
        # and so do the trust and safety story's real actions (which keep the rows of the
        # accounts they create). Its notifications are stored as in use; their e-mail copies
        # (sent on commit) are not printed, as the rest of the demo's notifications have none.
        # Each of the story's actions commits on its own, as it would on the site.
        rebuild_worker_search_rows()
        with override_settings(MAILERS=DISCARD_EMAIL):
            story = build_safety_story(
                rng=random.Random(options["seed"]), today=timezone.localdate()
            )
            story.update(build_money_story(today=timezone.localdate()))
            story.update(build_formats_story(today=timezone.localdate()))
        counts.update({f"story.{name}": n for name, n in story.items()})
        if options["scale"]:
            counts.update(ScaleBuilder(options["scale"], options["seed"], progress).build())
            counts["account.EmailAddress"] += confirm_demo_addresses()
            rebuild_worker_search_rows()
        counts["mfa.Authenticator"] = give_demo_staff_authenticators()
        counts["workers.WorkerSearchRow"] = WorkerSearchRow.objects.count()
        elapsed = time.monotonic() - started

        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f}s:"))
        for label, n in sorted(counts.items()):
            self.stdout.write(f"  {label:<32} {n:>9,}")
        self.stdout.write(
            f"Logins (password {DEMO_PASSWORD}): {CLIENT_EMAIL}, {WORKER_EMAIL}, {STAFF_EMAIL}"
        )
        self.stdout.write(
            f"Staff sign-in asks for a TOTP code: demo secret {DEMO_TOTP_SECRET} "
            "(make demo-code prints the current code; development only)."
        )
