"""A client favourites a worker and invites her to a new job; the worker, who saved a job
search, receives the digest (in-app and by e-mail) naming that job; she accepts the invitation,
writes in the thread, and sees 既読 once the client has read it.

The digest is put on the real queue by `manage.py send_digests` (what the scheduler does each
morning) and run by the session's `db_worker`.
"""

import datetime
import re
import secrets
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, manage, server_env

CLIENT = "client@example.com"
WORKER = "worker@example.com"
WORKER_NAME = "佐藤 陽菜"


def test_favourite_invite_digest_and_read_receipt(new_page, login, var_dir, mailbox):
    token = secrets.token_hex(3)
    title = f"和菓子店のロゴ制作 {token}"
    client, worker = new_page(), new_page()
    login(client, CLIENT)
    login(worker, WORKER)

    # The worker saves a job search for what she wants to hear about.
    worker.goto(f"/jobs/?q={token}")
    worker.get_by_label("新着を毎日まとめてお知らせします").fill(f"ロゴ {token}")
    worker.get_by_role("button", name="この検索を保存").click()
    expect(worker.get_by_text(f"「ロゴ {token}」を保存しました。")).to_be_visible()

    # The client keeps her as a favourite from her profile.
    client.goto("/workers/?q=" + WORKER_NAME.replace(" ", "+"))
    client.get_by_role("link", name=WORKER_NAME).first.click()
    client.get_by_role("button", name="☆ お気に入りに追加").click()
    expect(client.get_by_text("お気に入りに追加しました。")).to_be_visible()
    expect(client.get_by_role("button", name="★ お気に入り登録済み")).to_be_visible()

    # …posts a new job…
    deadline = datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date() + datetime.timedelta(days=10)
    client.goto("/jobs/new/")
    client.get_by_label("仕事のタイトル").fill(title)
    client.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    client.get_by_label("仕事の内容").fill(
        "老舗の和菓子店のロゴをお願いします。落ち着いた、上品な雰囲気を希望します。"
    )
    client.get_by_label("予算の下限（円）").fill("30000")
    client.get_by_label("予算の上限（円）").fill("80000")
    client.get_by_label("応募期限").fill(deadline.isoformat())
    client.get_by_role("button", name="この内容で依頼する").click()
    expect(client.get_by_role("heading", level=1)).to_contain_text(title)

    # …and invites her from the favourites page, as a scout.
    client.goto("/account/favourites/?tab=worker")
    invite = client.locator("#invite")
    invite.get_by_label("仕事").select_option(label=title)
    invite.get_by_label(WORKER_NAME).check()
    invite.get_by_label("メッセージ").fill(
        f"はじめまして。以前のロゴのご実績を拝見し、ぜひお願いしたくご招待しました。（{token}）"
    )
    invite.get_by_role("button", name="招待を送る").click()
    expect(client.get_by_text(f"「{title}」に1人のワーカーを招待しました。")).to_be_visible()

    # The morning digest runs on the queue: she is told of the new job, on yorozu and by mail.
    manage(server_env(var_dir), "send_digests", log=ARTIFACTS / "send-digests.log")
    mail = mailbox.latest_to(WORKER, containing="/account/searches/stop/", timeout=30)
    assert title in mail and "/notifications/unsubscribe/" in mail
    worker.goto("/notifications/")
    expect(worker.get_by_text(re.compile("保存した検索の新着が"))).to_be_visible()
    expect(worker.locator(".notification-list")).to_contain_text(title)

    # She accepts the invitation and writes back.
    worker.goto("/workers/scouts/")
    scout = worker.locator("article.scout-card", has_text=token)
    scout.get_by_role("button", name="承諾してメッセージを始める").click()
    worker.locator("article.scout-card", has_text=token).get_by_role(
        "link", name="メッセージを開く"
    ).click()
    reply = f"ご招待ありがとうございます。詳しくお聞かせください。（{token}）"
    worker.get_by_label("メッセージ", exact=True).fill(reply)
    worker.get_by_role("button", name="送信", exact=True).click()
    mine = worker.locator("article.message.mine", has_text=reply)
    expect(mine).to_be_visible()
    expect(mine.locator(".read-mark")).to_have_count(0)
    thread_url = worker.url

    # The client reads it; her message then shows 既読.
    client.goto(thread_url)
    expect(client.get_by_text(reply)).to_be_visible()
    worker.goto(thread_url)
    expect(
        worker.locator("article.message.mine", has_text=reply).locator(".read-mark")
    ).to_have_text("既読")
