"""The demo marketplace answers: Japanese by default, each demo login works, English on request."""

import re

import pytest
from playwright.sync_api import Page, expect

DEMO_USERS = [
    ("client@example.com", "山本 彩"),
    ("worker@example.com", "佐藤 陽菜"),
    ("staff@example.com", "事務局 担当"),
]


def test_home_page_is_in_japanese_with_demo_jobs(page: Page):
    page.goto("/")
    expect(page).to_have_title(re.compile("yorozu"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("link", name="仕事を探す").first).to_be_visible()
    expect(page.get_by_role("link", name="ログイン")).to_be_visible()
    # The demo data is there: the newest open jobs are listed as cards.
    expect(page.locator("article.job-card").first).to_be_visible()


@pytest.mark.parametrize(("email", "display_name"), DEMO_USERS)
def test_each_demo_user_can_log_in(page: Page, login, email, display_name):
    login(page, email)
    expect(page.locator(".user-link > span")).to_have_text(display_name)  # beside the avatar
    if email == "staff@example.com":
        expect(page.get_by_role("link", name="管理画面")).to_be_visible()


def test_language_switch_to_english_and_back(page: Page):
    page.goto("/jobs/")
    expect(page.get_by_role("heading", name="仕事を探す", level=1)).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Find jobs", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/jobs/$"))
    page.get_by_role("button", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", name="仕事を探す", level=1)).to_be_visible()


def test_header_role_switch_changes_what_the_header_offers(page: Page, login, switch_role):
    """One account, two roles: as a worker the header hides the client's links."""
    login(page, "client@example.com")
    post_a_job = page.get_by_role("navigation").get_by_role("link", name="仕事を依頼する")
    expect(post_a_job).to_be_visible()
    switch_role(page, "ワーカー")
    expect(post_a_job).to_have_count(0)
    switch_role(page, "発注者")
    expect(post_a_job).to_be_visible()
