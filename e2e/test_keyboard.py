"""Search and messaging with the keyboard alone, as someone who cannot use a mouse would.

1. A visitor tabs to the skip link (it shows, with a visible focus ring), jumps to the content,
   tabs to the keyword field of job search, types and presses Enter: the results change.
2. The demo worker opens a conversation, tabs to the message box, types, tabs to 送信 and presses
   Enter: the message is sent and shown.
"""

import re
import secrets

from playwright.sync_api import Page, expect

WORKER = "worker@example.com"
MAX_TABS = 60


def tab_to(page: Page, is_target: str) -> None:
    """Press Tab until the focused element satisfies the JS predicate `is_target(el)`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {is_target}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {is_target}")


def focus_ring(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


def test_a_visitor_searches_jobs_with_the_keyboard(page: Page):
    page.goto("/jobs/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_ring(page) != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))

    tab_to(page, "el.name === 'q'")
    assert focus_ring(page) != "none"
    page.keyboard.type("ロゴ")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=%E3%83%AD%E3%82%B4"))
    expect(page.locator("#job-results")).to_contain_text("ロゴ")


def test_a_worker_sends_a_message_with_the_keyboard(page: Page, login):
    login(page, WORKER)
    page.goto("/messages/")
    page.locator("main a[href^='/messages/']").first.click()
    expect(page.locator("#send-form")).to_be_visible()
    text = f"承知しました。明日の午前中に修正案をお送りします。（{secrets.token_hex(3)}）"

    tab_to(page, "el.id === 'message-body'")
    page.keyboard.type(text)
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === '送信'")
    assert focus_ring(page) != "none"
    page.keyboard.press("Enter")
    expect(page.locator("article.message.mine", has_text=text)).to_be_visible()
