"""Hardening: the headers every page carries, templates without inline script, DEBUG off unless
set, `check --deploy` clean with the documented production variables, ids out of range are 404.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from yorozu.core.converters import MAX_ID
from yorozu.jobs.tests.factories import JobFactory

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "yorozu"


# --- headers ------------------------------------------------------------------------------------

PUBLIC_PAGES = ["/", "/jobs/", "/notices/", "/help/faq/", "/help/privacy/", "/account/login/"]


@pytest.mark.parametrize("who", [None, "worker", "staff"])
def test_every_page_answers_with_a_csp_and_a_permissions_policy(client, cast, who):
    job = JobFactory(client=cast["client"])
    pages = [*PUBLIC_PAGES, reverse("jobs:detail", args=[job.pk]), "/no-such-page/"]
    if who:
        client.force_login(cast[who])
        pages += ["/account/settings/", "/account/security/", "/account/privacy/", "/messages/"]
    if who == "staff":
        pages += ["/console/", "/secretariat/audit/", "/admin/"]
    for url in pages:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp, url
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url


# Templates rendered to PDF by WeasyPrint, never served to a browser: no CSP applies to them.
PDF_TEMPLATES = "contracts/templates/contracts/documents/"


def template_files():
    return sorted(
        p
        for p in PACKAGE.glob("*/templates/**/*.html")
        if PDF_TEMPLATES not in p.relative_to(PACKAGE).as_posix()
    )


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I), "script"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"hx-on|hx-vals\s*=\s*['\"]js:", re.I), "htmx eval"),
]


def test_no_template_has_inline_script_handler_or_style():
    offenders = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in template_files()
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert template_files()
    assert offenders == []


def test_htmx_is_configured_not_to_inject_styles_or_eval(client, db):
    page = client.get("/").text
    assert (
        "includeIndicatorStyles&quot;: false" in page or '"includeIndicatorStyles": false' in page
    )
    assert '"allowEval": false' in page


# --- DEBUG and check --deploy ---------------------------------------------------------------


def production_env() -> dict[str, str]:
    """The variables docs/deploy.md documents, with placeholders filled in."""
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = doc.split("```env", 1)[1].split("```", 1)[0]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "")}
    for line in block.strip().splitlines():
        key, _, value = line.partition("=")
        value = re.sub(r"<[^>]*random[^>]*>", secrets.token_urlsafe(64), value)
        env[key] = value.replace("<password>", "pw")
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "yorozu.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = run_manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def settings_value(env: dict[str, str], name: str) -> subprocess.CompletedProcess:
    code = f"from django.conf import settings; print(settings.{name})"
    return run_manage(env, "shell", "-c", code)


def test_debug_is_off_unless_set():
    env = production_env()
    del env["DEBUG"]
    result = settings_value(env, "DEBUG")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_without_debug_a_secret_key_is_required():
    env = production_env()
    del env["DEBUG"], env["SECRET_KEY"]
    result = settings_value(env, "DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


PRODUCTION_PAGES = """
from django.test import Client
from yorozu.accounts.actions import do_create_account
user = do_create_account(email="p@example.jp", password="x-long-password-1", display_name="本番",
                         email_confirmed=True)
anonymous, signed_in = Client(), Client()
signed_in.force_login(user)
for client, urls in [
    (anonymous, ["/", "/jobs/", "/account/login/", "/account/signup/", "/help/privacy/",
                 "/account/password/reset/", "/no-such-page/", "/jobs/999999/"]),
    (signed_in, ["/account/settings/", "/account/security/", "/account/privacy/", "/messages/",
                 "/account/2fa/", "/console/"]),
]:
    for url in urls:
        r = client.get(url, secure=True, headers={"host": "yorozu.example.jp"})
        csp = "default-src 'self'" in r.get("Content-Security-Policy", "")
        pp = "camera=()" in r.get("Permissions-Policy", "")
        print(url, r.status_code, "CSP" if csp else "NO-CSP", "PP" if pp else "NO-PP")
"""


def test_with_debug_off_and_the_production_variables_every_page_has_the_headers(tmp_path):
    """DEBUG=0 and docs/deploy.md's variables (a SQLite file and the database cache standing in
    for PostgreSQL and Redis): pages, error pages included, answer with CSP and Permissions-Policy.
    (Under the test settings Django also turns DEBUG off; this runs the production settings.)"""
    env = {
        **production_env(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "STATIC_ROOT": str(tmp_path / "static"),
        "YOROZU_VAR_DIR": str(tmp_path / "var"),
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        result = run_manage(env, *command)
        assert result.returncode == 0, result.stderr[-2000:]
    result = run_manage(env, "shell", "-c", PRODUCTION_PAGES)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("/")]
    assert len(lines) == 14, result.stdout
    for line in lines:
        _url, status, csp, pp = line.split()
        assert status in {"200", "302", "404"}, line
        assert (csp, pp) == ("CSP", "PP"), line


def test_the_production_mail_backend_is_smtp():
    result = settings_value(production_env(), "MAILERS")
    # Django's SMTP backend, wrapped so Japanese mail goes quoted-printable (core/mail.py).
    assert "yorozu.core.mail.SMTPEmailBackend" in result.stdout
    assert "smtp.example.jp" in result.stdout


# --- ids out of range -------------------------------------------------------------------------


def id_routes() -> list[str]:
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and "<id:" in str(pattern.pattern):
                routes.append("/" + prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return sorted(routes)


def test_no_url_uses_the_unbounded_int_converter():
    def walk(patterns) -> list[str]:
        found = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns)
            elif "<int:" in str(pattern.pattern):
                found.append(str(pattern.pattern))
        return found

    assert walk(get_resolver().url_patterns) == []


@pytest.mark.parametrize("number", [str(MAX_ID + 1), "9" * 19, "9" * 40, "0"])
def test_every_id_out_of_range_answers_404(client, staff_user, number):
    routes = id_routes()
    assert len(routes) >= 25
    assert "/workers/<id:user_id>/" in routes and "/clients/<id:user_id>/" in routes
    client.force_login(staff_user)
    for route in routes:
        url = re.sub(r"<id:\w+>", number, route)
        url = re.sub(r"<str:\w+>", "fund", url)
        for method in (client.get, client.post):
            status = method(url).status_code
            if route.startswith("/admin/"):
                # The admin's own catch-all answers an unknown object with a redirect.
                assert status in (302, 404), url
            else:
                assert status == 404, url


@pytest.mark.parametrize("number", [str(MAX_ID + 1), "9" * 40])
def test_the_admin_answers_ids_out_of_range_without_an_error(client, superuser, number):
    client.force_login(superuser)
    for model in ("accounts/user", "accounts/identitydocument", "messaging/message"):
        response = client.get(f"/admin/{model}/{number}/change/", follow=True)
        assert response.status_code == 200, model


def test_the_largest_id_is_an_id_that_does_not_exist(client, worker_user):
    client.force_login(worker_user)
    for url in (f"/workers/{MAX_ID}/", f"/clients/{MAX_ID}/", f"/jobs/{MAX_ID}/"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("field", ["subject", "actor"])
@pytest.mark.parametrize("number", [str(MAX_ID + 1), "9" * 30, "-1"])
def test_audit_filters_out_of_range_are_form_errors(client, staff_user, field, number):
    client.force_login(staff_user)
    response = client.get(reverse("enforcement:audit"), {field: number})
    assert response.status_code == 200
    assert "errorlist" in response.text
    csv = client.get(reverse("enforcement:audit"), {field: number, "format": "csv"})
    assert csv.status_code == 200
    b"".join(csv.streaming_content)
