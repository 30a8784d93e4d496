"""Benchmark: the daily worker-tier evaluation (認定ワーカー, プロ認定ワーカー) over every worker.

A standalone script, built like `bench_certification.py` (whose throwaway database and bulk
insert it reuses): it bulk-inserts `--workers` workers (default 100,000) and a fifth as many
clients, `--contracts` contracts (default 1,000,000) with one milestone each (a due date, on time
or late), the clients' reviews of the workers, message threads in which the worker answers or
not, and scouts, with timestamps over the last year. Then it runs `do_evaluate_worker_tiers` over
everyone, as the daily task does, twice (the first run grants tiers and notifies; the second is
the steady daily state), and prints each run's total and each metric's query time, as a ratio to
the floor (`SELECT worker_id, COUNT(*) FROM contracts GROUP BY worker_id`), and the worker search
page's query count with the tier badges (budget 10).

Exit status 1 when the evaluation goes over the certification run's target (60 s at the default
scale) or the search page over its query budget. Timings are for people to read: machines are
shared and noisy.

    .venv/bin/python bench/bench_worker_tiers.py                         # SQLite, 100k / 1M
    .venv/bin/python bench/bench_worker_tiers.py --workers 10000 --contracts 100000
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_certification import TARGET_SECONDS, configure, insert, prepare_database

MAX_QUERIES = 10


def generate(n_workers: int, n_contracts: int, seed: int, now: datetime.datetime) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from yorozu.accounts.models import User, WorkerProfile
    from yorozu.catalog.models import Category
    from yorozu.contracts.models import Contract, Milestone, Proposal
    from yorozu.jobs.models import Job
    from yorozu.messaging.models import Message, Thread
    from yorozu.reviews.models import Review
    from yorozu.workers.models import Scout

    rng = random.Random(seed)
    password = make_password("bench")
    n_clients = max(1, n_workers // 5)
    subs = list(Category.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))
    counts: dict[str, int] = {}

    def ago(days: float) -> datetime.datetime:
        return now - datetime.timedelta(days=days)

    def users():
        for i in range(n_clients + n_workers):
            client = i < n_clients
            yield (
                f"{'c' if client else 'w'}{i}@bench.test",
                f"bench{i}",
                password,
                False,
                False,
                True,
                ago(400),
                "client" if client else "worker",
                "verified" if rng.random() < 0.7 else "unverified",
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
    counts["worker profiles"] = insert(WorkerProfile, ["user_id"], ((w,) for w in worker_ids))

    # Jobs: five per client, over the last year.
    n_jobs = n_clients * 5
    job_client: list[int] = []
    job_created: list[datetime.datetime] = []

    def job_rows():
        deadline = (now + datetime.timedelta(days=30)).date()
        for i in range(n_jobs):
            client = client_ids[i % n_clients]
            created = ago(rng.uniform(20, 380))
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
                "closed",
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
        job_rows(),
    )
    first_job = Job.objects.order_by("pk").values_list("pk", flat=True).first()

    # One hired proposal and one contract per slot; distinct (job, worker).
    seen: set[tuple[int, int]] = set()
    plan = []
    for i in range(n_contracts):
        j = rng.randrange(n_jobs)
        worker = worker_ids[i % n_workers]
        if (j, worker) in seen:
            continue
        seen.add((j, worker))
        plan.append((first_job + j, job_client[j], job_created[j], worker))

    def proposals():
        for job_id, _client, created, worker in plan:
            p_at = created + datetime.timedelta(hours=rng.uniform(1, 48))
            yield (job_id, worker, 50000, "bench", 7, "hired", p_at, p_at)

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
    statuses = ["completed"] * 75 + ["funded"] * 10 + ["delivered"] * 5 + ["cancelled"] * 10
    contract_rows = []

    def contracts():
        for k, (job_id, client, created, worker) in enumerate(plan):
            status = rng.choice(statuses)
            accepted = created + datetime.timedelta(days=rng.uniform(1, 5))
            funded = accepted + datetime.timedelta(hours=5)
            # Most deliver well before the 7-day due date; some are late.
            took = rng.choice([2, 3, 4, 5, 6, 6, 8, 12])
            delivered = (
                funded + datetime.timedelta(days=took)
                if status in {"completed", "delivered"}
                else None
            )
            completed = delivered + datetime.timedelta(days=1) if status == "completed" else None
            cancelled = funded + datetime.timedelta(days=2) if status == "cancelled" else None
            if delivered and delivered > now:
                delivered = now - datetime.timedelta(days=1)
            if completed and completed > now:
                completed = now
            contract_rows.append((client, worker, status, accepted, funded, delivered, completed))
            yield (
                job_id,
                first_proposal + k,
                client,
                worker,
                "bench",
                rng.choice(subs)[0],
                50000,
                status,
                accepted,
                accepted,
                funded,
                delivered,
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
    milestone_status = {
        "completed": "released",
        "funded": "funded",
        "delivered": "delivered",
        "cancelled": "refunded",
    }

    def milestones():
        for k, (_c, _w, status, accepted, funded, delivered, _done) in enumerate(contract_rows):
            yield (
                first_contract + k,
                1,
                "bench",
                50000,
                accepted.date() + datetime.timedelta(days=7),
                milestone_status[status],
                funded,
                delivered,
                50000 if status == "completed" else 0,
                50000 if status == "cancelled" else 0,
            )

    counts["milestones"] = insert(
        Milestone,
        [
            "contract_id",
            "position",
            "title",
            "amount",
            "due_date",
            "status",
            "funded_at",
            "delivered_at",
            "released",
            "refunded",
        ],
        milestones(),
    )

    def reviews():
        for k, (client, worker, status, *_rest, completed) in enumerate(contract_rows):
            if status == "completed" and rng.random() < 0.8:
                o = rng.choice([5, 5, 5, 5, 5, 4, 4, 3])
                yield (
                    first_contract + k,
                    client,
                    worker,
                    "client_to_worker",
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

    # Threads for a fifth of the contracts; the client writes first, the worker answers.
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
            for turn in range(rng.randint(2, 5)):
                sender = client if turn % 2 == 0 else worker
                yield (first_thread + k, sender, "bench", "delivered", "", at)
                at += datetime.timedelta(hours=rng.choice([1, 5, 20, 50, 80]))

    counts["messages"] = insert(
        Message,
        ["thread_id", "sender_id", "body", "status", "idempotency_key", "created_at"],
        messages(),
    )

    # Two scouts per worker on average, from the client of a random job; answered or not.
    def scouts():
        pairs: set[tuple[int, int]] = set()
        for i in range(n_workers * 2):
            j = rng.randrange(n_jobs)
            worker = worker_ids[i % n_workers]
            if (j, worker) in pairs:
                continue
            pairs.add((j, worker))
            sent = ago(rng.uniform(0, 180))
            status = rng.choice(["sent", "accepted", "declined", "declined"])
            decided = (
                None
                if status == "sent"
                else sent + datetime.timedelta(hours=rng.choice([2, 20, 60, 100]))
            )
            yield (job_client[j], worker, first_job + j, "bench", status, sent, decided)

    counts["scouts"] = insert(
        Scout,
        ["client_id", "worker_id", "job_id", "message", "status", "created_at", "decided_at"],
        scouts(),
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
        cursor.execute(f"SELECT worker_id, COUNT(*) FROM {table} GROUP BY worker_id")
        cursor.fetchall()
    return time.perf_counter() - started


def search_page_queries() -> tuple[int, int, int]:
    """(queries, cards, badges) for /workers/ as a client, rendered by the real view."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from yorozu.accounts.models import User
    from yorozu.workers.actions import rebuild_worker_search_rows

    rebuild_worker_search_rows()
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.filter(active_role="client").order_by("pk").first())
    client.get("/workers/")  # warm caches (categories, templates, the session)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/workers/")
    assert response.status_code == 200, response.status_code
    text = response.text
    return (
        len(ctx.captured_queries),
        text.count('class="card worker-card"'),
        text.count("tier-badge"),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--contracts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="yorozu-bench-tiers-") as var_dir:
        configure(var_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from yorozu.certification.actions import do_evaluate_worker_tiers

        cleanup = prepare_database()
        try:
            print(f"database: {connection.vendor}")
            now = timezone.now()
            started = time.perf_counter()
            counts = generate(args.workers, args.contracts, args.seed, now)
            print(
                f"generated in {time.perf_counter() - started:.1f}s: "
                + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            )
            floor = min(floor_query() for _ in range(3))
            print(
                f"floor (SELECT worker_id, COUNT(*) FROM contracts GROUP BY worker_id): "
                f"{floor * 1000:.0f} ms"
            )
            worst = 0.0
            for label in ("first run (grants + notifications)", "daily run (steady state)"):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as ctx:
                    result = do_evaluate_worker_tiers(now=now)
                total = time.perf_counter() - started
                worst = max(worst, total)
                held = ", ".join(f"{n:,} {tier}" for tier, n in result.held.items())
                print(
                    f"\n{label}: {total:.1f}s = {total / floor:.0f}x floor; "
                    f"{result.workers:,} workers ({held}), "
                    f"{len(result.granted):,} granted, {len(result.revoked):,} revoked, "
                    f"{len(ctx.captured_queries):,} queries"
                )
                for step, seconds in result.timings.items():
                    print(f"  {step:<36} {seconds * 1000:9.0f} ms  {seconds / floor:6.1f}x floor")
            queries, cards, badges = search_page_queries()
            print(
                f"\nworker search as a client: {queries} queries, {cards} cards, "
                f"{badges} tier badges (budget {MAX_QUERIES})"
            )
        finally:
            cleanup()
    failed = False
    if queries > MAX_QUERIES:
        print(f"FAIL: worker search with tier badges took {queries} queries")
        failed = True
    if args.workers >= 100_000 and worst > TARGET_SECONDS:
        print(f"FAIL: tier evaluation took {worst:.1f}s, target {TARGET_SECONDS:.0f}s")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
