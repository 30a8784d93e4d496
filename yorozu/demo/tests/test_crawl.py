"""No page answers 500: every link a visitor, the demo client, worker and staff can follow on the
demo marketplace, each also with malformed query parameters.

The crawl follows same-site links from a few entry pages (GET only, at most two pages of each URL
shape, e.g. one or two job detail pages), and asks each page it found again with broken
parameters: a page number that is not one or far past the end, a NUL byte in a search, unknown
sort and status values, filters that are not numbers.
"""

import io
import re
import urllib.parse

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from yorozu.accounts.models import User
from yorozu.accounts.tests.clients import YorozuClient
from yorozu.core.tests.rollback import rolled_back

ENTRY_PAGES = [
    "/",
    "/jobs/",
    "/workers/",
    "/messages/",
    "/notifications/",
    "/notices/",
    "/help/faq/",
    "/safety/",
    "/transparency/",
    "/account/certification/",
    "/workers/scouts/",
    "/console/",
    "/secretariat/reports/",
    "/secretariat/appeals/",
    "/secretariat/audit/",
]
NOT_FOLLOWED = ("/account/logout", "/admin/", "/i18n/", "/static/", "/media/")
MALFORMED = [
    "page=abc",
    "page=999999",
    "q=%00x",
    "sort=zzz",
    "status=%3Cx%3E",
    "gender=zz&age=abc&prefecture=999&category=abc&min_rating=abc",
]
PAGES_PER_SHAPE = 2
MAX_PAGES = 150


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), rolled_back():
        with override_settings(DEBUG=True):
            call_command(
                "load_demo_data", "--seed", "7", stdout=io.StringIO(), stderr=io.StringIO()
            )
        yield


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", url.split("?")[0])


def crawl(client: Client) -> tuple[dict[str, int], list[str]]:
    """Status per page reached, and the pages that answered 500."""
    seen: dict[str, int] = {}
    queue = list(ENTRY_PAGES)
    shapes: dict[str, int] = {}
    failures = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 500:
            failures.append(url)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="(/[^"#]*)"', response.content.decode()):
            href = href.replace("&amp;", "&")
            if href in seen or href.startswith(NOT_FOLLOWED):
                continue
            if shapes.get(shape(href), 0) >= PAGES_PER_SHAPE:
                continue
            shapes[shape(href)] = shapes.get(shape(href), 0) + 1
            queue.append(href)
    for url in [u for u, status in seen.items() if status == 200]:
        path = urllib.parse.urlsplit(url).path
        for params in MALFORMED:
            if client.get(f"{path}?{params}").status_code >= 500:
                failures.append(f"{path}?{params}")
    return seen, failures


@pytest.mark.parametrize(
    "email", [None, "client@example.com", "worker@example.com", "staff@example.com"]
)
def test_no_page_answers_500(demo, db, email):
    client = YorozuClient(raise_request_exception=False)
    if email:
        client.force_login(User.objects.get(email=email))
    seen, failures = crawl(client)
    assert failures == []
    ok = [url for url, status in seen.items() if status == 200]
    # The crawl really went through the site (the demo has jobs, threads, cases to open).
    assert len(ok) >= 20, sorted(seen.items())
    assert any(re.fullmatch(r"/jobs/\d+/", url) for url in ok)
    if email == "staff@example.com":
        assert seen["/console/"] == 200
        assert any(re.fullmatch(r"/console/cases/\d+/", url) for url in ok)
    if email == "worker@example.com":
        assert any(re.fullmatch(r"/messages/\d+/", url) for url in ok)
