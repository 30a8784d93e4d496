"""Schemathesis against the live API: a fresh database with a small marketplace, the dev server,
and `schemathesis run` over /api/v1/openapi.json as a client and as a worker (each with a
token holding every scope), stateful links included. Passes when no answer is a 5xx and every
answer conforms to the schema (status code, content type, headers, body).

    .venv/bin/python scripts/api_schemathesis.py [--max-examples N]

Run by `.ci/run`; needs nothing but the virtualenv (SQLite in a temporary directory).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)

SEED = """
import datetime
from django.utils import timezone
from yorozu.accounts.actions import do_create_account
from yorozu.accounts.models import Role
from yorozu.api.actions import do_create_access_token
from yorozu.catalog.models import Category
from yorozu.contracts.actions import do_hire_proposal, do_submit_proposal
from yorozu.jobs.actions import do_post_job
from yorozu.messaging.actions import ensure_thread
from yorozu.core.quotas import quotas_exempt

exempt = quotas_exempt()
exempt.__enter__()
client = do_create_account(email="client@api.test", password="pw-yorozu-123",
    display_name="依頼者", role=Role.CLIENT, email_confirmed=True)
worker = do_create_account(email="worker@api.test", password="pw-yorozu-123",
    display_name="ワーカー", role=Role.WORKER, email_confirmed=True)
category = Category.objects.filter(parent__isnull=False).first()
jobs = [do_post_job(client=client, actor=client, data={
    "title": f"コーポレートサイトの制作 {n}", "category": category,
    "description": "会社案内のサイトを5ページほどで作成してください。", "pay_type": "fixed",
    "budget_min": 50000, "budget_max": 100000, "hires_wanted": 2,
    "deadline": timezone.localdate() + datetime.timedelta(days=14)}) for n in range(3)]
proposal = do_submit_proposal(job=jobs[0], worker=worker, actor=worker,
    data={"price": 60000, "delivery_days": 10, "message": "よろしくお願いします。"})
do_hire_proposal(proposal, actor=client)
ensure_thread(jobs[0], worker)
scopes = ["read", "jobs", "proposals", "messages", "contracts"]
for user in (client, worker):
    _t, raw = do_create_access_token(user=user, name="schemathesis", scopes=scopes,
        second_factor=False, actor=user)
    print("TOKEN", user.email, raw)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    # A stopped run still stops its server (the `finally` below runs on SIGTERM too).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=25)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "REDIS_URL": "",
            "YOROZU_VAR_DIR": tmp,
        }
        manage = [python, str(ROOT / "manage.py")]
        subprocess.run(
            [*manage, "migrate", "--noinput"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        seeded = subprocess.run(
            [*manage, "shell", "-c", SEED], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if seeded.returncode:
            print(seeded.stdout, seeded.stderr[-3000:], file=sys.stderr)
            return 1
        tokens = [
            line.split()[2] for line in seeded.stdout.splitlines() if line.startswith("TOKEN")
        ]
        port = free_port()
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            schema = f"http://127.0.0.1:{port}/api/v1/openapi.json"
            deadline = time.monotonic() + 300
            while True:  # up, and the schema built once (a loaded machine takes a while)
                try:
                    urllib.request.urlopen(schema, timeout=60)
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        print("the server did not answer", file=sys.stderr)
                        return 1
                    time.sleep(1)
            failed = 0
            for token in tokens:
                result = subprocess.run(
                    [
                        str(Path(python).parent / "schemathesis"),
                        "run",
                        schema,
                        "--checks",
                        CHECKS,
                        "--phases",
                        "examples,coverage,fuzzing,stateful",
                        "--max-examples",
                        str(args.max_examples),
                        "--workers",
                        "1",
                        "--header",
                        f"Authorization: Bearer {token}",
                        "--suppress-health-check",
                        "all",
                        "--request-timeout",
                        "30",
                    ],
                    cwd=tmp,  # its cache stays out of the repository
                )
                failed += result.returncode != 0
            return 1 if failed else 0
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
