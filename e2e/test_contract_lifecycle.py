"""The whole contract lifecycle through the browser, as two people in two browsers.

The client posts a job; the worker finds it in job search and proposes; the client hires from
the proposals list; the worker accepts; the client funds the escrow (仮払い); the worker
delivers; the client approves (検収) and the contract completes; both review each other, and
each review shows on the reviewee's public profile.
"""

import datetime
import re
import secrets
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

CLIENT = "client@example.com"
WORKER = "worker@example.com"
WORKER_NAME = "佐藤 陽菜"


def contract_status(page: Page):
    return page.get_by_role("heading", level=1).locator(".status")


def take_step(page: Page, contract_url: str, button: str, expected_status: str) -> None:
    """Open the contract, press one of "what you can do now", and see the new state."""
    page.goto(contract_url)
    page.get_by_role("button", name=button).click()
    expect(contract_status(page)).to_have_text(expected_status)


def leave_review(page: Page, contract_url: str, stars: int, comment: str) -> None:
    page.goto(contract_url)
    page.get_by_role("link", name="評価する").click()
    for axis in ("総合評価", "成果物の品質", "コミュニケーション", "スケジュール"):
        page.get_by_role("group", name=axis, exact=True).get_by_title(f"星{stars}").click()
    page.get_by_label("コメント").fill(comment)
    page.get_by_role("button", name="評価を投稿する").click()
    expect(page.get_by_text("ありがとうございます。評価を投稿しました。")).to_be_visible()
    expect(page).to_have_url(contract_url)


def test_post_propose_hire_fund_deliver_complete_and_review(new_page, login):
    token = secrets.token_hex(3)
    title = f"和菓子店のロゴ制作（{token}）"
    client_comment = f"丁寧なご提案と素早い納品、ありがとうございました。{token}"
    worker_comment = f"指示が明確で、とても仕事がしやすい発注者さまでした。{token}"
    deadline = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date() + datetime.timedelta(days=14)

    client, worker = new_page(), new_page()
    login(client, CLIENT)
    login(worker, WORKER)

    # The client posts a new job.
    client.get_by_role("link", name="仕事を依頼する").click()
    client.get_by_label("仕事のタイトル").fill(title)
    client.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    client.get_by_label("仕事の内容").fill(
        "創業50年の和菓子店のロゴを新しく作りたいです。のれんや包装紙にも使える、"
        "落ち着いた雰囲気のデザインを希望します。"
    )
    client.get_by_label("予算の下限（円）").fill("30000")
    client.get_by_label("予算の上限（円）").fill("60000")
    client.get_by_label("応募期限").fill(deadline.isoformat())
    client.get_by_role("button", name="この内容で依頼する").click()
    expect(client.get_by_role("heading", level=1)).to_contain_text(title)
    job_url = client.url

    # The worker finds it in job search and proposes.
    worker.get_by_role("link", name="仕事を探す").first.click()
    worker.get_by_label("キーワード").fill(token)
    # The search button says how many jobs the filters give ("1,234件に絞り込む").
    worker.get_by_role("search").get_by_role("button", name=re.compile(r"件")).click()
    worker.get_by_role("link", name=title).click()
    expect(worker.get_by_role("heading", level=1)).to_contain_text(title)
    worker.get_by_role("link", name="提案する").click()
    worker.get_by_label("提案金額（円・税込）").fill("45000")
    worker.get_by_label("納品までの日数（目安）").fill("7")
    worker.get_by_label("発注者へのメッセージ").fill(
        "はじめまして。ロゴ制作の経験を活かして、お店の雰囲気に合う案を3つご提案します。"
    )
    worker.get_by_role("button", name="提案を送信する").click()
    expect(worker.get_by_text("発注者に提案を送信しました。")).to_be_visible()

    # The client hires from the proposals list; the offer opens as a contract.
    client.goto(job_url)
    client.get_by_role("link", name="提案を見る").click()
    row = client.locator("article").filter(has_text=WORKER_NAME)
    row.get_by_role("button", name="契約する").click()
    expect(contract_status(client)).to_have_text("契約オファー中")
    expect(client.get_by_role("heading", level=1)).to_contain_text(title)
    contract_url = client.url
    assert re.search(r"/contracts/\d+/$", contract_url), contract_url

    # The worker sees the offer under their work and accepts it.
    worker.goto("/work/")
    worker.get_by_role("region", name="契約", exact=True).get_by_role("link", name=title).click()
    expect(worker).to_have_url(contract_url)
    take_step(worker, contract_url, "契約を承諾する", "仮払い待ち")

    # The client funds the escrow; the worker delivers; the client approves.
    take_step(client, contract_url, "仮払いする", "作業中（仮払い済み）")
    worker.goto(contract_url)
    worker.get_by_label("納品メッセージ（納品物の内容と受け取り方法）").fill(
        "ロゴ3案をAI形式とPNG形式で納品します。ご確認ください。"
    )
    worker.get_by_role("button", name="納品する").click()
    expect(contract_status(worker)).to_have_text("検収待ち")
    take_step(client, contract_url, "検収する", "完了")
    escrow = client.get_by_role("region", name="仮払いと支払い")
    expect(escrow.get_by_role("row", name=re.compile("¥45,000"))).to_have_count(1)  # deposit
    expect(escrow.get_by_role("row", name=re.compile("¥40,500"))).to_have_count(1)  # to worker

    # Both review each other.
    leave_review(client, contract_url, 5, client_comment)
    leave_review(worker, contract_url, 4, worker_comment)

    # The contract shows as completed to both sides, with no review left to write.
    for person in (client, worker):
        person.goto(contract_url)
        expect(contract_status(person)).to_have_text("完了")
        expect(person.get_by_role("link", name="評価する")).to_have_count(0)

    # Each review shows on the reviewee's public profile.
    client.get_by_role("link", name=WORKER_NAME).click()
    expect(client).to_have_url(re.compile(r"/workers/\d+/$"))
    expect(client.get_by_text(client_comment)).to_be_visible()

    worker.goto(job_url)
    worker.locator("section.client-summary").get_by_role("link").first.click()
    expect(worker).to_have_url(re.compile(r"/clients/\d+/$"))
    expect(worker.get_by_text(worker_comment)).to_be_visible()
