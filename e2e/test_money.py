"""Money through the browser, as the people involved would move it.

1. A two-milestone contract: the client splits the offer, funds the first milestone, asks for
   changes once, approves the redelivery, funds the second and then says nothing — the scheduler
   (`run_scheduler` + `db_worker`, a 30-second acceptance period on this server) accepts it
   automatically. The worker changes their bank account and withdraws their balance; the
   secretariat approves the batch and downloads the Zengin transfer file, which is checked record
   by record.
2. A dispute: the client reports a problem on a funded contract, the worker adds their side, and a
   reviewer (reviewer@example.com) splits the escrow 60/40; both parties see the decision.
"""

from __future__ import annotations

import datetime
import re
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from yorozu.contracts import zengin

CLIENT = "client@example.com"
WORKER = "worker@example.com"
STAFF = "staff@example.com"
REVIEWER = "reviewer@example.com"
WORKER_NAME = "佐藤 陽菜"
AUTO_ACCEPT_WAIT_S = 120


def status(page: Page):
    return page.get_by_role("heading", level=1).locator(".status")


def step(page: Page, url: str, button: str, expected: str) -> None:
    page.goto(url)
    page.get_by_role("button", name=button, exact=True).click()
    expect(status(page)).to_have_text(expected)


def hired_contract(client: Page, worker: Page, *, title: str, price: int) -> str:
    """The client posts a job, the worker proposes, the client hires: the offer's URL."""
    deadline = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date() + datetime.timedelta(days=10)
    client.goto("/jobs/new/")
    client.get_by_label("仕事のタイトル").fill(title)
    client.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    client.get_by_label("仕事の内容").fill(
        "新しく始めるパン屋のロゴと、ショップカードのデザインをお願いします。"
        "やわらかく親しみやすい雰囲気を希望します。"
    )
    client.get_by_label("予算の下限（円）").fill("20000")
    client.get_by_label("予算の上限（円）").fill("200000")
    client.get_by_label("応募期限").fill(deadline.isoformat())
    client.get_by_role("button", name="この内容で依頼する").click()
    expect(client.get_by_role("heading", level=1)).to_contain_text(title)
    job_url = client.url

    worker.goto(job_url)
    worker.get_by_role("link", name="提案する").click()
    worker.get_by_label("提案金額（円・税込）").fill(str(price))
    # The fee and take-home are previewed as the price is typed.
    expect(worker.locator("[data-take]")).to_have_text(f"¥{price - price // 10:,}")
    worker.get_by_label("納品までの日数（目安）").fill("10")
    worker.get_by_label("発注者へのメッセージ").fill(
        "はじめまして。ロゴとショップカードを一貫したデザインでご提案します。"
    )
    worker.get_by_role("button", name="提案を送信する").click()
    expect(worker.get_by_text("発注者に提案を送信しました。")).to_be_visible()

    client.goto(job_url)
    client.get_by_role("link", name="提案を見る").click()
    client.locator("article").filter(has_text=WORKER_NAME).get_by_role(
        "button", name="契約する"
    ).click()
    expect(status(client)).to_have_text("契約オファー中")
    return client.url


