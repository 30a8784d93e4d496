"""Profiles through the browser: a new worker uploads an avatar (a photo with GPS in its EXIF),
lists skills with years and availability, adds two portfolio works with pictures (a third, whose
picture is a LINE QR code, is refused with the draft kept and the flagged part shown); a client
then sees the face, the skills and both works on the worker's profile — and the pages fit a
phone (390 px) without sideways scrolling. Screenshots for docs/profiles.md are kept in
e2e-artifacts/profiles/.
"""

import re
import secrets
from pathlib import Path

import zxingcpp
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

CLIENT = "client@example.com"
SHOTS = Path(__file__).resolve().parent.parent / "e2e-artifacts" / "profiles"
# Pictures are screened while they are sent (QR codes, OCR): on a shared machine that takes
# seconds.
SCREENING = 60_000


def photo(path: Path, colour: tuple[int, int, int], *, gps: bool = False) -> None:
    image = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((140, 60, 340, 260), fill=(250, 220, 190))
    for x in range(0, 480, 40):
        draw.rectangle([x, 300, x + 20, 360], fill=(60, 60, 90))
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}
    image.save(path, "JPEG", exif=exif.tobytes())


def qr(path: Path, text: str) -> None:
    matrix = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(
        scale=8, add_quiet_zones=True
    )
    size = (matrix.shape[1], matrix.shape[0])
    Image.frombuffer("L", size, bytes(memoryview(matrix)), "raw", "L", 0, 1).save(path)


def overflow(page: Page) -> int:
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def fits_a_phone(page: Page, name: str) -> None:
    """At 390 px nothing is wider than the screen; a full-page screenshot is kept."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_load_state("load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    assert overflow(page) <= 0, f"{name} is {overflow(page)} px wider than a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def add_work(page: Page, title: str, description: str, category: str, link: str, files) -> None:
    page.goto("/account/portfolio/new/")
    page.get_by_label("タイトル").fill(title)
    page.get_by_label("カテゴリ").select_option(label=category)
    page.get_by_label("説明").fill(description)
    page.get_by_label("リンク").fill(link)
    page.get_by_label("画像・ファイル").set_input_files(files)
    page.get_by_role("button", name="保存").click()


def wait_loaded(page: Page, selector: str) -> None:
    """Wait until the picture at `selector` is decoded (lazy ones load once scrolled to)."""
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_function(
        "sel => { const img = document.querySelector(sel);"
        " return img && img.complete && img.naturalWidth > 0; }",
        arg=selector,
        timeout=10_000,
    )


def test_a_worker_builds_a_profile_and_a_client_sees_it(new_page, sign_up, login, tmp_path):
    tag = secrets.token_hex(3)
    worker = new_page()
    sign_up(worker, f"profile-{tag}@example.com", f"ポートフォリオ {tag}", role="worker")

    # The avatar: a photo with its GPS position, squared and shown in the header at once.
    face = tmp_path / "face.jpg"
    photo(face, (70, 130, 180), gps=True)
    worker.goto("/account/settings/")
    section = worker.locator("#avatar-section")
    expect(section.locator("svg.avatar-default")).to_be_visible()
    section.get_by_label("アイコン").set_input_files(face)
    section.get_by_role("button", name="アップロード").click()
    expect(worker.get_by_text("アイコンを変更しました。")).to_be_visible(timeout=SCREENING)
    expect(worker.locator("header img.avatar")).to_be_visible()
    wait_loaded(worker, "header img.avatar")
    avatar_src = worker.locator("header img.avatar").get_attribute("src")
    assert avatar_src and avatar_src.startswith("/account/avatar/")

    # Skills with years, and availability.
    worker.goto("/account/profile/skills/")
    worker.get_by_label("スキル 1", exact=True).fill("Illustrator")
    worker.get_by_label("経験年数 1", exact=True).fill("8")
    worker.get_by_label("スキル 2", exact=True).fill("ロゴ")
    worker.get_by_label("経験年数 2", exact=True).fill("5")
    worker.get_by_label("週あたりの稼働時間").fill("20")
    worker.get_by_role("button", name="保存").click()
    expect(worker.get_by_text("スキルと稼働状況を保存しました。")).to_be_visible()

    # Two works with pictures.
    logo, site = tmp_path / "logo.jpg", tmp_path / "site.jpg"
    photo(logo, (190, 120, 60))
    photo(site, (46, 125, 90))
    add_work(
        worker,
        f"ベーカリーのロゴ {tag}",
        "小麦の穂をモチーフにしたロゴです。",
        "ロゴ作成",
        "https://bakery.example.jp/",
        [logo],
    )
    expect(worker.get_by_text("ポートフォリオに作品を追加しました。")).to_be_visible(
        timeout=SCREENING
    )
    add_work(
        worker,
        f"カフェのホームページ {tag}",
        "季節のメニューをご自身で更新できるサイトです。",
        "ホームページ作成",
        "",
        [site],
    )
    expect(worker.get_by_text("ポートフォリオに作品を追加しました。")).to_be_visible(
        timeout=SCREENING
    )
    expect(worker.locator("article.portfolio-row")).to_have_count(2)

    # A third whose picture is a LINE QR code is refused: the draft stays, the link is marked.
    code = tmp_path / "card.png"
    qr(code, f"https://line.me/ti/p/e2e{tag}")
    add_work(
        worker, "ショップカード", "両面カラーのショップカード", "チラシ・パンフレット", "", [code]
    )
    refusal = worker.locator("[data-refused]")
    expect(refusal).to_be_visible(timeout=SCREENING)
    expect(refusal.locator("mark")).to_contain_text("line.me")
    expect(worker.get_by_label("タイトル")).to_have_value("ショップカード")
    fits_a_phone(worker, "portfolio-form-refused")

    # The worker's own list, reordered: the site first.
    worker.goto("/account/portfolio/")
    worker.get_by_role("button", name=re.compile(f"「カフェのホームページ {tag}」を上へ")).click()
    expect(worker.locator("article.portfolio-row h2").first).to_have_text(
        f"カフェのホームページ {tag}"
    )
    fits_a_phone(worker, "portfolio-mine")
    profile_url = worker.get_by_role("link", name="クライアントから見たプロフィールを確認する")
    profile_path = profile_url.get_attribute("href")
    assert profile_path and re.fullmatch(r"/workers/\d+/", profile_path)

    # A client sees the face, the skills with years and both works with their pictures.
    client = new_page()
    login(client, CLIENT)
    client.goto(profile_path)
    main = client.locator("main")
    expect(main.locator(".profile-avatar img.avatar")).to_have_attribute("src", avatar_src)
    wait_loaded(client, ".profile-avatar img.avatar")
    expect(main.locator("[data-skills]")).to_contain_text("Illustrator · 8年")
    expect(main.locator("[data-availability]")).to_contain_text("週20時間")
    works = main.locator("article.portfolio-work")
    expect(works).to_have_count(2)
    expect(works.first.locator("h3")).to_have_text(f"カフェのホームページ {tag}")
    expect(works.nth(1)).to_contain_text("https://bakery.example.jp/")
    for i in (1, 2):
        wait_loaded(client, f"article.portfolio-work:nth-of-type({i}) .portfolio-cover img")
    fits_a_phone(client, "worker-profile")

    # The client's own company page fits a phone too.
    client.goto("/account/settings/")
    client_page = client.get_by_role("link", name="発注者プロフィール")
    client.goto(client_page.first.get_attribute("href") or "/")
    expect(client.locator("[data-company]")).to_be_visible()
    fits_a_phone(client, "client-profile")
