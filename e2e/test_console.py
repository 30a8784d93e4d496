"""The secretariat's console in the browser.

1. A new client posts a prohibited job: it is held ("審査中") and absent from search. A reviewer
   finds it in the console's held-jobs queue, claims it with the keyboard, rejects it with a
   reason and restricts the account; the poster sees the reason on the job.
2. A reviewer writes a rule (a catastrophic regular expression is refused with the reason, the
   draft kept), cannot move it to shadow before its backtest, runs it, then shadow, then live.
"""

import datetime
import secrets
from zoneinfo import ZoneInfo

from conftest import do_sign_up
from playwright.sync_api import Page, expect

STAFF = "staff@example.com"
PASSWORD = "yorozu-demo"


def sign_up_client(page: Page, email: str, mailbox) -> None:
    """Sign up as a client, then confirm the address with the link the e-mail brings."""
    do_sign_up(page, mailbox, email, "審査テスト発注者", role="client")


def test_a_held_posting_is_claimed_rejected_and_the_account_restricted(new_page, login, mailbox):
    token = secrets.token_hex(3)
    title = f"在宅ワーク仲間の募集（{token}）"
    deadline = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date() + datetime.timedelta(days=14)
    poster, staff = new_page(), new_page()
    sign_up_client(poster, f"held-{token}@example.net", mailbox)
    poster.goto("/jobs/new/")
    poster.get_by_label("仕事のタイトル").fill(title)
    poster.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    poster.get_by_label("仕事の内容").fill("簡単な作業です。詳しくはLINEで連絡ください。")
    poster.get_by_label("予算の下限（円）").fill("30000")
    poster.get_by_label("予算の上限（円）").fill("60000")
    poster.get_by_label("応募期限").fill(deadline.isoformat())
    poster.get_by_role("button", name="この内容で依頼する").click()
    expect(poster.get_by_text("審査中：事務局がこの仕事を確認しています")).to_be_visible()
    job_url = poster.url

    login(staff, STAFF)
    staff.goto("/console/")
    expect(staff.get_by_role("heading", level=1)).to_contain_text("保留中の仕事")
    row = staff.locator("tr[data-console-item]", has_text=f"held-{token}@example.net")
    row.get_by_role("link").click()
    expect(staff.locator("[data-flagged-text] mark").first).to_be_visible()
    staff.keyboard.press("c")  # claim
    expect(staff.get_by_text("この案件の担当になりました。")).to_be_visible()
    staff.get_by_label("ユーザーに表示する理由").fill(f"外部への連絡誘導は禁止です（{token}）")
    staff.get_by_role("button", name="却下してアカウントを利用制限").click()
    expect(staff.get_by_text("判断を記録しました。")).to_be_visible()

    poster.goto(job_url)
    expect(poster.get_by_text(f"外部への連絡誘導は禁止です（{token}）")).to_be_visible()


def test_a_rule_goes_to_shadow_and_live_after_its_backtest(new_page, login):
    code = f"e2e.rule_{secrets.token_hex(3)}"
    staff = new_page()
    login(staff, STAFF)
    staff.goto("/console/rules/new/")
    staff.get_by_label("コード").fill(code)
    staff.get_by_label("分類").fill("test")
    staff.get_by_label("重み（点）").fill("2")
    staff.get_by_label("説明（日本語）").fill("テスト用の語です。")
    staff.get_by_label("キーワード（1行に1つ）").fill("ぴよぴよ案件")
    staff.get_by_label("正規表現（1行に1つ）").fill("(a+)+b")
    staff.get_by_role("button", name="保存").click()
    expect(staff.get_by_text("指数関数的に時間がかかり", exact=False)).to_be_visible()
    expect(staff.get_by_label("キーワード（1行に1つ）")).to_have_value("ぴよぴよ案件")
    staff.get_by_label("正規表現（1行に1つ）").fill("")
    staff.get_by_role("button", name="保存").click()
    expect(staff.locator("[data-rule-state]")).to_have_text("下書き")
    # No rule reaches shadow without a backtest: the console says so and refuses.
    expect(staff.locator("[data-needs-backtest]")).to_have_text(
        "シャドーにする前にバックテストを実行してください。"
    )
    staff.get_by_role("button", name="シャドーにする").click()
    expect(staff.get_by_text("先にバックテストを実行してください。", exact=False)).to_be_visible()
    expect(staff.locator("[data-rule-state]")).to_have_text("下書き")
    staff.get_by_role("button", name="バックテストを実行").click()
    expect(staff.locator("[data-backtest-result]")).to_contain_text("直近30日間")
    staff.get_by_role("button", name="シャドーにする").click()
    expect(staff.locator("[data-rule-state]")).to_have_text("シャドー")
    staff.get_by_role("button", name="適用する").click()
    expect(staff.locator("[data-rule-state]")).to_have_text("適用中")