def test_two_milestones_changes_auto_acceptance_withdrawal_and_transfer_file(
    new_page, login, switch_role
):
    token = secrets.token_hex(3)
    title = f"パン屋のロゴとショップカード（{token}）"
    client, worker, staff = new_page(), new_page(), new_page()
    login(client, CLIENT)
    login(worker, WORKER)
    switch_role(worker, "ワーカー")
    contract_url = hired_contract(client, worker, title=title, price=50000)

    # The client splits the offer into two milestones before the worker accepts.
    client.get_by_role("link", name="マイルストーンと条件を編集する").click()
    client.get_by_label("マイルストーン1の名前").fill("ロゴデザイン")
    client.get_by_label("マイルストーン1の金額").fill("30000")
    client.get_by_label("マイルストーン2の名前").fill("ショップカード")
    client.get_by_label("マイルストーン2の金額").fill("20000")
    client.get_by_role("button", name="この条件で保存する").click()
    expect(client.get_by_text("契約条件を更新し、ワーカーに通知しました。")).to_be_visible()
    milestones = client.get_by_role("region", name="マイルストーン", exact=True)
    expect(milestones.get_by_role("row")).to_have_count(3)  # header + two

    # The worker sees what they will receive before accepting.
    worker.goto(contract_url)
    fees = worker.get_by_role("region", name="手数料と受取額")
    expect(fees).to_contain_text("¥45,000")
    step(worker, contract_url, "契約を承諾する", "仮払い待ち")

    # Milestone 1: funded, delivered, sent back once, redelivered, approved.
    step(client, contract_url, "仮払いする", "作業中（仮払い済み）")
    worker.goto(contract_url)
    worker.get_by_label("納品メッセージ（納品物の内容と受け取り方法）").fill(
        "ロゴ案を3つお送りします。"
    )
    worker.get_by_role("button", name="納品する").click()
    expect(status(worker)).to_have_text("検収待ち")
    client.goto(contract_url)
    expect(client.get_by_text(re.compile("自動で検収されます"))).to_be_visible()
    client.get_by_label("修正してほしい点").fill("B案の線をもう少し細くしてください。")
    client.get_by_role("button", name="修正を依頼する").click()
    expect(status(client)).to_have_text("作業中（仮払い済み）")
    worker.goto(contract_url)
    expect(worker.get_by_text("B案の線をもう少し細くしてください。")).to_be_visible()
    worker.get_by_label("納品メッセージ（納品物の内容と受け取り方法）").fill(
        "修正版をお送りします。"
    )
    worker.get_by_role("button", name="納品する").click()
    expect(status(worker)).to_have_text("検収待ち")
    step(client, contract_url, "検収する", "仮払い待ち")

    # Milestone 2: funded and delivered; the client says nothing and the scheduler accepts it.
    step(client, contract_url, "仮払いする", "作業中（仮払い済み）")
    worker.goto(contract_url)
    worker.get_by_label("納品メッセージ（納品物の内容と受け取り方法）").fill("ショップカードです。")
    worker.get_by_role("button", name="納品する").click()
    expect(status(worker)).to_have_text("検収待ち")
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=AUTO_ACCEPT_WAIT_S)
    while datetime.datetime.now() < deadline:
        client.goto(contract_url)
        if status(client).inner_text() == "完了":
            break
        client.wait_for_timeout(2000)
    expect(status(client)).to_have_text("完了")
    history = client.get_by_role("region", name="履歴")
    expect(history).to_contain_text("検収期間の終了により自動で検収")
    escrow = client.get_by_role("region", name="仮払いと支払い")
    expect(escrow).to_contain_text("¥0")  # nothing left held

    # The worker changes their bank account and withdraws everything available.
    worker.goto("/account/earnings/")
    expect(worker.get_by_role("region", name="受け取った報酬")).to_contain_text(title)
    worker.get_by_role("link", name="銀行口座を変更する").click()
    worker.get_by_label("金融機関コード（4桁）").fill("0005")
    worker.get_by_label("支店コード（3桁）").fill("001")
    worker.get_by_label("預金種目").select_option(label="普通")
    worker.get_by_label("口座番号").fill("7654321")
    worker.get_by_label("口座名義（カタカナ）").fill("サトウ ヒナ")
    worker.get_by_role("button", name="銀行口座を保存する").click()
    expect(worker.get_by_text("銀行口座を保存しました。")).to_be_visible()
    available = int(worker.get_by_label("出金額（円）").input_value())
    assert available >= 45000
    worker.get_by_role("button", name="出金を申請する").click()
    expect(worker.get_by_text(f"¥{available:,}の出金を申請しました。")).to_be_visible()
    expect(worker.get_by_test_id("available-balance")).to_have_text("¥0")

    # The secretariat approves the batch and downloads the Zengin file.
    login(staff, STAFF)
    staff.goto("/secretariat/payouts/")
    requested = staff.get_by_role("region", name=re.compile("申請中の出金"))
    expect(requested).to_contain_text("ｻﾄｳ ﾋﾅ")
    staff.get_by_role("button", name="選んだ出金をまとめて承認する").click()
    expect(staff.get_by_text(re.compile(r"件（¥[\d,]+）の出金を承認しました"))).to_be_visible()
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="振込ファイルをダウンロード").first.click()
    content = Path(download_info.value.path()).read_bytes()
    records = zengin.parse(content)
    assert all(len(r.encode("cp932")) == 120 for r in records)
    header, *data, trailer, end = records
    assert header.startswith("1210") and trailer[0] == "8" and end[0] == "9"
    ours = [r for r in data if r[50:80].rstrip() == "ｻﾄｳ ﾋﾅ" and r[1:5] == "0005"]
    assert [int(r[80:90]) for r in ours] == [available]
    assert int(trailer[1:7]) == len(data)
    assert int(trailer[7:19]) == sum(int(r[80:90]) for r in data)

    worker.goto("/account/earnings/")
    expect(worker.get_by_role("region", name="出金")).to_contain_text("振込手続き済み")


