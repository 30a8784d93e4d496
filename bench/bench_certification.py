"""Benchmark: the daily certified-client evaluation over every client, set-based.

A standalone script. It points `YOROZU_VAR_DIR` at a temporary directory (so `var/` is never
touched), builds a throwaway database — a SQLite file there, or a fresh `test_<name>` database on
the server `DATABASE_URL` names, dropped afterwards — migrates it and bulk-inserts `--clients`
clients (default 100,000) with `--contracts` contracts (default 1,000,000), their jobs, proposals,
reviews from workers, message threads and cancellation events, with timestamps spread over the
last year. Then it runs `do_evaluate_certifications` over everyone, as the daily task does, twice
(the first run grants badges and notifies; the second is the steady daily state), and prints:

- the total time of each run and each metric's query time;
- the floor, measured in the same run: `SELECT client_id, COUNT(*) FROM contracts GROUP BY
  client_id`, the cheapest aggregate over the same rows, and each time as a ratio to it;
- the job search page with the certified-only filter: its query count (budget 10).

Exit status 1 when the search page goes over its query budget or the evaluation over the target
(60 s at the default scale). Timings are for people to read: machines are shared and noisy.

    .venv/bin/python bench/bench_certification.py                        # SQLite, 100k / 1M
    .venv/bin/python bench/bench_certification.py --clients 10000 --contracts 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yorozu \
        .venv/bin/python bench/bench_certification.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60.0
MAX_QUERIES = 10
BATCH = 5000


def configure(var_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "yorozu.settings"
    os.environ["YOROZU_VAR_DIR"] = var_dir
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_database() -> Callable[[], None]:
    """Migrate a throwaway database; return how to clean it up."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
        return lambda: None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def insert(model, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """executemany in batches: far faster than building a million model instances.

    A raw INSERT gets no Django defaults, so every NOT NULL field that `columns` leaves out and
    that has a default (or is a text field, whose default is "") is filled with it, evaluated
    once: a field added to a model later (a job's `moderation`, say) does not break the bench.
    """
    from django.db import connection, transaction

    filled = [
        f
        for f in model._meta.concrete_fields
        if f.column not in columns
        and not f.primary_key
        and not f.null
        and (f.has_default() or f.empty_strings_allowed)
    ]
    if filled:
        defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in filled)
        columns = [*columns, *(f.column for f in filled)]
        rows = (row + defaults for row in rows)
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    n = 0
    batch: list[tuple] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                n += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            n += len(batch)
    return n


