"""Browser tests against a live yorozu: a real server process on a fresh demo database.

The session starts `runserver`, `db_worker` and `run_scheduler` as subprocesses on a temporary
YOROZU_VAR_DIR (migrated and loaded with the demo data), so what the browser sees is what
`make run` serves — no test-database tricks. Playwright drives Debian's Chromium; a failing
test leaves a screenshot and the page's HTML in `e2e-artifacts/`.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "e2e-artifacts"
PYTHON = sys.executable
DEMO_PASSWORD = "yorozu-demo"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 60
ACCEPTANCE_PERIOD = "PT30S"

expect.set_options(timeout=10_000)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict[str, str]:
    """The environment of `make run`, pointed at a throwaway var dir and its SQLite database."""
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        env.pop(key, None)  # never point the browser tests at a shared database or cache
    env.update(
        YOROZU_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="yorozu.settings",
        DEBUG="1",
        PYTHONUNBUFFERED="1",
        # Deadlines a browser can watch pass: a delivery is accepted automatically after 30
        # seconds, and the scheduler sweeps every 2 (the demo's own deliveries get a day).
        ACCEPTANCE_PERIOD=ACCEPTANCE_PERIOD,
        CONTRACT_DEADLINE_SWEEP="PT2S",
    )
    return env


def manage(env: dict[str, str], *args: str, log: Path) -> None:
    """Run a management command to completion; fail with its output if it fails."""
    with log.open("a") as out:
        out.write(f"$ manage.py {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if result.returncode != 0:
        pytest.exit(f"manage.py {' '.join(args)} failed:\n{log.read_text()[-4000:]}", returncode=1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.exit(f"runserver exited early:\n{log.read_text()[-4000:]}", returncode=1)
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.exit(f"runserver did not answer within {SERVER_START_TIMEOUT}s", returncode=1)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory) -> Iterator[str]:
    """A migrated demo marketplace served by `runserver`, with `db_worker` running its tasks
    and `run_scheduler` enqueuing the periodic ones (the contract deadline sweep)."""
    var_dir = tmp_path_factory.mktemp("yorozu-var")
    ARTIFACTS.mkdir(exist_ok=True)
    env = server_env(var_dir)
    setup_log = ARTIFACTS / "server-setup.log"
    setup_log.write_text("")
    manage(env, "migrate", "--noinput", log=setup_log)
    manage(env, "load_demo_data", "--seed", "42", log=setup_log)
    manage(env, "evaluate_certifications", log=setup_log)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server_log = ARTIFACTS / "server.log"
    worker_log = ARTIFACTS / "db_worker.log"
    scheduler_log = ARTIFACTS / "run_scheduler.log"
    processes: list[subprocess.Popen] = []
    try:
        with server_log.open("w") as out:
            processes.append(
                subprocess.Popen(
                    [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        with worker_log.open("w") as out:
            processes.append(
                subprocess.Popen(
                    [PYTHON, "manage.py", "db_worker"],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        with scheduler_log.open("w") as out:
            processes.append(
                subprocess.Popen(
                    [PYTHON, "manage.py", "run_scheduler", "--interval", "1"],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        wait_until_up(url + "/", processes[0], server_log)
        yield url
    finally:
        for process in reversed(processes):
            stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so the page fixture knows if the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")


@pytest.fixture
def new_page(browser: Browser, base_url: str, request) -> Iterator[Callable[[], Page]]:
    """Open pages in fresh browser contexts (one per person in a journey): Japanese locale,
    Tokyo time, no shared cookies. On failure every page is saved to e2e-artifacts/."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(
            base_url=base_url,
            locale="ja-JP",
            timezone_id="Asia/Tokyo",
            viewport={"width": 1280, "height": 900},
        )
        contexts.append(context)
        page = context.new_page()
        # Confirmation dialogs (fund, complete, hire…) are accepted, as a user clicking OK would.
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield open_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = _artifact_name(request.node.nodeid)
        for n, context in enumerate(contexts, start=1):
            for m, page in enumerate(context.pages, start=1):
                stem = ARTIFACTS / f"{name}-{n}.{m}"
                try:
                    page.screenshot(path=f"{stem}.png", full_page=True)
                    Path(f"{stem}.html").write_text(page.content())
                except Exception as exc:  # the failure itself matters more than its picture
                    print(f"could not save artifacts for {stem.name}: {exc}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
    """One fresh page for a single-person test."""
    return new_page()


def do_login(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form (labels as a person reads them), then check the header."""
    page.goto("/account/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.locator("main").get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()


@pytest.fixture
def login() -> Callable[[Page, str], None]:
    """`login(page, email)`: sign in as one of the demo users (password yorozu-demo)."""
    return do_login


def press_role_switch(page: Page, role_label: str) -> None:
    """Press 発注者 / ワーカー in the header's role switch (a no-op if already active)."""
    button = page.locator("form.role-switch").get_by_role("button", name=role_label)
    if button.get_attribute("aria-pressed") != "true":
        button.click()
        expect(
            page.locator("form.role-switch").get_by_role("button", name=role_label)
        ).to_have_attribute("aria-pressed", "true")


@pytest.fixture
def switch_role() -> Callable[[Page, str], None]:
    """`switch_role(page, "ワーカー")`: act as worker (or 発注者, client) from the header."""
    return press_role_switch
