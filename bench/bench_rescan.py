"""Benchmark: a rescan of open jobs, and a rule backtest over messages, next to the engine alone.

Standalone: it points YOROZU_VAR_DIR at a temporary directory, migrates a fresh SQLite database,
bulk-inserts N open jobs (1 in 20 carrying a violation) and M messages, then measures

* the floor: `screen_job` (the engine plus the block line) over the same job texts, no database
  (over the first 100,000 jobs at most, scaled to N: the texts repeat);
* a rescan: with one worker (the default on SQLite), `process_rescan` — the task's body — in
  this process; with `--workers N` (2 with `--postgres`), N real `manage.py db_worker` processes
  on the database-backed queue (django-tasks-db): the rescan's first task enqueues helpers and
  the workers take its chunks with SKIP LOCKED. Timed from `do_start_rescan` to the rescan's
  `finished_at`; it prints how many items each task processed and on which worker;
* a backtest of one keyword rule over the messages, next to the same single-rule engine
  without the database (its floor).

Targets (issue 7): rescan of 100k jobs <= 60 s with one worker on SQLite; 1M jobs <= 5 min with
two workers on PostgreSQL; backtest over 100k messages <= 30 s. `--postgres` creates (and drops)
a scratch database on postgres://postgres@127.0.0.1:5432. Timings are printed, never asserted;
exit 1 only if the rescan did not finish or did not process every open job.

    .venv/bin/python bench/bench_rescan.py                      # 100k jobs, 100k messages
    .venv/bin/python bench/bench_rescan.py --jobs 20000 --messages 20000
    .venv/bin/python bench/bench_rescan.py --postgres --jobs 1000000 --workers 2
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
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
    args.var_dir = var
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yorozu.settings")
    # db_worker processes need the real queue; in-process runs need none.
    os.environ["TASKS_BACKEND"] = (
        "django_tasks_db.DatabaseBackend"
        if args.workers > 1
        else "django.tasks.backends.dummy.DummyBackend"
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def teardown(args) -> None:
    """Drop the scratch database and remove the temporary var directory (and its SQLite file)."""
    from django.db import connections

    connections.close_all()
    if getattr(args, "pg_name", None):
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)')
    if getattr(args, "var_dir", None):
        shutil.rmtree(args.var_dir, ignore_errors=True)


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


FLOOR_SAMPLE = 100_000


def floor_jobs(n_jobs: int) -> float:
    """screen_job over the job texts; over the first FLOOR_SAMPLE jobs, scaled to all of them."""
    from yorozu.jobs.actions import screen_job
    from yorozu.jobs.models import Job

    rows = list(Job.objects.order_by("id").values_list("title", "description")[:FLOOR_SAMPLE])
    t = time.perf_counter()
    for title, description in rows:  # screening alone counts nothing (neither does a rescan)
        screen_job(title, description)
    return (time.perf_counter() - t) * n_jobs / len(rows)


def run_rescan(workers: int) -> tuple[float, dict]:
    from yorozu.trust.actions import do_start_rescan
    from yorozu.trust.models import Rescan
    from yorozu.trust.tasks import process_rescan

    if workers == 1:
        t = time.perf_counter()
        rescan = do_start_rescan(reason="bench", actor=None, message_days=0)
        process_rescan(rescan.pk)
        elapsed = time.perf_counter() - t
        r = Rescan.objects.get(pk=rescan.pk)
        return elapsed, {"status": r.status, "processed": r.processed, "new_holds": r.new_holds}
    return run_rescan_on_db_workers(workers)


def run_rescan_on_db_workers(workers: int) -> tuple[float, dict]:
    """Start `workers` db_worker processes, start a rescan, wait until it is done."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from yorozu.trust.actions import do_start_rescan
    from yorozu.trust.models import Rescan, RescanStatus

    connections.close_all()
    command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-startup-delay"]
    command += ["--no-reload", "--queue-name", "default", "--interval", "0.2"]
    # As deployed: DEBUG off (no query log), which wants a SECRET_KEY; a throwaway one.
    env = dict(os.environ, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))
    procs = [
        subprocess.Popen([*command, "--worker-id", f"bench-{i}"], cwd=ROOT, env=env)
        for i in range(workers)
    ]
    try:
        time.sleep(3)  # let them start and poll the (empty) queue, as running workers do
        rescan = do_start_rescan(reason="bench", actor=None, message_days=0)  # enqueues on commit
        while True:
            time.sleep(0.5)
            r = Rescan.objects.get(pk=rescan.pk)
            if r.status == RescanStatus.DONE:
                break
            if any(p.poll() is not None for p in procs):
                raise SystemExit("a db_worker process ended before the rescan was done")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)
    elapsed = (r.finished_at - r.created_at).total_seconds()
    tasks = [
        (t.worker_ids, t.return_value, t.status)
        for t in DBTaskResult.objects.order_by("enqueued_at")
    ]
    return elapsed, {
        "status": r.status,
        "processed": r.processed,
        "new_holds": r.new_holds,
        "tasks (worker, items, status)": tasks,
    }


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=100_000, help="open jobs to rescan")
    parser.add_argument("--messages", type=int, default=100_000, help="messages to backtest")
    parser.add_argument("--postgres", action="store_true", help="on a scratch PostgreSQL database")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="1: in this process; more: that many db_worker processes (default 2 on PostgreSQL)",
    )
    args = parser.parse_args()
    workers = args.workers = args.workers or (2 if args.postgres else 1)
    setup(args)
    failed = False
    try:
        t = time.perf_counter()
        populate(args.jobs, args.messages)
        took = time.perf_counter() - t
        print(f"populated {args.jobs:,} jobs, {args.messages:,} messages in {took:.1f} s")
        floor = floor_jobs(args.jobs)
        sampled = " (sampled 100k, scaled)" if args.jobs > FLOOR_SAMPLE else ""
        print(
            f"floor: screen_job alone over {args.jobs:,} jobs{sampled}: {floor:.1f} s "
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
        failed = state["status"] != "done" or state["processed"] < args.jobs
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
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