def test_dispute_split_sixty_forty_by_a_reviewer(new_page, login, switch_role):
    token = secrets.token_hex(3)
    title = f"ベーカリーの看板デザイン（{token}）"
    client, worker, reviewer = new_page(), new_page(), new_page()
    login(client, CLIENT)
    login(worker, WORKER)
    switch_role(worker, "ワーカー")
    contract_url = hired_contract(client, worker, title=title, price=40000)
    step(worker, contract_url, "契約を承諾する", "仮払い待ち")
    step(client, contract_url, "仮払いする", "作業中（仮払い済み）")

    # The client reports a problem; the worker adds their side.
    client.goto(contract_url)
    client.get_by_label("どのような問題がありましたか？").fill(
        "約束の日を過ぎても途中経過の共有がありません。"
    )
    client.get_by_role("button", name="事務局にトラブルを報告する").click()
    expect(status(client)).to_have_text("トラブル対応中")
    worker.goto(contract_url)
    worker.get_by_label("事務局へのあなたの主張").fill(
        "ラフ案は6割ほど完成しており、メッセージで共有済みです。"
    )
    worker.get_by_role("button", name="主張を追加する").click()
    expect(worker.get_by_text("事務局へのあなたの主張を追加しました。")).to_be_visible()

    # A reviewer reads both sides and splits the escrow 60/40.
    login(reviewer, REVIEWER)
    reviewer.goto("/secretariat/disputes/")
    reviewer.get_by_role("link", name=title).click()
    statements = reviewer.get_by_role("region", name="双方の主張")
    expect(statements.get_by_text("ラフ案は6割ほど完成しており")).to_be_visible()
    expect(statements.get_by_text("約束の日を過ぎても途中経過の共有がありません。")).to_be_visible()
    reviewer.get_by_label("分割する").check()
    reviewer.get_by_label("ワーカーへの支払額（円）").fill("24000")
    reviewer.get_by_label("理由（双方に通知されます）").fill(
        "ラフ案の共有を確認しました。完成度に応じて6割を支払い、4割を返金します。"
    )
    reviewer.get_by_role("button", name="判断する").click()
    expect(
        reviewer.get_by_text(
            "判断しました：ワーカーへ¥24,000、発注者へ¥16,000。双方に通知しました。"
        )
    ).to_be_visible()

    # Both parties see the decision and its reasons.
    for person in (client, worker):
        person.goto(contract_url)
        expect(status(person)).to_have_text("事務局裁定で終了")
        decision = person.get_by_role("region", name=re.compile("^トラブル"))
        expect(decision).to_contain_text(
            "ワーカーに¥24,000を支払い、発注者に¥16,000を返金しました。"
        )
        expect(decision).to_contain_text("完成度に応じて6割を支払い")
    worker.goto("/notifications/")
    expect(
        worker.get_by_text(
            re.compile(f"事務局が「{re.escape(title)}」のトラブルについて判断しました")
        )
    ).to_be_visible()
