"""Browser tests against a live yorozu: a real server process on a fresh demo database.

The session starts `runserver`, `db_worker` and `run_scheduler` as subprocesses on a temporary
YOROZU_VAR_DIR (migrated and loaded with the demo data), so what the browser sees is what
`make run` serves — no test-database tricks. Playwright drives Debian's Chromium; a failing
test leaves a screenshot and the page's HTML in `e2e-artifacts/`.
"""

from __future__ import annotations

import email
import email.policy
import itertools
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

from yorozu.core.demo_totp import DEMO_TOTP_SECRET, seconds_left, totp_code

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
TASK_APPROVAL_PERIOD = "PT90S"

expect.set_options(timeout=10_000)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict[str, str]:
    """The environment of `make run` (DEBUG=1 set explicitly: it is off unless set), pointed at a
    throwaway var dir and its SQLite database; mail goes to files the tests read."""
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_BACKEND"):
        env.pop(key, None)  # never point the browser tests at a shared database or cache
    env.update(
        YOROZU_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="yorozu.settings",
        DEBUG="1",
        PYTHONUNBUFFERED="1",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir(var_dir)),
        # Deadlines a browser can watch pass: a delivery is accepted automatically after 30
        # seconds, and the scheduler sweeps every 2 (the demo's own deliveries get a day).
        ACCEPTANCE_PERIOD=ACCEPTANCE_PERIOD,
        CONTRACT_DEADLINE_SWEEP="PT2S",
        # A task answer nobody decides is approved automatically after 90 seconds (long enough
        # for a client to decide the others first); the formats sweep runs every 2.
        TASK_APPROVAL_PERIOD=TASK_APPROVAL_PERIOD,
        # The client is reminded of it 60 seconds before (a day, in production).
        TASK_APPROVAL_REMINDER="PT60S",
        FORMAT_SWEEP="PT2S",
        # Each browser context is a different person at their own address (X-Forwarded-For,
        # trusted as from one proxy): the per-address quotas (signups, logins, messages) count
        # each person apart, as they would on the internet, not the whole run as one address.
        TRUSTED_PROXY_COUNT="1",
    )
    return env


def mail_dir(var_dir: Path) -> Path:
    return var_dir / "mail"


