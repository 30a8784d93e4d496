"""Task jobs and competitions in the browser, on the live demo server (its scheduler and task
queue running): a client funds a 10-slot survey task, four workers answer, the client approves
two and rejects one with a reason, the answer left alone is approved automatically when the
approval period ends (the client reminded before), the task closes and the rest of the budget
returns; the client's "thanks for the task, here is a job on another site" message to a
participant is stopped; a competition gets three entries, one with a file, and a winner, who is
paid and receives the rights transfer (the client keeps only the winning entry's files)."""

from __future__ import annotations

import datetime
import re
import secrets
import time

from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

CLIENT = "client@example.com"
WORKERS = ["task-a@example.com", "task-b@example.com", "task-c@example.com", "task-d@example.com"]
NAMES = {
    "task-a@example.com": "アンケート回答者 あおい",
    "task-b@example.com": "アンケート回答者 ひかる",
    "task-c@example.com": "アンケート回答者 みなと",
    "task-d@example.com": "アンケート回答者 さくら",
}
BAIT = "タスクにご協力ありがとうございました。別サイトの案件をご紹介します"


def deadline() -> str:
    return (datetime.date.today() + datetime.timedelta(days=7)).isoformat()


def post_task(client: Page, title: str) -> str:
    client.goto("/tasks/new/")
    client.get_by_label("タイトル").fill(title)
    client.get_by_label("カテゴリ").select_option(label="リサーチ・調査")
    client.get_by_label("作業内容").fill(
        "お昼ごはんについての3問のアンケートです。正直にお答えください。"
    )
    client.get_by_label("質問", exact=True).fill(
        "昨日のお昼ごはんと、それを選んだ理由を教えてください。"
    )
    client.get_by_label("最小文字数").fill("10")
    client.get_by_label("最大文字数").fill("200")
    client.get_by_label("1件あたりの報酬（円）").fill("100")
    client.get_by_label("募集件数").fill("10")
    client.get_by_label("応募期限").fill(deadline())
    client.get_by_role("button", name="このタスクを掲載する").click()
    expect(client.get_by_text("掲載しました。仮払いすると公開されます。")).to_be_visible()
    expect(client.locator("main")).to_contain_text("¥1,000（10件 × ¥100）")
    client.get_by_role("button", name="仮払いする").click()
    expect(client.get_by_text("予算を仮払いしました。タスクを公開しました。")).to_be_visible()
    return client.url


def answer(worker: Page, url: str, text: str) -> None:
    worker.goto(url)
    worker.get_by_label("あなたの回答").fill(text)
    worker.get_by_role("button", name="回答を送信").click()
    expect(worker.get_by_text("回答を送信しました。クライアントが確認します。")).to_be_visible()


def submission(client: Page, email: str):
    return client.locator("article[data-submission]", has_text=NAMES[email])


def test_task_funded_answered_decided_auto_approved_and_closed(new_page, login):
    title = f"【1分】お昼ごはんアンケート（{secrets.token_hex(3)}）"
    client = new_page()
    login(client, CLIENT)
    url = post_task(client, title)
    # The funded task is found under Tasks in job search, with its unit price and places.
    client.goto("/jobs/?format=task")
    card = client.locator("article.job-card", has_text=title)
    expect(card.locator("[data-task-facts]")).to_contain_text("1件 ¥100")
    expect(card.locator("[data-task-facts]")).to_contain_text("残り10件")

    workers = {}
    # The answer nobody decides comes first: its approval period ends first.
    for email in [
        "task-d@example.com",
        "task-a@example.com",
        "task-b@example.com",
        "task-c@example.com",
    ]:
        page = new_page()
        login(page, email)
        answer(page, url, f"おにぎり2個です。{email[5]}: 安くて手早く食べられるからです。")
        workers[email] = page
    d_answered = time.monotonic()

    client.goto(url.rstrip("/") + "/answers/")
    expect(client.locator("article[data-submission]")).to_have_count(4)
    for email in ["task-a@example.com", "task-b@example.com"]:
        submission(client, email).get_by_role("button", name="承認する").click()
        expect(
            client.get_by_text("承認しました。ワーカーに1件分の報酬を支払いました。")
        ).to_be_visible()
    rejected = submission(client, "task-c@example.com")
    rejected.get_by_label("非承認の理由").fill("理由が書かれていません（質問の条件です）。")
    rejected.get_by_role("button", name="非承認にする").click()
    expect(client.get_by_text("非承認にしました。理由はワーカーに伝わります。")).to_be_visible()
    expect(submission(client, "task-a@example.com").locator(".status-approved")).to_be_visible()
    expect(submission(client, "task-c@example.com").locator(".status-rejected")).to_be_visible()
    expect(submission(client, "task-d@example.com").locator(".status-pending")).to_be_visible()

    # The rejected worker reads the reason.
    c_page = workers["task-c@example.com"]
    c_page.goto("/tasks/answers/")
    expect(c_page.locator("main")).to_contain_text("理由が書かれていません（質問の条件です）。")

    # After the task, the client writes to a participant about "another site": held, never
    # delivered; the participant does not see it.
    submission(client, "task-a@example.com").get_by_role(
        "button", name="このワーカーにメッセージ"
    ).click()
    expect(client).to_have_url(re.compile(r"/messages/\d+/$"))
    thread = client.url
    client.get_by_label("メッセージ", exact=True).fill(BAIT)
    client.get_by_role("button", name="送信", exact=True).click()
    mine = client.locator("article.message.mine", has_text="別サイト")
    expect(mine.locator(".status-held")).to_have_text("事務局で確認中")
    a_page = workers["task-a@example.com"]
    a_page.goto(thread)
    expect(a_page.locator("article.message", has_text="別サイト")).to_have_count(0)

    # The answer left alone is approved automatically when its period ends (the scheduler
    # enqueues the sweep; db_worker runs it).
    client.goto(url.rstrip("/") + "/answers/")
    approved = submission(client, "task-d@example.com").locator(".status-approved")
    while time.monotonic() - d_answered < 150 and approved.count() == 0:
        time.sleep(3)
        client.reload()
    expect(approved).to_be_visible()
    # Before that the sweep reminded the client, once.
    client.goto("/notifications/")
    expect(
        client.locator("main").get_by_text(f"「{title}」の回答がまもなく自動承認されます")
    ).to_have_count(1)
    client.goto(url.rstrip("/") + "/answers/")

    # Closing returns the rest: ¥1,000 − three approved answers (¥300).
    client.get_by_role("link", name="このタスクを終了する").click()
    client.get_by_role("button", name="終了して未使用の予算を返金する").click()
    expect(
        client.get_by_text("タスクを終了しました。未使用の予算 ¥700 を返金しました。")
    ).to_be_visible()
    expect(client.locator("main")).to_contain_text("承認 3件・非承認 1件・承認待ち 0件")