def generate(n_clients: int, n_contracts: int, seed: int, now: datetime.datetime) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from yorozu.accounts.models import User
    from yorozu.catalog.models import Category
    from yorozu.contracts.models import Contract, ContractEvent, Proposal
    from yorozu.jobs.models import Job
    from yorozu.messaging.models import Message, Thread
    from yorozu.reviews.models import Review

    rng = random.Random(seed)
    password = make_password("bench")
    n_workers = max(1, n_clients // 2)
    subs = list(Category.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))
    counts: dict[str, int] = {}

    def ago(days: float) -> datetime.datetime:
        return now - datetime.timedelta(days=days)

    # Users: clients first (ids 1..n_clients), then workers.
    def users():
        for i in range(n_clients + n_workers):
            client = i < n_clients
            verified = client and rng.random() < 0.8
            yield (
                f"{'c' if client else 'w'}{i}@bench.test",
                f"bench{i}",
                password,
                False,
                False,
                True,
                ago(400),
                "client" if client else "worker",
                "verified" if verified else "unverified",
            )

    counts["users"] = insert(
        User,
        [
            "email",
            "display_name",
            "password",
            "is_superuser",
            "is_staff",
            "is_active",
            "date_joined",
            "active_role",
            "identity_status",
        ],
        users(),
    )
    first = User.objects.order_by("pk").values_list("pk", flat=True).first()
    client_ids = range(first, first + n_clients)
    worker_ids = range(first + n_clients, first + n_clients + n_workers)

    # Jobs: three per client on average, over the last year; the newest are open.
    n_jobs = max(n_clients * 3, 1)
    job_client: list[int] = []
    job_created: list[datetime.datetime] = []

    def jobs():
        deadline = (now + datetime.timedelta(days=30)).date()
        for i in range(n_jobs):
            client = client_ids[i % n_clients]
            created = ago(rng.uniform(0, 365))
            job_client.append(client)
            job_created.append(created)
            sub, main = rng.choice(subs)
            yield (
                client,
                f"bench job {i}",
                sub,
                main,
                "bench",
                "fixed",
                10000,
                100000,
                deadline,
                1,
                "open" if created > ago(30) else "closed",
                1,
                created,
                created,
            )

    counts["jobs"] = insert(
        Job,
        [
            "client_id",
            "title",
            "category_id",
            "main_category_id",
            "description",
            "pay_type",
            "budget_min",
            "budget_max",
            "deadline",
            "hires_wanted",
            "status",
            "proposal_count",
            "created_at",
            "updated_at",
        ],
        jobs(),
    )
    first_job = Job.objects.order_by("pk").values_list("pk", flat=True).first()

    # One proposal and one contract per contract slot, on a random job; distinct (job, worker).
    plan = []
    for i in range(n_contracts):
        j = rng.randrange(n_jobs)
        worker = worker_ids[i % n_workers]
        plan.append((first_job + j, job_client[j], job_created[j], worker))

    def proposals():
        for job_id, _client, created, worker in plan:
            p_at = created + datetime.timedelta(hours=rng.uniform(1, 48))
            answered = p_at + datetime.timedelta(hours=rng.choice([2, 10, 30, 60, 100]))
            yield (job_id, worker, 50000, "bench", 7, "hired", p_at, answered)

    # A (job, worker) pair may repeat by chance: the unique constraint would refuse it, so the
    # worker index is offset per slot above (i % n_workers) and collisions are rare; drop them.
    seen = set()
    unique_plan = []
    for row in plan:
        if (row[0], row[3]) not in seen:
            seen.add((row[0], row[3]))
            unique_plan.append(row)
    plan = unique_plan
    counts["proposals"] = insert(
        Proposal,
        [
            "job_id",
            "worker_id",
            "price",
            "message",
            "delivery_days",
            "status",
            "created_at",
            "updated_at",
        ],
        proposals(),
    )
    first_proposal = Proposal.objects.order_by("pk").values_list("pk", flat=True).first()
    statuses = (
        ["completed"] * 70
        + ["funded"] * 10
        + ["accepted"] * 5
        + ["cancelled"] * 10
        + ["offered"] * 5
    )
    contract_rows = []

    def contracts():
        for k, (job_id, client, created, worker) in enumerate(plan):
            status = rng.choice(statuses)
            start = created + datetime.timedelta(days=rng.uniform(1, 5))
            accepted = None if status == "offered" else start + datetime.timedelta(hours=5)
            funded = (
                accepted + datetime.timedelta(days=rng.choice([0.1, 1, 2, 3, 9]))
                if status in {"completed", "funded"}
                else None
            )
            completed = funded + datetime.timedelta(days=10) if status == "completed" else None
            cancelled = accepted + datetime.timedelta(days=2) if status == "cancelled" else None
            if completed and completed > now:
                completed = now
            amount = rng.choice([5000, 20000, 50000, 100000, 300000])
            contract_rows.append((client, worker, status, completed, cancelled))
            yield (
                job_id,
                first_proposal + k,
                client,
                worker,
                "bench",
                rng.choice(subs)[0],
                amount,
                status,
                start,
                accepted,
                funded,
                None,
                completed,
                cancelled,
            )

    counts["contracts"] = insert(
        Contract,
        [
            "job_id",
            "proposal_id",
            "client_id",
            "worker_id",
            "title",
            "category_id",
            "amount",
            "status",
            "created_at",
            "accepted_at",
            "funded_at",
            "delivered_at",
            "completed_at",
            "cancelled_at",
        ],
        contracts(),
    )
    first_contract = Contract.objects.order_by("pk").values_list("pk", flat=True).first()

    def events():
        for k, (client, worker, status, _completed, cancelled) in enumerate(contract_rows):
            if status == "cancelled":
                actor = client if rng.random() < 0.5 else worker
                yield (first_contract + k, actor, "accepted", "cancelled", "", cancelled)

    counts["contract events"] = insert(
        ContractEvent,
        ["contract_id", "actor_id", "from_status", "to_status", "note", "created_at"],
        events(),
    )

    def reviews():
        for k, (client, worker, status, completed, _c) in enumerate(contract_rows):
            if status == "completed" and rng.random() < 0.7:
                o = rng.choice([5, 5, 5, 5, 4, 4, 3, 2])
                yield (
                    first_contract + k,
                    worker,
                    client,
                    "worker_to_client",
                    o,
                    o,
                    o,
                    o,
                    "",
                    completed + datetime.timedelta(hours=5),
                )

    counts["reviews"] = insert(
        Review,
        [
            "contract_id",
            "reviewer_id",
            "reviewee_id",
            "direction",
            "overall",
            "quality",
            "communication",
            "timeliness",
            "comment",
            "created_at",
        ],
        reviews(),
    )

    # Threads for a fifth of the proposals, three to five messages each.
    threaded = plan[: len(plan) // 5]

    def threads():
        for job_id, client, created, worker in threaded:
            yield (job_id, client, worker, created, None)

    counts["threads"] = insert(
        Thread, ["job_id", "client_id", "worker_id", "created_at", "last_message_at"], threads()
    )
    first_thread = Thread.objects.order_by("pk").values_list("pk", flat=True).first()

    def messages():
        for k, (_job, client, created, worker) in enumerate(threaded):
            at = created + datetime.timedelta(hours=2)
            for turn in range(rng.randint(3, 5)):
                sender = worker if turn % 2 == 0 else client
                yield (first_thread + k, sender, "bench", "delivered", "", at)
                at += datetime.timedelta(hours=rng.choice([1, 20, 50, 80]))

    counts["messages"] = insert(
        Message,
        ["thread_id", "sender_id", "body", "status", "idempotency_key", "created_at"],
        messages(),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


def floor_query() -> float:
    from django.db import connection

    from yorozu.contracts.models import Contract

    table = connection.ops.quote_name(Contract._meta.db_table)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT client_id, COUNT(*) FROM {table} GROUP BY client_id")
        cursor.fetchall()
    return time.perf_counter() - started


def search_page_queries() -> tuple[int, int]:
    """(queries, cards) for /jobs/?certified_only=on, rendered by the real view."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    client.get("/jobs/", {"certified_only": "on"})  # warm caches (categories, templates)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/jobs/", {"certified_only": "on"})
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), response.text.count('class="card job-card"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--contracts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="yorozu-bench-cert-") as var_dir:
        configure(var_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from yorozu.certification.actions import do_evaluate_certifications

        cleanup = prepare_database()
        try:
            print(f"database: {connection.vendor}")
            now = timezone.now()
            started = time.perf_counter()
            counts = generate(args.clients, args.contracts, args.seed, now)
            print(
                f"generated in {time.perf_counter() - started:.1f}s: "
                + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            )
            floor = min(floor_query() for _ in range(3))
            print(
                f"floor (SELECT client_id, COUNT(*) FROM contracts GROUP BY client_id): "
                f"{floor * 1000:.0f} ms"
            )
            worst = 0.0
            for label in ("first run (grants + notifications)", "daily run (steady state)"):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as ctx:
                    result = do_evaluate_certifications(now=now)
                total = time.perf_counter() - started
                worst = max(worst, total)
                print(
                    f"\n{label}: {total:.1f}s = {total / floor:.0f}x floor; "
                    f"{result.clients:,} clients, {result.certified:,} certified, "
                    f"{len(result.granted):,} granted, {len(result.revoked):,} revoked, "
                    f"{len(ctx.captured_queries):,} queries"
                )
                for step, seconds in result.timings.items():
                    print(f"  {step:<36} {seconds * 1000:9.0f} ms  {seconds / floor:6.1f}x floor")
            queries, cards = search_page_queries()
            print(
                f"\njob search ?certified_only=on: {queries} queries, {cards} cards "
                f"(budget {MAX_QUERIES})"
            )
        finally:
            cleanup()
    failed = False
    if queries > MAX_QUERIES:
        print(f"FAIL: job search with the certified filter took {queries} queries")
        failed = True
    if args.clients >= 100_000 and worst > TARGET_SECONDS:
        print(f"FAIL: evaluation took {worst:.1f}s, target {TARGET_SECONDS:.0f}s")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
