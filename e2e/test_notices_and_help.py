"""Browser journey: a visitor reads the latest notice from the home page, then follows the
caution's link to the right section of the job-posting guidelines.

It needs two pieces of wiring owned by the lead: the home page includes
`content/latest_notices.html`, and the harness's demo database gets `manage.py load_content`
(e2e/conftest.py, after `load_demo_data`). Until both are
in, the journey is an expected failure (never a fake pass).
"""

import re

from playwright.sync_api import Page, expect

from yorozu.content.seed import notices

LATEST_NOTICE = min(notices(), key=lambda n: n["days_ago"])
GUIDELINE_ANCHOR = "prohibited-off-platform"


def test_visitor_reads_latest_notice_and_follows_caution_to_guidelines(page: Page):
    page.goto("/")

    latest = page.locator("section.latest-notices li a").first
    expect(latest).to_be_visible()
    latest.click()

    expect(page).to_have_url(re.compile(rf"/notices/{LATEST_NOTICE['slug']}/$"))
    expect(page.locator("h1")).to_have_text(LATEST_NOTICE["title_ja"])  # Japanese by default

    caution_link = page.locator("aside.caution a[href$='#" + GUIDELINE_ANCHOR + "']")
    expect(caution_link).to_be_visible()
    caution_link.click()

    expect(page).to_have_url(re.compile(rf"/help/guidelines/#{GUIDELINE_ANCHOR}$"))
    section = page.locator(f"section#{GUIDELINE_ANCHOR}")
    expect(section).to_be_visible()
    expect(section).to_be_in_viewport()
    expect(section.locator("h2")).to_contain_text("外部サービスへの誘導・直接取引")
