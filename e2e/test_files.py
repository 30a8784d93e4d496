"""Files through the browser: the client attaches two reference photos (with a progress bar)
and the worker downloads them, without their EXIF; before escrow the worker's QR-code image
(a LINE link) is stopped with its reason while the draft and the chosen file stay; after escrow
the worker delivers with files and the client approves the delivery.

The files are made here, for real: JPEG photos with GPS in their EXIF (Pillow) and a QR code
(zxing-cpp), uploaded from disk through the file picker.
"""

import io
import re
import secrets

import zxingcpp
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect
from test_safe_messaging import (
    CLIENT,
    WORKER,
    contract_status,
    open_thread,
    post_job_and_hire,
    thread_url_from,
)

LINE_URL = "https://line.me/ti/p/e2eLineId42"
# Files are screened while they are sent (OCR reads each image twice): on a shared machine a
# send with two photos takes seconds, so the steps that wait on screening wait longer.
SCREENING = 60_000


def photo(path, seed: int) -> None:
    image = Image.new("RGB", (320, 240), (90 + seed * 40, 150, 110))
    draw = ImageDraw.Draw(image)
    for x in range(0, 320, 32):
        draw.rectangle([x, 60, x + 16, 180], fill=(200, 80 + seed * 30, 60))
    exif = Image.Exif()
    exif[0x010F] = "E2ECamera"
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}
    image.save(path, "JPEG", exif=exif.tobytes())


def qr(path, text: str) -> None:
    matrix = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(
        scale=8, add_quiet_zones=True
    )
    size = (matrix.shape[1], matrix.shape[0])
    Image.frombuffer("L", size, bytes(memoryview(matrix)), "raw", "L", 0, 1).save(path)


def send_with_files(page: Page, body: str, files: list) -> None:
    page.get_by_label("メッセージ", exact=True).fill(body)
    page.locator("#message-files").set_input_files(files)
    page.get_by_role("button", name="送信", exact=True).click()


def test_photos_a_stopped_qr_code_and_a_delivery_with_files(new_page, login, tmp_path):
    title = f"カフェのロゴ制作（{secrets.token_hex(3)}）"
    client, worker = new_page(), new_page()
    login(client, CLIENT)
    login(worker, WORKER)
    contract_url = post_job_and_hire(client, worker, title)
    thread = thread_url_from(client, contract_url)

    # The client attaches two reference photos; the upload shows its progress.
    shop, inside = tmp_path / "店舗外観.jpg", tmp_path / "店内.jpg"
    photo(shop, 1)
    photo(inside, 2)
    open_thread(client, thread)
    client.evaluate(
        """() => { window.__progress = 0;
        document.addEventListener('htmx:xhr:progress', () => { window.__progress += 1; }); }"""
    )
    send_with_files(client, "参考写真を2枚添付します。雰囲気の参考にしてください。", [shop, inside])
    mine = client.locator("article.message.mine", has_text="参考写真を2枚")
    expect(mine.locator("li.attachment")).to_have_count(2, timeout=SCREENING)
    assert client.evaluate("() => window.__progress") >= 1

    # The worker sees both and downloads them: the photos as sent, without their EXIF.
    open_thread(worker, thread)
    received = worker.locator("article.message", has_text="参考写真を2枚")
    expect(received.locator("li.attachment img")).to_have_count(2)
    for name in ("店舗外観.jpg", "店内.jpg"):
        link = received.get_by_role("link", name=name)
        response = worker.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "image/jpeg"
        image = Image.open(io.BytesIO(response.body()))
        assert image.size == (320, 240) and not image.getexif()
    # Signed out, the same link only leads to the login page.
    href = received.get_by_role("link", name="店内.jpg").get_attribute("href")
    stranger = new_page().request.get(href, max_redirects=0)
    assert stranger.status == 302 and "/login/" in stranger.headers["location"]

    # Before escrow the worker's QR code to LINE is stopped, with its reason; the draft and
    # the chosen file stay in the form.
    code = tmp_path / "連絡先QR.png"
    qr(code, LINE_URL)
    draft = "ポートフォリオはこちらから見られます。"
    send_with_files(worker, draft, [code])
    refusal = worker.locator("#send-feedback #refusal")
    expect(refusal).to_be_visible(timeout=SCREENING)
    expect(refusal).to_contain_text("連絡先QR.png")
    expect(refusal).to_contain_text("外部のチャット・SNSへのリンク")
    expect(refusal.locator("mark")).to_contain_text("line.me")
    expect(worker.get_by_label("メッセージ", exact=True)).to_have_value(draft)
    assert worker.locator("#message-files").evaluate("input => input.files.length") == 1
    open_thread(client, thread)
    expect(client.locator("article.message", has_text=draft)).to_have_count(0)

    # After escrow the worker delivers with files; the client sees them and approves.
    client.goto(contract_url)
    client.get_by_role("button", name="仮払いする").click()
    expect(contract_status(client)).to_have_text("作業中（仮払い済み）")
    logo = tmp_path / "logo.png"
    qr(logo, "https://yorozu.example/workers/1/")
    sketch = tmp_path / "ロゴ案.jpg"
    photo(sketch, 3)
    worker.goto(contract_url)
    worker.get_by_label("納品メッセージ（納品物の内容と受け取り方法）").fill(
        "ロゴ案2点を納品します。ご確認ください。"
    )
    worker.locator("#delivery-files").set_input_files([logo, sketch])
    worker.get_by_role("button", name="納品する").click()
    expect(contract_status(worker)).to_have_text("検収待ち", timeout=SCREENING)
    expect(worker.locator("li.attachment")).to_have_count(2)

    client.goto(contract_url)
    delivered = client.locator("li.attachment")
    expect(delivered).to_have_count(2)
    response = client.request.get(client.get_by_role("link", name="logo.png").get_attribute("href"))
    assert response.status == 200
    client.get_by_role("button", name="検収する").click()
    expect(contract_status(client)).to_have_text("完了")
    expect(client.get_by_role("link", name=re.compile("logo.png"))).to_have_count(1)
