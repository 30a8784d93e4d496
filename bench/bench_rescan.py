"""Benchmark: a rescan of open jobs, and a rule backtest over messages, next to the engine alone.

Standalone: it points YOROZU_VAR_DIR at a temporary directory, migrates a fresh SQLite database,
bulk-inserts N open jobs (1 in 20 carrying a violation) and M messages, then measures

* the floor: `screen_job` (the engine plus the block line) over the same job texts, no database;
* a rescan with one worker (`process_rescan`, the task's body, in this process): planning,
  batches of 500 with their cursor writes, holds and cases for the violations;
* a backtest of one keyword rule over the messages, next to the same single-rule engine
  without the database (its floor).

Targets (issue 7): rescan of 100k jobs <= 60 s with one worker on SQLite; backtest over 100k
messages <= 30 s. `--postgres` runs the rescan on a scratch database on
postgres://postgres@127.0.0.1:5432 with two worker processes (target: 1M jobs <= 5 min).
Timings are printed, never asserted.

    .venv/bin/python bench/bench_rescan.py                      # 100k jobs, 100k messages
    .venv/bin/python bench/bench_rescan.py --jobs 20000 --messages 20000
    .venv/bin/python bench/bench_rescan.py --postgres --jobs 1000000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLEAN = (
    "会社案内のウェブサイトを5ページほどで制作してください。デザインの参考サイトはこちらで用意します。"
    "納期は1か月程度を考えています。ご提案をお待ちしております。"
)
BAD = "在宅ワークのメンバー募集です。詳しくはLINEで連絡ください。"
MESSAGE_CLEAN = (
    "お世話になっております。ご提案ありがとうございます。進め方について相談させてください。"
)
MESSAGE_BAD = "このアカウントは使えなくなるので、もふもふ商材の件はこちらで話しましょう。"


def setup(args) -> None:
    if args.postgres:
        import psycopg

        name = f"yorozu_bench_{os.getpid()}"
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        args.pg_name = name
    var = tempfile.mkdtemp(prefix="yorozu-bench-rescan-")
    os.environ["YOROZU_VAR_DIR"] = var
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yorozu.settings")
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def teardown(args) -> None:
    if getattr(args, "pg_name", None):
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)')


def populate(n_jobs: int, n_messages: int) -> None:
    import datetime

    from django.utils import timezone

    from yorozu.accounts.actions import do_create_account
    from yorozu.accounts.models import Role
    from yorozu.catalog.models import Category
    from yorozu.jobs.models import Job
    from yorozu.messaging.models import Message, Thread

    client = do_create_account(
        email="bench-client@example.com", password="x" * 12, display_name="c", role=Role.CLIENT
    )
    worker = do_create_account(
        email="bench-worker@example.com", password="x" * 12, display_name="w", role=Role.WORKER
    )
    sub = Category.objects.filter(parent__isnull=False).select_related("parent").first()
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    batch = []
    for i in range(n_jobs):
        desc = BAD if i % 20 == 0 else CLEAN
        batch.append(
            Job(
                client=client,
                title=f"サイト制作 {i}",
                category=sub,
                main_category=sub.parent,
                description=desc,
                budget_min=10000,
                budget_max=50000,
                deadline=deadline,
            )
        )
        if len(batch) == 5000:
            Job.objects.bulk_create(batch)
            batch = []
    Job.objects.bulk_create(batch)
    if n_messages:
        job = Job.objects.order_by("id").first()
        thread = Thread.objects.create(job=job, client=client, worker=worker)
        msgs = []
        for i in range(n_messages):
            body = MESSAGE_BAD if i % 50 == 0 else MESSAGE_CLEAN
            msgs.append(Message(thread=thread, sender=worker, body=body))
            if len(msgs) == 5000:
                Message.objects.bulk_create(msgs)
                msgs = []
        Message.objects.bulk_create(msgs)


def floor_jobs() -> float:
    from yorozu.jobs.actions import screen_job
    from yorozu.jobs.models import Job
    from yorozu.trust.services import not_counting_hits

    rows = list(Job.objects.values_list("title", "description"))
    t = time.perf_counter()
    with not_counting_hits():  # the rescan does not count hits either
        for title, description in rows:
            screen_job(title, description)
    return time.perf_counter() - t


def run_rescan(workers: int) -> tuple[float, dict]:
    from yorozu.trust.actions import do_start_rescan
    from yorozu.trust.models import Rescan
    from yorozu.trust.tasks import process_rescan

    t = time.perf_counter()
    rescan = do_start_rescan(reason="bench", actor=None, message_days=0)
    if workers == 1:
        process_rescan(rescan.pk)
    else:
        from django.db import connections

        connections.close_all()
        code = (
            "import django,sys;django.setup();"
            "from yorozu.trust.tasks import process_rescan;"
            f"process_rescan({rescan.pk})"
        )
        procs = [
            subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ))
            for _ in range(workers)
        ]
        for p in procs:
            p.wait()
    elapsed = time.perf_counter() - t
    r = Rescan.objects.get(pk=rescan.pk)
    return elapsed, {"status": r.status, "processed": r.processed, "new_holds": r.new_holds}


def backtest() -> tuple[float, float, dict]:
    from yorozu.messaging.models import Message
    from yorozu.trust.engine import Context, Engine, default_engine
    from yorozu.trust.models import TrustRule
    from yorozu.trust.rules import rule_from_row
    from yorozu.trust.tasks import backtest_rule

    rule = TrustRule(
        code="bench.mofu", category="test", weight=5, message_ja="x", keywords=["もふもふ商材"]
    )
    bodies = list(Message.objects.values_list("body", flat=True))
    base = default_engine()
    engine = Engine(rules=[rule_from_row(rule, state="live")], lexicon=base.lexicon, model=None)
    ctx = Context(kind="message")
    t = time.perf_counter()
    for body in bodies:
        engine.assess(body, ctx)
    floor = time.perf_counter() - t
    t = time.perf_counter()
    result = backtest_rule(rule, days=30)
    return time.perf_counter() - t, floor, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    workers = args.workers or (2 if args.postgres else 1)
    setup(args)
    try:
        t = time.perf_counter()
        populate(args.jobs, args.messages)
        took = time.perf_counter() - t
        print(f"populated {args.jobs:,} jobs, {args.messages:,} messages in {took:.1f} s")
        floor = floor_jobs()
        print(
            f"floor: screen_job alone over {args.jobs:,} jobs: {floor:.1f} s "
            f"({args.jobs / floor:,.0f}/s)"
        )
        elapsed, state = run_rescan(workers)
        target = 60 if not args.postgres else 300
        budget = target * args.jobs / (1_000_000 if args.postgres else 100_000)
        print(
            f"rescan, {workers} worker(s), {'PostgreSQL' if args.postgres else 'SQLite'}: "
            f"{elapsed:.1f} s ({args.jobs / elapsed:,.0f} jobs/s) {state}; "
            f"ratio to floor ×{elapsed / floor:.2f}; target {target} s: "
            f"{'met' if elapsed <= budget else 'NOT met'} (budget {budget:.0f} s for this size)"
        )
        if args.messages:
            took, bfloor, result = backtest()
            print(
                f"backtest over {args.messages:,} messages: {took:.1f} s "
                f"(floor, engine alone {bfloor:.1f} s; ratio ×{took / max(bfloor, 1e-9):.2f}); "
                f"flagged {result['flagged']}; target 30 s per 100k: "
                f"{'met' if took <= 30 * args.messages / 100_000 else 'NOT met'}"
            )
    finally:
        teardown(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
