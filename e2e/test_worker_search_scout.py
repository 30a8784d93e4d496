"""A client finds a worker with the four filters and scouts them; the worker accepts.

The demo worker (佐藤 陽菜) shows her gender (女性) and age band (30代), lives in 神奈川県 and has
completed contracts; the demo client has open jobs. The category filter uses the first main
category on her public record, so the journey does not depend on which one the seed gave her.
"""

import re
import secrets

from playwright.sync_api import expect

CLIENT = "client@example.com"
WORKER = "worker@example.com"
WORKER_NAME = "佐藤 陽菜"


def test_client_filters_scouts_and_the_worker_accepts(new_page, login):
    token = secrets.token_hex(3)
    message = (
        f"はじめまして。ホームページやロゴのご実績を拝見し、ぜひお願いしたくご連絡しました。"
        f"内容をご確認のうえ、ご提案いただけるとうれしいです。（{token}）"
    )
    client, worker = new_page(), new_page()
    login(client, CLIENT)

    # Which main category has she completed work in? Her public record says.
    client.goto("/workers/?q=" + WORKER_NAME.replace(" ", "+"))
    client.get_by_role("link", name=WORKER_NAME).first.click()
    record = client.locator("table.data th[scope=row]")
    expect(record.first).to_be_visible()
    main_category = record.first.inner_text().strip()

    # The four filters together, then search.
    client.goto("/workers/")
    expect(client.get_by_text("差別にあたり")).to_be_visible()
    client.get_by_role("group", name="契約を完了したカテゴリ").get_by_label(
        f"{main_category}（すべて）", exact=True
    ).check()
    client.get_by_role("group", name="性別").get_by_label("女性").check()
    client.get_by_role("group", name="都道府県").get_by_label("神奈川県", exact=True).check()
    client.get_by_role("group", name="年代").get_by_label("30代").check()
    # As the filters change, the button counts the workers they give; it runs the search.
    button = client.get_by_role("search").get_by_role("button", name=re.compile(r"人に絞り込む$"))
    expect(button).to_have_text(re.compile(r"^\d[\d,]*人に絞り込む$"))
    button.click()
    expect(client).to_have_url(re.compile(r"gender=female"))
    expect(client).to_have_url(re.compile(r"age=30"))
    expect(client).to_have_url(re.compile(r"prefecture=14"))
    card = client.locator("article.worker-card", has_text=WORKER_NAME)
    expect(card).to_be_visible()
    expect(card).to_contain_text("神奈川県")
    expect(card).to_contain_text("30代")
    expect(card).to_contain_text("女性")

    # Open her profile and scout her for one of the client's open jobs.
    card.get_by_role("link", name=WORKER_NAME).click()
    expect(client.get_by_role("heading", level=1)).to_contain_text(WORKER_NAME)
    client.get_by_role("link", name="スカウトする").click()
    job_select = client.get_by_label("スカウトする仕事")
    job_select.select_option(index=1)
    job_title = job_select.locator("option:checked").inner_text().strip()
    client.get_by_label("ワーカーへのメッセージ").fill(message)
    client.get_by_role("button", name="スカウトを送る").click()
    expect(client.get_by_text(f"{WORKER_NAME}さんにスカウトを送りました。")).to_be_visible()
    expect(client.locator("table.scouts-sent")).to_contain_text(job_title)

    # The worker sees it and accepts; the thread opens and she is invited to propose.
    login(worker, WORKER)
    worker.goto("/workers/scouts/")
    scout = worker.locator("article.scout-card", has_text=token)
    expect(scout).to_contain_text(job_title)
    scout.get_by_role("button", name="承諾してメッセージを始める").click()
    expect(worker.get_by_text("スカウトを承諾しました。")).to_be_visible()
    scout = worker.locator("article.scout-card", has_text=token)
    expect(scout.get_by_role("link", name="提案する")).to_be_visible()
    scout.get_by_role("link", name="メッセージを開く").click()
    expect(worker.get_by_text(token)).to_be_visible()

    # The client hears about it.
    client.goto("/notifications/")
    expect(client.get_by_text(f"{WORKER_NAME}さんがスカウトを承諾しました").first).to_be_visible()
