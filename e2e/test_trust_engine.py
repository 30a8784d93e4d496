"""The second-generation trust engine through the browser (issue 14).

1. A new client posts a LINE mini-app build (a membership card whose QR code customers scan at
   the counter): LINE and the QR code are the subject of the work, so the posting is public at
   once and a worker can open it.
2. A new client posts a "bookkeeping assistant" job that is really money transfer through the
   worker's own bank account: it is held, and the reviewer sees the flagged words and the reason.
3. Before escrow a worker splits a LINE ID over two messages: "LINEやってますか？" (held for the
   secretariat) and then "hina0123 で検索してみて", which alone would only be warned: read together
   with the first it is refused, its draft kept, and the client receives neither.
"""

import datetime
import secrets
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect
from test_console import STAFF, sign_up_client
from test_safe_messaging import CLIENT, WORKER, open_thread, post_job_and_hire, thread_url_from

MINI_APP = (
    "【業務内容】\n当店（美容室）のLINE公式アカウントから開けるLINEミニアプリで、デジタル会員証と"
    "ポイントカードを作っていただきます。お客様が友だち追加するとミニアプリから会員証を表示でき、"
    "来店時にQRコードを読み取ってポイントを付与する仕組みです。\n【報酬】\n30万円（固定）\n"
    "【応募条件】\nLINE Front-end Framework（LIFF）での開発経験がある方"
)
MONEY_TRANSFER = (
    "【業務内容】\n海外取引先からの売上金を、あなたの個人口座でいったん受け取り、指定の口座へ"
    "振り込んでいただくだけの簡単なお仕事です。\n【報酬】\n送金額の10%をお支払いします。\n"
    "【応募条件】\nご自身名義の銀行口座をお持ちの方"
)
FIRST = "LINEやってますか？"
SECOND = "hina0123 で検索してみて"


def post_job(page: Page, title: str, description: str) -> str:
    deadline = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date() + datetime.timedelta(days=14)
    page.goto("/jobs/new/")
    page.get_by_label("仕事のタイトル").fill(title)
    page.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    page.get_by_label("仕事の内容").fill(description)
    page.get_by_label("予算の下限（円）").fill("200000")
    page.get_by_label("予算の上限（円）").fill("300000")
    page.get_by_label("応募期限").fill(deadline.isoformat())
    page.get_by_role("button", name="この内容で依頼する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    return page.url


def test_a_line_mini_app_posting_goes_public_at_once(new_page, login, mailbox):
    token = secrets.token_hex(3)
    title = f"LINEミニアプリの会員証開発（{token}）"
    poster, worker = new_page(), new_page()
    sign_up_client(poster, f"miniapp-{token}@example.net", mailbox)
    job_url = post_job(poster, title, MINI_APP)
    expect(poster.get_by_text("審査中", exact=False)).to_have_count(0)

    login(worker, WORKER)
    worker.goto(job_url)
    expect(worker.get_by_role("heading", level=1)).to_contain_text(title)
    expect(worker.get_by_role("link", name="提案する")).to_be_visible()


def test_a_posting_that_hides_money_transfer_is_held_and_the_reviewer_sees_why(
    new_page, login, mailbox
):
    token = secrets.token_hex(3)
    title = f"在宅の経理補助スタッフ募集（{token}）"
    poster, staff = new_page(), new_page()
    sign_up_client(poster, f"transfer-{token}@example.net", mailbox)
    post_job(poster, title, MONEY_TRANSFER)
    expect(poster.get_by_text("審査中：事務局がこの仕事を確認しています")).to_be_visible()

    login(staff, STAFF)
    staff.goto("/console/")
    row = staff.locator("tr[data-console-item]", has_text=f"transfer-{token}@example.net")
    row.get_by_role("link").click()
    expect(staff.locator("[data-flagged-text] mark").first).to_contain_text("個人口座")
    reasons = staff.locator("ol.reasons")
    expect(reasons).to_contain_text("money.transfer")
    expect(reasons).to_contain_text("口座")


def test_a_line_id_split_over_two_messages_is_stopped_on_the_second(new_page, login, sign_up):
    token = secrets.token_hex(3)
    title = f"名刺デザイン（{token}）"
    name = f"分割テスト{token}"
    client, worker = new_page(), new_page()
    login(client, CLIENT)
    # A worker with a clean record: the demo worker's offences from earlier journeys (three in
    # an hour) would have them slowed down instead of refused.
    sign_up(worker, f"split-{token}@example.net", name)
    contract_url = post_job_and_hire(client, worker, title, worker_name=name)
    thread = thread_url_from(worker, contract_url)
    open_thread(worker, thread)
    box = worker.get_by_label("メッセージ", exact=True)

    # Naming the app to move to is held for the secretariat: the client does not get it.
    box.fill(FIRST)
    worker.get_by_role("button", name="送信", exact=True).click()
    expect(worker.locator("article.message.mine", has_text=FIRST)).to_contain_text("事務局で確認中")

    box.fill(SECOND)
    worker.get_by_role("button", name="送信", exact=True).click()
    refusal = worker.locator("#refusal")
    expect(refusal).to_be_visible()
    expect(refusal.locator("mark").first).to_contain_text("hina0123")
    expect(box).to_have_value(SECOND)  # the draft is kept
    expect(worker.locator("article.message.mine", has_text="hina0123")).to_have_count(0)

    open_thread(client, thread)
    expect(client.locator("article.message", has_text="hina0123")).to_have_count(0)
    expect(client.locator("article.message", has_text=FIRST)).to_have_count(0)
