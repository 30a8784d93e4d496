"""Whole pages under load: gunicorn with DEBUG off, each page against a trivial floor view.

What a user feels is the page under load — routing, middleware, queries, templates — not the
database time the other benchmarks measure. This script serves the project with gunicorn (sync
workers, DEBUG off, static files collected as in production), adds one trivial view in the same
server (`/__bench/floor/`, `HttpResponse("ok")` through the project's own middleware; see
`pages_settings.py` — production URLs never have it), drives each page with wrk at a fixed
number of connections, checks that every response was a 200, and prints requests per second,
p50/p99 latency and the ratio to the floor measured in the same run.

Data: the demo marketplace (`load_demo_data`), plus `--scale N` bulk volume (N workers, N/5
clients, N jobs, 5×N completed contracts). It is built once into `--data-dir` (SQLite) or into
the database of `--database-url` (PostgreSQL) and reused on the next run with the same scale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]

# (name, path template, who is signed in, minimum ratio to the floor on demo data).
PAGES: list[tuple[str, str, str, float]] = [
    ("home /", "/", "anonymous", 0.25),
    ("job search /jobs/", "/jobs/", "anonymous", 0.25),
    ("job page /jobs/<id>/", "/jobs/{job}/", "anonymous", 0.25),
    ("client profile", "/clients/{client}/", "anonymous", 0.15),
    ("worker search /workers/", "/workers/", "client", 0.15),
    ("messages /messages/", "/messages/", "worker", 0.15),
    ("thread /messages/<id>/", "/messages/{thread}/", "worker", 0.15),
    ("contract /contracts/<id>/", "/contracts/{contract}/", "worker", 0.15),
    ("console queue /console/", "/console/", "staff", 0.10),
    ("console messages queue", "/console/queues/messages/", "staff", 0.10),
    ("console reports queue", "/console/queues/reports/", "staff", 0.10),
]
FLOOR = "/__bench/floor/"

# wrk counts responses per thread in its own Lua state; done() sums them and prints one line of
# JSON. Anything but a 200 (a redirect to the login page included) is counted as a failure.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; last_bad = 0 end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1; last_bad = status end
end
function done(summary, latency, requests)
  local total_bad, seen = 0, 0
  for _, t in ipairs(threads) do
    total_bad = total_bad + t:get("bad")
    if t:get("last_bad") ~= 0 then seen = t:get("last_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests": %d, "duration_us": %d, "non200": %d, "bad_status": %d, '
    .. '"p50_us": %d, "p99_us": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration, total_bad, seen,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout))
end
"""

# Run inside `manage.py shell`: signed-in sessions for the demo's client, worker and staff (the
# staff one has passed its second factor, as allauth records it), and the ids the pages need.
SESSIONS_CODE = """
import json, time
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from yorozu.accounts.models import User
from yorozu.contracts.models import Contract
from yorozu.jobs.models import JobFormat
from yorozu.jobs.selectors import latest_open_jobs
from yorozu.messaging.models import Thread
from django.db.models import Count

def session(email):
    user = User.objects.get(email=email)
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.is_staff:
        s["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "email": email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        s["account_authentication_methods_user"] = str(user.pk)
    s.create()
    return user, s.session_key

client, client_key = session("client@example.com")
worker, worker_key = session("worker@example.com")
staff, staff_key = session("staff@example.com")
# The newest open project: a task or competition's /jobs/<id>/ redirects to its own page.
job = next(j for j in latest_open_jobs(limit=50) if j.format == JobFormat.PROJECT)
thread = (Thread.objects.filter(worker=worker).annotate(n=Count("messages"))
          .order_by("-n", "id").first())
contract = (Contract.objects.filter(worker=worker).annotate(n=Count("milestones"))
            .order_by("-n", "id").first())
print("IDS " + json.dumps({
    "sessions": {"client": client_key, "worker": worker_key, "staff": staff_key},
    "job": job.pk, "client": job.client_id, "thread": thread.pk, "contract": contract.pk,
}))
"""

