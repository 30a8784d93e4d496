"""Certified clients in the browser: the certified demo client sees the badge on their profile,
in job search and on their job page, and their progress page; a worker narrows job search to
certified clients.

The demo data (`load_demo_data --seed 42`) makes client@example.com meet the default criteria,
unchanged, and leaves most other clients short of them; the harness evaluates every client right
after loading (`e2e/conftest.py`), as `make run` does.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

CLIENT = "client@example.com"
WORKER = "worker@example.com"
BADGE = "a.cert-badge"
CERTIFIED = "あなたは認定クライアントです。"


def act_as_client(page: Page) -> None:
    button = page.locator("form.role-switch").get_by_role("button", name="発注者")
    if button.get_attribute("aria-pressed") != "true":
        button.click()


def expect_certified(page: Page) -> None:
    """The harness evaluated before the server started: the progress page says so at once."""
    page.goto("/account/certification/")
    expect(page.get_by_text(CERTIFIED)).to_be_visible()


def test_certified_client_sees_the_badge_everywhere(new_page, login):
    page = new_page()
    login(page, CLIENT)
    act_as_client(page)
    expect_certified(page)
    expect(page.locator("main").locator(BADGE).first).to_be_visible()
    expect(page.locator("table.cert-progress progress").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"から認定されています。"))).to_be_visible()

    # Job detail: the client's own first open posting.
    page.goto("/jobs/mine/")
    # A project (tasks and competitions have their own pages, linked from the row's last cell).
    page.locator(
        "tr:has(span.status-open):has(a[href^='/proposals/job/']) td:first-child a"
    ).first.click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    title = page.title().split(" | ")[0].strip()
    summary = page.locator("section.client-summary")
    badge = summary.locator(BADGE)
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("title", re.compile("認定クライアント"))
    expect(badge).to_have_attribute("href", "/certified/")

    # Profile page.
    summary.locator("a[href^='/clients/']").click()
    expect(page.locator("h1").locator(BADGE)).to_be_visible()

    # Job search: the posting's card carries the badge.
    page.goto("/jobs/?" + urlencode({"q": title, "certified_only": "on"}))
    card = page.locator("article.job-card").filter(has_text=title).first
    expect(card.locator(BADGE)).to_be_visible()

    # The badge explains itself on the public programme page.
    card.locator(BADGE).click()
    expect(page.get_by_role("heading", name="認定クライアント", level=1)).to_be_visible()
    expect(page.get_by_text("本人確認済み")).to_be_visible()


def test_worker_filters_job_search_to_certified_clients(new_page, login):
    waiter = new_page()
    login(waiter, CLIENT)
    act_as_client(waiter)
    expect_certified(waiter)

    page = new_page()
    login(page, WORKER)
    page.goto("/jobs/")
    everything = page.locator("#job-results article.job-card")
    expect(everything.first).to_be_visible()
    page.get_by_label("認定クライアントのみ").check()
    expect(page).to_have_url(re.compile(r"certified_only=on"))
    cards = page.locator("#job-results article.job-card")
    expect(cards.first).to_be_visible()
    n = cards.count()
    assert n > 0
    expect(page.locator("#job-results article.job-card " + BADGE)).to_have_count(n)
    # Back to every client: uncertified clients' jobs (without the badge) show again.
    page.get_by_label("認定クライアントのみ").uncheck()
    expect(page).not_to_have_url(re.compile(r"certified_only=on"))
    expect(
        page.locator("#job-results article.job-card:not(:has(a.cert-badge))").first
    ).to_be_visible()