class Mailbox:
    """The e2e server's sent mail: the file backend writes one file per connection, messages
    separated by a line of 79 dashes; each is parsed as the MIME message it is."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def messages(self) -> list[email.message.EmailMessage]:
        found = []
        for path in sorted(self.directory.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return found

    def latest_to(self, address: str, *, containing: str = "", timeout: float = 10) -> str:
        """The text of the newest message to `address` (containing `containing`), waiting for
        it to arrive; fails the test if none does."""
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.messages()):
                if address.lower() in str(message["To"]).lower():
                    body = message.get_body(preferencelist=("plain",))
                    text = body.get_content() if body is not None else ""
                    if containing in text:
                        return text
            if time.monotonic() > deadline:
                pytest.fail(f"no mail to {address} containing {containing!r}")
            time.sleep(0.2)

    def link_to(self, address: str, path_prefix: str) -> str:
        """The path of the first link in the newest mail to `address` that starts with it."""
        text = self.latest_to(address, containing=path_prefix)
        match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s]*)", text)
        assert match, text
        return match.group(1)


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
def var_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("yorozu-var")


@pytest.fixture(scope="session")
def mailbox(var_dir) -> Mailbox:
    """The mail the e2e server sent (password resets, confirmations…), read from its files."""
    return Mailbox(mail_dir(var_dir))


@pytest.fixture(scope="session")
def base_url(var_dir) -> Iterator[str]:
    """A migrated demo marketplace served by `runserver`, with `db_worker` running its tasks
    and `run_scheduler` enqueuing the periodic ones (the contract deadline sweep)."""
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


def is_csp_violation(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


# One documentation address (RFC 5737) per browser context, in the order they are opened.
_addresses = (f"198.51.100.{n % 254 + 1}" for n in itertools.count())


@pytest.fixture
def new_page(browser: Browser, base_url: str, request) -> Iterator[Callable[[], Page]]:
    """Open pages in fresh browser contexts (one per person in a journey): Japanese locale,
    Tokyo time, no shared cookies. On failure every page is saved to e2e-artifacts/.

    Every journey also checks the Content-Security-Policy: each HTML page it loads must carry the
    header, and the browser console must report no violation (an inline script, handler or
    style, or a resource from elsewhere, would be one)."""
    contexts = []
    csp_problems: list[str] = []

    def watch(page: Page) -> None:
        page.on(
            "console",
            lambda message: (
                csp_problems.append(f"{page.url}: {message.text}")
                if is_csp_violation(message.text)
                else None
            ),
        )

        def check_headers(response) -> None:
            # Rendered documents only (a redirect is not shown); all_headers(), since Chromium
            # leaves security headers out of the quick `headers`. This server runs with DEBUG=1,
            # where Django's technical 404/500 pages opt out of the policy on purpose (they are
            # styled inline); production error pages carry it (core/tests/test_hardening.py).
            if (
                response.request.resource_type == "document"
                and response.url.startswith(base_url)
                and not 300 <= response.status < 400
                and response.status not in (404, 500)
                and "content-security-policy" not in response.all_headers()
            ):
                csp_problems.append(f"{response.url}: no Content-Security-Policy header")

        page.on("response", check_headers)

    def open_page() -> Page:
        context = browser.new_context(
            extra_http_headers={"X-Forwarded-For": next(_addresses)},
            base_url=base_url,
            locale="ja-JP",
            timezone_id="Asia/Tokyo",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        contexts.append(context)
        page = context.new_page()
        # Confirmation dialogs (fund, complete, hire…) are accepted, as a user clicking OK would.
        page.on("dialog", lambda dialog: dialog.accept())
        watch(page)
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
    assert csp_problems == [], "Content-Security-Policy problems:\n" + "\n".join(csp_problems)


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
    """One fresh page for a single-person test."""
    return new_page()


# The TOTP time step each staff login last used: a code is accepted once (allauth refuses a
# replay within its window), so a second login in the same 30 seconds waits for the next code.
_last_totp_step: dict[str, int] = {}


def fresh_totp_code(email: str, secret: str = DEMO_TOTP_SECRET) -> str:
    step = int(time.time() // 30)
    if _last_totp_step.get(email) == step:
        time.sleep(seconds_left() + 0.5)
        step = int(time.time() // 30)
    _last_totp_step[email] = step
    return totp_code(secret)


def do_login(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form (labels as a person reads them), then check the header.

    Staff accounts are then asked for their authenticator's code (the demo secret): it is typed
    in as a person would read it off their phone."""
    page.goto("/account/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.locator("main").get_by_role("button", name="ログイン").click()
    logout = page.get_by_role("button", name="ログアウト")
    code_field = page.get_by_label("コード")
    expect(logout.or_(code_field).first).to_be_visible()
    if page.url.rstrip("/").endswith("/account/2fa/authenticate"):
        code_field.fill(fresh_totp_code(email))
        page.locator("main").get_by_role("button", name="ログイン").click()
    expect(logout).to_be_visible()


def do_sign_up(
    page: Page,
    mailbox: Mailbox,
    email: str,
    name: str,
    *,
    role: str = "worker",
    password: str = DEMO_PASSWORD + "-x1",
) -> None:
    """Sign up through the real form as a `role` ("worker" or "client"), then confirm the
    address with the link the e-mail brings; the new person is logged in."""
    page.goto("/account/signup/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("表示名").fill(name)
    page.get_by_label("パスワード", exact=True).fill(password)
    page.get_by_label("パスワード（確認用）").fill(password)
    page.locator(f"[name=role][value={role}]").check()
    page.get_by_label("利用規約とプライバシーポリシーに同意します").check()
    page.get_by_role("button", name="会員登録").click()
    expect(page.get_by_role("heading", name="メールアドレスを確認してください")).to_be_visible()
    page.goto(mailbox.link_to(email, "/account/confirm-email/"))
    page.locator("main").get_by_role("button", name="確認する").click()
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()


@pytest.fixture
def sign_up(mailbox: Mailbox) -> Callable[..., None]:
    """`sign_up(page, email, name, role="worker")`: a new person with a clean record — for a
    journey whose outcome must not depend on what earlier journeys did with a demo account
    (the demo worker collects screening offences across the run, and three in an hour slow
    them down)."""
    return lambda page, email, name, **kw: do_sign_up(page, mailbox, email, name, **kw)


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
