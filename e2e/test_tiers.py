"""Worker tiers in the browser: the demo client narrows worker search to certified workers and
finds the tier badge on a card and on the worker's profile; the demo worker opens their progress
page and reads the one criterion still missing.

The demo data (`load_demo_data --seed 42`) gives three workers a track record that meets the
default worker-tier criteria and leaves worker@example.com one criterion short (a milestone
delivered late); the harness evaluates right after loading (`e2e/conftest.py`), as `make run`
does.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

CLIENT = "client@example.com"
WORKER = "worker@example.com"
BADGE = "a.tier-badge"


def act_as_client(page: Page) -> None:
    button = page.locator("form.role-switch").get_by_role("button", name="発注者")
    if button.get_attribute("aria-pressed") != "true":
        button.click()


def test_the_tier_badge_shows_in_worker_search_and_on_the_profile(new_page, login):
    page = new_page()
    login(page, CLIENT)
    act_as_client(page)
    page.goto("/workers/?tiered=on")
    cards = page.locator("article.worker-card")
    expect(cards.first).to_be_visible()
    expect(cards.first.locator(BADGE)).to_be_visible()
    # Every card of the filtered search carries the badge.
    assert cards.count() == cards.locator(BADGE).count() >= 3

    cards.first.locator("h3 a[href^='/workers/']").first.click()
    expect(page).to_have_url(re.compile(r"/workers/\d+/$"))
    badge = page.locator("h1").locator(BADGE)
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("href", "/certified/workers/")
    expect(badge).to_have_attribute("title", re.compile("認定ワーカー"))
    expect(badge.locator("img[src$='.svg']")).to_have_count(1)


def test_the_demo_worker_sees_what_is_missing_on_the_progress_page(new_page, login):
    page = new_page()
    login(page, WORKER)
    page.goto("/account/tier/")
    expect(page.get_by_role("heading", name="認定ワーカーの達成状況")).to_be_visible()
    missing = page.locator("p.next-tier")
    expect(missing).to_contain_text("認定ワーカーになるには、あと1件の基準を満たす必要があります")
    expect(missing).to_contain_text("期日までに納品")
    row = page.locator("tr.unmet[data-criterion='worker_on_time']")
    expect(row).to_be_visible()
    expect(row.locator("progress")).to_be_visible()
    expect(page.locator("tr.met[data-criterion='worker_identity']")).to_be_visible()
