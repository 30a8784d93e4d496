"""The whole product under load (issue 18, item 3): locust people against gunicorn, the task
workers and the database, then an integrity check.

Serves the project as `make serve` does (gunicorn `--workers`, DEBUG off, `--task-workers`
`db_worker` processes) on the data `bench_pages.py` builds (the demo, plus `--scale` volume),
on SQLite or `--database-url` PostgreSQL, with `--redis-url` for the cache. Every person of the
demo (clients, workers, the secretariat) gets a signed-in session; `bench/locustfile.py`'s users
take one each (several users may share a person) and browse, search, open jobs, propose,
message, scout and decide cases for `--duration` seconds. Then, once the task queue is empty:

- every message the server accepted (a send answered by a redirect) is stored exactly once;
- every task enqueued has run, and none failed;
- no response was a 5xx, and no request failed at the socket.

Exit 1 when any of these does not hold.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_pages as pages  # bench/ is this script's directory, first on sys.path

PEOPLE_CODE = """
import json, time
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Q
from yorozu.accounts.models import User
from yorozu.contracts.models import Contract
from yorozu.jobs.models import JobFormat
from yorozu.jobs.selectors import latest_open_jobs
from yorozu.messaging.models import Thread

def session(user):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.is_staff:
        s["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        s["account_authentication_methods_user"] = str(user.pk)
    s.create()
    return s.session_key

people = {"clients": [], "workers": [], "staff": []}
for user in User.objects.filter(is_active=True).order_by("pk"):
    mine = Q(client=user) | Q(worker=user)
    threads = list(Thread.objects.filter(mine).values_list("pk", flat=True)[:20])
    contracts = list(Contract.objects.filter(mine).values_list("pk", flat=True)[:10])
    who = "staff" if user.is_staff else ("clients" if user.acting_as_client else "workers")
    if who == "workers" and not threads:
        continue
    people[who].append(
        {"id": user.pk, "session": session(user), "threads": threads, "contracts": contracts}
    )
people["jobs"] = [j.pk for j in latest_open_jobs(limit=400) if j.format == JobFormat.PROJECT]
people["client_ids"] = sorted({j.client_id for j in latest_open_jobs(limit=400)})
people["worker_ids"] = [p["id"] for p in people["workers"]]
print("PEOPLE " + json.dumps(people))
"""

CHECK_CODE = """
import json, sys
from yorozu.messaging.models import Message
from django_tasks_db.models import DBTaskResult
accepted = [line.split() for line in open(sys.argv[-1]).read().splitlines() if line.strip()]
wrong = []
for thread, key in accepted:
    n = Message.objects.filter(thread_id=int(thread), idempotency_key=key).count()
    if n != 1:
        wrong.append((thread, key, n))
by_status = {}
for status in DBTaskResult.objects.values_list("status", flat=True):
    by_status[status] = by_status.get(status, 0) + 1
print("CHECK " + json.dumps({"accepted": len(accepted), "not_once": wrong[:20],
      "not_once_count": len(wrong), "tasks": by_status}))
"""

PENDING_CODE = """
from django_tasks_db.models import DBTaskResult
print("PENDING", DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--task-workers", type=int, default=2, help="db_worker processes")
    parser.add_argument("--users", type=int, default=200, help="locust users")
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    args = parser.parse_args()

    data_dir = pages.data_dir_for(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = pages.base_env(args, data_dir)
    pages.build_data(args, env)
    served = {**env, "DEBUG": "0"}
    out = pages.run([*pages.MANAGE, "shell", "-c", PEOPLE_CODE], served, quiet=True)
    people = json.loads(out.split("PEOPLE ", 1)[1])
    work = Path(tempfile.mkdtemp(prefix="yorozu-load-"))
    (work / "people.json").write_text(json.dumps(people))
    accepted_file = work / "accepted.txt"
    print(
        f"people: {len(people['clients'])} clients, {len(people['workers'])} workers, "
        f"{len(people['staff'])} staff; {len(people['jobs'])} open projects"
    )

    port = pages.free_port()
    server = pages.start_server(args, env, port)
    task_workers = [
        subprocess.Popen(
            [*pages.MANAGE, "db_worker", "--no-reload"],
            env={**served, "DJANGO_SETTINGS_MODULE": "pages_settings"},
            cwd=pages.ROOT,
            stdout=open(work / f"db_worker{i}.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for i in range(args.task_workers)
    ]
    failures: list[str] = []
    try:
        started = time.perf_counter()
        locust = subprocess.run(
            [
                str(Path(pages.PYTHON).parent / "locust"),
                "-f",
                str(pages.BENCH / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.duration}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "locust"),
                "--only-summary",
                "--stop-timeout",
                "30",
            ],
            env={
                **os.environ,
                "LOAD_PEOPLE": str(work / "people.json"),
                "LOAD_ACCEPTED": str(accepted_file),
            },
            text=True,
            capture_output=True,
            check=False,
        )
        print(f"locust ran {time.perf_counter() - started:.0f}s (exit {locust.returncode})")
        # The queue drains: every task enqueued during the run finishes (or 300 s pass).
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            out = pages.run([*pages.MANAGE, "shell", "-c", PENDING_CODE], served, quiet=True)
            pending = int(out.split("PENDING", 1)[1].split()[0])
            if not pending:
                break
            time.sleep(3)
    finally:
        for proc in [server, *task_workers]:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in [server, *task_workers]:
            proc.wait(timeout=60)

    with open(work / "locust_stats.csv") as f:
        rows = list(csv.DictReader(f))
    print(
        f"\n{'request':<36} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for row in rows:
        print(
            f"{row['Name'][:36]:<36} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    with open(work / "locust_failures.csv") as f:
        errors = list(csv.DictReader(f))
    server_errors = sum(
        int(e["Occurrences"]) for e in errors if " 5" in e["Error"] or "Server Error" in e["Error"]
    )
    for e in errors:
        print(f"failure: {e['Method']} {e['Name']}: {e['Error']} ×{e['Occurrences']}")
    if server_errors:
        failures.append(f"{server_errors} responses were 5xx")
    if any("Connection" in e["Error"] or "Timeout" in e["Error"] for e in errors):
        failures.append("socket errors or timeouts")

    check_code = CHECK_CODE.replace("sys.argv[-1]", repr(str(accepted_file)))
    out = pages.run([*pages.MANAGE, "shell", "-c", check_code], served, quiet=True)
    check = json.loads(out.split("CHECK ", 1)[1])
    tasks = check["tasks"]
    print(
        f"\nintegrity: {check['accepted']} messages accepted, "
        f"{check['accepted'] - check['not_once_count']} stored exactly once; "
        f"tasks {tasks}"
    )
    if check["not_once_count"]:
        failures.append(f"{check['not_once_count']} accepted messages not stored exactly once")
    if tasks.get("READY") or tasks.get("RUNNING"):
        failures.append("tasks still queued after 300 s")
    if tasks.get("FAILED"):
        failures.append(f"{tasks['FAILED']} tasks failed")
    print(f"(locust files in {work})")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
