"""Browser journeys: the secretariat drafts, edits and publishes the monthly round-up; a visitor
finds how to report (通報) in the FAQ search."""

import datetime
import re
import secrets
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

STAFF = "staff@example.com"


def test_staff_draft_edit_and_publish_the_monthly_roundup(new_page, login):
    staff, visitor = new_page(), new_page()
    today = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    month_label = f"{today.year}年{today.month}月"
    marker = f"今月もご協力ありがとうございました（{secrets.token_hex(3)}）"

    login(staff, STAFF)
    staff.goto("/console/")
    staff.get_by_role("link", name="月次のお知らせ").click()
    staff.get_by_label("対象の月").select_option(label=month_label)
    staff.get_by_role("button", name="下書きを作成する").click()
    expect(staff.get_by_text("下書きを作成しました。")).to_be_visible()

    # The draft is counted from the demo's records, and nobody else can see it yet.
    body = staff.get_by_label("本文（日本語、Markdown）")
    expect(body).to_contain_text("掲載・編集された仕事")
    expect(body).to_contain_text("利用制限を行いました")
    expect(body).to_contain_text("今月多く見られた手口")
    title = staff.get_by_label("タイトル（日本語）").input_value()
    assert f"【ユーザー体験改善チームからのお知らせ】{month_label}" in title
    visitor.goto("/notices/")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # Staff reword it, save, and publish.
    body.fill(body.input_value() + "\n" + marker + "\n")
    staff.get_by_role("button", name="下書きを保存する").click()
    expect(staff.get_by_text("下書きを保存しました。")).to_be_visible()
    expect(staff.get_by_label("本文（日本語、Markdown）")).to_contain_text(marker)
    staff.get_by_role("button", name="公開する").click()
    expect(staff.get_by_text("お知らせを公開しました。")).to_be_visible()
    expect(staff.get_by_role("heading", level=1)).to_have_text(title)

    # Published: a visitor finds it in the notice list and reads the edited words.
    visitor.goto("/notices/")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_text(marker)).to_be_visible()


def test_visitor_finds_how_to_report_in_the_faq_search(page: Page):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="よくある質問").click()
    page.get_by_label("よくある質問を検索").fill("通報")
    page.get_by_label("よくある質問を検索").press("Enter")
    expect(page).to_have_url(re.compile(r"/help/faq/\?q=%E9%80%9A%E5%A0%B1"))
    answer = page.locator("details.faq-entry#how-to-report")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("この仕事を通報する")
    expect(answer).to_contain_text("違反を報告する")