LOGO = "はちみつ堂ロゴ案.png"


def logo_png(directory) -> str:
    path = directory / LOGO
    image = Image.new("RGB", (240, 120), (252, 243, 214))
    ImageDraw.Draw(image).ellipse((70, 10, 170, 110), fill=(232, 170, 40))
    image.save(path)
    return path


def test_competition_with_three_entries_and_a_winner(new_page, login, tmp_path):
    title = f"焼き菓子店のロゴ案募集（{secrets.token_hex(3)}）"
    client = new_page()
    login(client, CLIENT)
    client.goto("/competitions/new/")
    client.get_by_label("タイトル").fill(title)
    client.get_by_label("カテゴリ").select_option(label="ロゴ作成")
    client.get_by_label("募集内容").fill(
        "焼き菓子店のロゴ案を募集します。やさしい色合いで、店名「はちみつ堂」を入れてください。"
    )
    client.get_by_label("賞金（円）").fill("20000")
    client.get_by_label("応募期限").fill(deadline())
    client.get_by_role("button", name="このコンペを掲載する").click()
    client.get_by_role("button", name="仮払いする").click()
    expect(client.get_by_text("賞金を仮払いしました。コンペを公開しました。")).to_be_visible()
    url = client.url

    pages = {}
    for n, email in enumerate(WORKERS[:3], start=1):
        page = new_page()
        login(page, email)
        page.goto(url)
        page.get_by_label("あなたの応募").fill(f"案{n}: はちみつの雫を店名の「ち」に重ねる案です。")
        if n == 1:  # the first entry carries its sketch, uploaded with the progress bar
            page.locator("#entry-files").set_input_files(str(logo_png(tmp_path)))
        page.get_by_role("button", name="応募を送信").click()
        expect(page.get_by_text("応募を送信しました。")).to_be_visible()
        pages[email] = page
    mine = pages["task-a@example.com"].locator("[data-my-entry] [data-download]")
    expect(mine).to_have_text(LOGO)

    client.goto(url)
    entries = client.locator("article[data-entry]")
    expect(entries).to_have_count(3)
    with_file = entries.filter(has_text=NAMES["task-a@example.com"])
    expect(with_file.locator("[data-download]")).to_have_text(LOGO)
    chosen = entries.filter(has_text=NAMES["task-b@example.com"])
    chosen.get_by_role("button", name="候補に追加").click()
    chosen = client.locator("article[data-entry]").filter(has_text=NAMES["task-b@example.com"])
    expect(chosen.locator(".status-shortlisted")).to_be_visible()
    chosen.get_by_role("button", name="採用する").click()
    expect(
        client.get_by_text(
            "採用作品を決定し、賞金を支払いました。作品の権利はあなたに移転しました。"
        )
    ).to_be_visible()
    expect(client.locator("[data-stage]")).to_have_text("採用決定")
    expect(client.locator("[data-rights]")).to_contain_text("権利")
    # The rights passed with the winning entry only: the other entrant's file is theirs again.
    expect(
        client.locator("article[data-entry]")
        .filter(has_text=NAMES["task-a@example.com"])
        .locator("[data-download]")
    ).to_have_count(0)
    pages["task-a@example.com"].reload()
    expect(mine).to_have_text(LOGO)