COUNT_CODE = """
from yorozu.accounts.models import User
from yorozu.jobs.models import Job
print("COUNT", User.objects.filter(email="client@example.com").exists(), Job.objects.count())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd: list[str], env: dict[str, str], *, quiet: bool = False) -> str:
    result = subprocess.run(cmd, env=env, cwd=ROOT, text=True, capture_output=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(cmd[1:4])}")
    if not quiet:
        sys.stderr.write(result.stderr[-2000:])
    return result.stdout


def data_dir_for(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    where = "sqlite"
    if args.database_url:
        where = "pg-" + hashlib.sha1(args.database_url.encode()).hexdigest()[:10]
    return cache / "yorozu-bench-pages" / f"{where}-scale-{args.scale}"


def base_env(args: argparse.Namespace, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    secret_file = data_dir / "bench_secret_key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(50))
    env.update(
        YOROZU_VAR_DIR=str(data_dir),
        SECRET_KEY=secret_file.read_text().strip(),
        STATIC_ROOT=str(data_dir / "static"),
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT)]),
    )
    # Each process keeps its database connection between requests (as docs/deploy.md says to
    # run it). On SQLite too: opening the file and setting its pragmas on every request was
    # most of what a page served from the page cache cost (bench/README.md, round 2).
    env["DB_CONN_MAX_AGE"] = env.get("DB_CONN_MAX_AGE", "60")
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def build_data(args: argparse.Namespace, env: dict[str, str]) -> None:
    """Migrate, and load the demo (with --scale volume) unless the database already has it."""
    dev = {**env, "DEBUG": "1"}
    started = time.perf_counter()
    run([*MANAGE, "migrate", "--noinput"], dev, quiet=True)
    out = run([*MANAGE, "shell", "-c", COUNT_CODE], dev, quiet=True)
    has_demo, jobs = out.split("COUNT", 1)[1].split()[:2]
    if has_demo == "True" and int(jobs) >= args.scale and not args.rebuild:
        print(f"data: reusing the database ({int(jobs):,} jobs)")
    else:
        if has_demo == "True":
            raise SystemExit(
                "the database holds other data than asked for (--scale differs?): point "
                "--database-url or --data-dir at an empty one"
            )
        load = [*MANAGE, "load_demo_data"]
        if args.scale:
            load += ["--scale", str(args.scale)]
        print(f"data: building the demo{f' with --scale {args.scale:,}' if args.scale else ''}…")
        run(load, dev, quiet=True)
        run([*MANAGE, "evaluate_certifications"], dev, quiet=True)
        print(f"data: built in {time.perf_counter() - started:.0f}s")
    if env.get("DATABASE_URL", "").startswith("postgres"):
        run([*MANAGE, "dbshell", "--", "-qc", "VACUUM ANALYZE"], dev, quiet=True)
    else:
        run(
            [
                *MANAGE,
                "shell",
                "-c",
                "from django.db import connection as c; c.cursor().execute('ANALYZE')",
            ],
            dev,
            quiet=True,
        )
    if not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        run([*MANAGE, "collectstatic", "--noinput"], {**env, "DEBUG": "0"}, quiet=True)


def start_server(args: argparse.Namespace, env: dict[str, str], port: int) -> subprocess.Popen:
    server_env = {**env, "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "pages_settings"}
    cmd = [
        str(Path(PYTHON).parent / "gunicorn"),
        "yorozu.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "sync",
        "--timeout",
        "120",
        "--log-level",
        "warning",
        "--pythonpath",
        f"{BENCH},{ROOT}",
    ]
    log = open(Path(env["YOROZU_VAR_DIR"]) / "gunicorn.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        cmd,
        env=server_env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{FLOOR}", timeout=5) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def get(url: str, cookie: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is a failure here, not followed
        return None


def drive(url: str, cookie: str, args: argparse.Namespace, script: Path) -> dict:
    cmd = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "--timeout",
        "60s",
        "-s",
        str(script),
        url,
    ]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, text=True, capture_output=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # When wrk stops, requests it had in flight are still queued at the server: wait until the
    # server answers again, so the next page is not timed while this one's backlog drains.
    get(urllib.parse.urljoin(url, FLOOR), "")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=0, help="bulk volume on top of the demo")
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    parser.add_argument("--redis-url", default="", help="the cache (default: the database)")
    parser.add_argument(
        "--data-dir",
        default="",
        help="where the SQLite data, static files and "
        "logs live (default: a per-scale directory in the user's cache)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data even if present")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a page is under its floor ratio (demo-data targets)",
    )
    args = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    data_dir = data_dir_for(args)
    if args.rebuild and not args.database_url and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = base_env(args, data_dir)
    build_data(args, env)
    out = run([*MANAGE, "shell", "-c", SESSIONS_CODE], {**env, "DEBUG": "0"}, quiet=True)
    ids = json.loads(out.split("IDS ", 1)[1])
    cookies = {"anonymous": ""} | {who: f"sessionid={key}" for who, key in ids["sessions"].items()}

    port = free_port()
    server = start_server(args, env, port)
    base = f"http://127.0.0.1:{port}"
    failures: list[str] = []
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(WRK_SCRIPT)
            script = Path(f.name)
        pages = [(n, p.format(**ids), who, t) for n, p, who, t in PAGES if args.only in n]
        # Every page must answer 200 before it is timed (a redirect to sign-in is a failure).
        for name, path, who, _target in pages:
            status, _ = get(base + path, cookies[who])
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status}, not 200")
            for _ in range(3):
                get(base + path, cookies[who])
        print(
            f"gunicorn {args.workers} workers, DEBUG off, "
            f"{'PostgreSQL' if args.database_url else 'SQLite'}"
            f"{', Redis cache' if args.redis_url else ''}, scale {args.scale:,}; "
            f"wrk {args.threads} threads, {args.connections} connections, "
            f"{args.duration} s per page\n"
        )
        header = f"{'page':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'floor':>7}"
        print(f"{header} {'non-200':>8}")
        floor = drive(base + FLOOR, "", args, script)
        print(
            f"{'trivial view (floor)':<28} {floor['rps']:>8.0f} {floor['p50_us'] / 1000:>8.1f} "
            f"{floor['p99_us'] / 1000:>8.1f} {'100.0%':>7} {floor['non200']:>8}"
        )
        if floor["non200"] or floor["socket_errors"] or not floor["requests"]:
            failures.append("floor")
        for name, path, who, target in pages:
            r = drive(base + path, cookies[who], args, script)
            ratio = r["rps"] / floor["rps"]
            flag = ""
            if r["non200"] or r["socket_errors"] or not r["requests"]:
                failures.append(name)
                flag = f"  FAIL: status {r['bad_status']}, socket errors {r['socket_errors']}"
            elif args.check and ratio < target:
                failures.append(name)
                flag = f"  under {target:.0%}"
            print(
                f"{name:<28} {r['rps']:>8.0f} {r['p50_us'] / 1000:>8.1f} "
                f"{r['p99_us'] / 1000:>8.1f} {ratio:>7.1%} {r['non200']:>8}{flag}"
            )
        script.unlink()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if failures:
        print(f"\nFAIL: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
