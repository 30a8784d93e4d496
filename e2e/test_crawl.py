"""Every page a visitor, the demo client, worker and staff reach, on a phone and on a desktop.

The crawl follows same-site links from a few entry pages (GET only, one page of each URL shape,
e.g. one job detail page), in a real Chromium at 390 px (an iPhone's width) and at 1280 px. Each
page is photographed at both widths (e2e-artifacts/crawl/, which git ignores), and the test fails
on any of:

- a page wider than the phone's screen at 390 px (the page scrolls sideways);
- an error in the browser console (a script error, a resource that answers 404, htmx
  complaining about an attribute that matches nothing…);
- a table cell shown as a card at 390 px without its column's name (data-label);
- a serious or critical accessibility violation found by axe-core (the copy shipped in the
  axe-playwright-python package, run in the page: no network).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

ENTRY_PAGES = [
    "/",
    "/jobs/",
    "/workers/",
    "/messages/",
    "/notifications/",
    "/notices/",
    "/help/faq/",
    "/help/support/",
    "/safety/",
    "/transparency/",
    "/account/certification/",
    "/account/restrictions/",
    "/reports/mine/",
    "/workers/scouts/",
    "/console/",
    "/console/roundup/",
    "/secretariat/reports/",
    "/secretariat/appeals/",
    "/secretariat/audit/",
]
# Not followed: leaving, admin, language and asset URLs, and downloads (CSV, PDF, exports).
NOT_FOLLOWED = ("/account/logout", "/admin/", "/i18n/", "/static/", "/media/")
DOWNLOADS = re.compile(r"\.(csv|pdf|zip|json)$|/export|/download|/documents?/|zengin|/feed")
MAX_PAGES = 45
PHONE, DESKTOP = 390, 1280
SHOTS = Path(__file__).resolve().parent.parent / "e2e-artifacts" / "crawl"
BLOCKING_IMPACTS = {"serious", "critical"}
AXE = Axe()

ROLES = [
    ("visitor", None),
    ("client", "client@example.com"),
    ("worker", "worker@example.com"),
    ("staff", "staff@example.com"),
]


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", url.split("?")[0])


def slug(url: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "home"


def same_site_links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return [h.split("#")[0] for h in hrefs if h and h.startswith("/") and not h.startswith("//")]


def overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def unlabelled_cells(page: Page) -> int:
    """Cells of table.data (shown as one card per row on a phone, the header hidden) under a
    named column that do not say which column they are."""
    return page.evaluate(
        """() => {
        let missing = 0;
        document.querySelectorAll("table.data").forEach((table) => {
          const heads = table.querySelectorAll("thead tr:last-child th");
          table.querySelectorAll("tbody tr").forEach((row) => {
            let column = 0;
            for (const cell of row.cells) {
              const name = heads[column] ? heads[column].textContent.trim() : "";
              if (cell.tagName === "TD" && name && name !== "#" && !cell.dataset.label) missing++;
              column += cell.colSpan || 1;
            }
          });
        });
        return missing;
      }"""
    )


def blocking_violations(page: Page) -> list[str]:
    results = AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['impact']} {violation['id']}: {' | '.join(targets)}")
    return found


@pytest.mark.parametrize(("role", "email"), ROLES, ids=[r for r, _ in ROLES])
def test_every_page_fits_a_phone_logs_no_error_and_passes_axe(
    new_page: Callable[[], Page], login, role: str, email: str | None
):
    page = new_page()
    if email:
        login(page, email)
    console_errors: list[str] = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda exc: console_errors.append(f"uncaught: {exc}"))
    shots = SHOTS / role
    shots.mkdir(parents=True, exist_ok=True)

    problems: list[str] = []
    seen: set[str] = set()
    shapes: set[str] = set()
    queue = list(ENTRY_PAGES)
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        console_errors.clear()
        page.set_viewport_size({"width": PHONE, "height": 844})
        try:
            response = page.goto(url)
        except PlaywrightError as exc:  # a download, not a page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or response.status >= 400:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        where = "/" + page.url.split("//", 1)[-1].split("/", 1)[-1]
        if where != url and where in seen:  # a redirect to a page already checked
            continue
        seen.add(where)
        visited += 1
        page.wait_for_load_state("load")
        name = slug(where)

        # On a phone.
        page.screenshot(path=str(shots / f"{name}-{PHONE}.png"), full_page=True)
        extra = overflow(page)
        if extra > 0:
            problems.append(f"{url}: {extra}px wider than a {PHONE}px phone")
        if unlabelled := unlabelled_cells(page):
            problems.append(f"{url}: {unlabelled} table cells without their column's name")
        problems.extend(f"{url} @{PHONE}: {v}" for v in blocking_violations(page))

        # On a desktop.
        page.set_viewport_size({"width": DESKTOP, "height": 900})
        page.screenshot(path=str(shots / f"{name}-{DESKTOP}.png"), full_page=True)
        problems.extend(f"{url} @{DESKTOP}: {v}" for v in blocking_violations(page))
        problems.extend(f"{url}: console error: {text}" for text in console_errors)

        for href in same_site_links(page):
            if href in seen or href.startswith(NOT_FOLLOWED) or DOWNLOADS.search(href):
                continue
            if shape(href) in shapes:
                continue
            shapes.add(shape(href))
            queue.append(href)

    assert visited >= (8 if email is None else 15), f"the crawl reached only {visited} pages"
    assert problems == [], f"{len(problems)} problems on {visited} pages:\n" + "\n".join(problems)
