"""Safe messaging through the browser, as a client and a worker in two browsers.

After a hire (no escrow yet), the worker starts typing a LINE ID: the pre-send nudge says what
would be flagged; pressing send is refused, the flagged part marked and the draft kept. A
message that merely mentions direct dealing is delivered, and the client reads it with a warning
and its reason beside it. Each side sees the caution worded for them. Once the client funds the
escrow, the worker shares a Slack invitation freely.
"""

import datetime
import re
import secrets
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

CLIENT = "client@example.com"
WORKER = "worker@example.com"
WORKER_NAME = "佐藤 陽菜"
LINE_DRAFT = "LINE IDはyamada_1234です"
WARNED = "直接取引も可能でしょうか？"
WARNED_REASON = "サイトを通さない直接取引は禁止されています。"
SLACK = "Slackのワークスペースに招待しますね。https://join.slack.com/t/yorozu-demo/shared_invite/zt-abc123"


def contract_status(page: Page):
    return page.get_by_role("heading", level=1).locator(".status")


def post_job_and_hire(
    client: Page, worker: Page, title: str, worker_name: str = WORKER_NAME
) -> str:
    """The client posts, the worker proposes, the client hires and the worker accepts."""
    deadline = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date() + datetime.timedelta(days=14)
    client.get_by_role("link", name="仕事を依頼する").click()
    client.get_by_label("仕事のタイトル").fill(title)
    client.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    client.get_by_label("仕事の内容").fill(
        "地域のパン屋のロゴを作りたいです。看板と紙袋に使える、温かみのあるデザインを希望します。"
    )
    client.get_by_label("予算の下限（円）").fill("30000")
    client.get_by_label("予算の上限（円）").fill("60000")
    client.get_by_label("応募期限").fill(deadline.isoformat())
    client.get_by_role("button", name="この内容で依頼する").click()
    expect(client.get_by_role("heading", level=1)).to_contain_text(title)
    job_url = client.url

    worker.goto(job_url)
    worker.get_by_role("link", name="提案する").click()
    worker.get_by_label("提案金額（円・税込）").fill("45000")
    worker.get_by_label("納品までの日数（目安）").fill("7")
    worker.get_by_label("発注者へのメッセージ").fill(
        "はじめまして。パン屋さんの雰囲気に合うロゴを3案ご提案します。よろしくお願いします。"
    )
    worker.get_by_role("button", name="提案を送信する").click()
    expect(worker.get_by_text("発注者に提案を送信しました。")).to_be_visible()

    client.goto(job_url)
    client.get_by_role("link", name="提案を見る").click()
    client.locator("article").filter(has_text=worker_name).get_by_role(
        "button", name="契約する"
    ).click()
    expect(contract_status(client)).to_have_text("契約オファー中")
    contract_url = client.url
    worker.goto(contract_url)
    worker.get_by_role("button", name="契約を承諾する").click()
    expect(contract_status(worker)).to_have_text("仮払い待ち")
    return contract_url


def thread_url_from(page: Page, contract_url: str) -> str:
    """The contract page links its conversation."""
    page.goto(contract_url)
    page.locator('a.btn[href^="/messages/"]').first.click()
    expect(page).to_have_url(re.compile(r"/messages/\d+/$"))
    return page.url


def open_thread(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#send-form")).to_be_visible()


def test_nudged_refused_warned_then_free_after_escrow(new_page, login):
    title = f"パン屋のロゴ制作（{secrets.token_hex(3)}）"
    client, worker = new_page(), new_page()
    login(client, CLIENT)
    login(worker, WORKER)
    contract_url = post_job_and_hire(client, worker, title)
    thread = thread_url_from(worker, contract_url)

    # Each reads the caution worded for them, with the guidelines, FAQ and report links.
    open_thread(worker, thread)
    caution = worker.locator("#caution")
    expect(caution).to_have_attribute("data-reader", "worker")
    expect(caution).to_contain_text("LINE")
    expect(caution.locator('a[href="/help/guidelines/#prohibited-off-platform"]')).to_have_count(1)
    expect(caution.locator('a[href="/help/faq/"]')).to_have_count(1)
    expect(caution.locator('a[href*="/reports/new/?target=user"]')).to_have_count(1)
    open_thread(client, thread)
    expect(client.locator("#caution")).to_have_attribute("data-reader", "client")

    # Before escrow the worker types a LINE ID: the nudge says so while they type.
    box = worker.get_by_label("メッセージ", exact=True)
    box.fill(LINE_DRAFT)
    nudge = worker.locator("#nudge .nudge-flagged")
    expect(nudge).to_be_visible()
    expect(nudge).to_contain_text("このままでは送信できません")
    expect(nudge.locator("mark").first).to_contain_text("LINE")

    # Sending anyway is refused: the flagged part is marked and the draft is kept.
    worker.get_by_role("button", name="送信", exact=True).click()
    refusal = worker.locator("#refusal")
    expect(refusal).to_be_visible()
    expect(refusal.locator("mark").first).to_contain_text("LINE")
    expect(worker.get_by_label("メッセージ", exact=True)).to_have_value(LINE_DRAFT)
    expect(worker.locator("article.message", has_text="yamada_1234")).to_have_count(0)

    # A message that only mentions direct dealing is delivered, with a warning for the reader.
    worker.get_by_label("メッセージ", exact=True).fill(WARNED)
    worker.get_by_role("button", name="送信", exact=True).click()
    expect(worker.locator("article.message.mine", has_text=WARNED)).to_have_count(1)
    open_thread(client, thread)
    warned = client.locator("article.message", has_text=WARNED)
    expect(warned.locator(".message-warning")).to_be_visible()
    expect(warned.locator(".message-warning")).to_contain_text(WARNED_REASON)
    expect(warned.get_by_role("link", name="このメッセージを報告する")).to_have_attribute(
        "href", re.compile(r"/reports/new/\?target=message&id=\d+")
    )

    # The client funds the escrow; now the worker shares a Slack invitation freely.
    client.goto(contract_url)
    client.get_by_role("button", name="仮払いする").click()
    expect(contract_status(client)).to_have_text("作業中（仮払い済み）")
    open_thread(worker, thread)
    expect(worker.locator("#contact-note")).to_be_visible()
    worker.get_by_label("メッセージ", exact=True).fill(SLACK)
    worker.get_by_role("button", name="送信", exact=True).click()
    expect(worker.locator("article.message.mine", has_text="join.slack.com")).to_have_count(1)
    expect(worker.locator("#refusal")).to_have_count(0)
    open_thread(client, thread)
    slack = client.locator("article.message", has_text="join.slack.com")
    expect(slack).to_have_count(1)
    expect(slack.locator(".message-warning")).to_have_count(0)
