"""Accounts people can trust, in the browser.

1. A new person signs up, confirms the address from the e-mail, forgets the password, resets it
   from the e-mailed link and signs in with the new one.
2. A member of the secretariat signs in with a password and a TOTP code; without the code no
   staff page opens.
3. A person downloads their data (a ZIP of JSON) and deletes their account; it cannot sign in
   again.

Mail is read from the e2e server's file backend. Every page is also checked for its
Content-Security-Policy header and for violations in the browser console (conftest.new_page).
"""

import io
import json
import secrets
import zipfile

from conftest import do_sign_up
from playwright.sync_api import Page, expect

from yorozu.core.demo_totp import totp_code

PASSWORD = "kumo-to-sakura-42"
NEW_PASSWORD = "umi-to-yama-2026"


def sign_up(page: Page, mailbox, email: str, name: str) -> None:
    do_sign_up(page, mailbox, email, name, password=PASSWORD)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="ログアウト").click()
    expect(page.get_by_role("link", name="ログイン")).to_be_visible()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.locator("main").get_by_role("button", name="ログイン").click()


def test_forgotten_password_is_reset_from_the_emailed_link(page: Page, mailbox):
    email = f"forgetful-{secrets.token_hex(3)}@example.com"
    sign_up(page, mailbox, email, "うっかりハナ")
    log_out(page)

    # Forgot the password: the login page links to the reset.
    page.goto("/account/login/")
    page.get_by_role("link", name="パスワードをお忘れですか?").click()
    expect(page).to_have_url("/account/password/reset/")
    page.get_by_label("メールアドレス").fill(email)
    page.locator("main").get_by_role("button", name="パスワードを再設定する").click()
    expect(page.get_by_role("heading", name="パスワードの再設定")).to_be_visible()

    # The e-mail's link opens the new-password form.
    page.goto(mailbox.link_to(email, "/account/password/reset/key/"))
    page.get_by_label("新しいパスワード", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("新しいパスワード (再入力)").fill(NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="パスワード変更").click()
    expect(page.get_by_text("パスワードを変更しました。").first).to_be_visible()

    # The old password no longer works; the new one does.
    sign_in(page, email, PASSWORD)
    expect(page.get_by_text("メールアドレスもしくはパスワードが正しくありません")).to_be_visible()
    sign_in(page, email, NEW_PASSWORD)
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()


def test_a_staff_login_asks_for_the_authenticator_code(page: Page):
    email = "reviewer@example.com"
    sign_in(page, email, "yorozu-demo")
    # The password alone signs nobody in: the second step asks for the app's code.
    expect(page).to_have_url("/account/2fa/authenticate/")
    expect(page.get_by_role("button", name="ログアウト")).to_have_count(0)
    # Until the code is given, every other page leads back to this step.
    page.goto("/secretariat/appeals/")
    expect(page).to_have_url("/account/2fa/authenticate/")

    page.get_by_label("コード").fill("000000" if totp_code() != "000000" else "111111")
    page.locator("main").get_by_role("button", name="ログイン").click()
    expect(page.get_by_text("コードが正しくありません").first).to_be_visible()
    page.get_by_label("コード").fill(totp_code())
    page.locator("main").get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()

    # Signed in with both factors: the secretariat's pages open.
    page.goto("/secretariat/appeals/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("異議申し立て")
    page.goto("/console/")
    expect(page).to_have_url("/console/")
    page.goto("/admin/")
    expect(page.get_by_role("link", name="Django 管理サイト")).to_be_visible()


def test_a_person_downloads_their_data_and_deletes_their_account(page: Page, mailbox):
    email = f"leaving-{secrets.token_hex(3)}@example.com"
    sign_up(page, mailbox, email, "退会予定のタロウ")

    page.goto("/account/privacy/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="データをダウンロードする").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(download.path().read_bytes()))
    names = set(archive.namelist())
    assert {"account.json", "jobs.json", "proposals.json", "messages_sent.json"} <= names
    account = json.loads(archive.read("account.json"))
    assert account["email"] == email
    assert account["display_name"] == "退会予定のタロウ"

    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_label("アカウントを削除すると元に戻せないことを理解しました").check()
    page.get_by_role("button", name="アカウントを削除する").click()
    expect(page.get_by_text("アカウントを削除しました。")).to_be_visible()
    expect(page.get_by_role("link", name="ログイン")).to_be_visible()

    sign_in(page, email, PASSWORD)
    expect(page.get_by_text("メールアドレスもしくはパスワードが正しくありません")).to_be_visible()
