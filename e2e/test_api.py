"""The API from a browser: a worker makes a token on /account/tokens/, a program uses it, the
worker revokes it; the docs page renders Swagger UI from the site's own files under its CSP."""

import re

from playwright.sync_api import Page, expect


def test_a_token_is_made_used_and_revoked(page: Page, login):
    login(page, "worker@example.com")
    page.goto("/account/security/")
    page.get_by_role("link", name="アクセストークンを管理").click()
    expect(page.get_by_role("heading", name="アクセストークン", level=1)).to_be_visible()
    page.get_by_label("名前").fill("自作の案件チェッカー")
    page.get_by_label("閲覧（").check()
    page.get_by_role("button", name="作成する").click()
    secret = page.get_by_test_id("token-secret").inner_text().strip()
    assert secret.startswith("yz_")
    program = page.context.request  # a program: only the token, no cookie needed
    me = program.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}", "Cookie": ""})
    assert me.status == 200 and me.json()["scopes"] == ["read"]
    write = program.post(
        "/api/v1/jobs",
        headers={"Authorization": f"Bearer {secret}", "Cookie": ""},
        data={"title": "x"},
    )
    assert write.status == 403 and write.json()["code"] == "insufficient_scope"
    page.reload()
    expect(page.get_by_test_id("token-secret")).to_have_count(0)  # shown once
    row = page.get_by_role("row", name=re.compile("自作の案件チェッカー"))
    row.get_by_role("button", name="無効にする").click()
    expect(page.get_by_text("トークン「自作の案件チェッカー」を無効にしました。")).to_be_visible()
    after = program.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}", "Cookie": ""})
    assert after.status == 401
    assert after.headers["content-type"] == "application/problem+json"


def test_the_docs_page_renders_from_the_site_itself(page: Page, base_url: str):
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((base_url, "data:", "blob:"))
            else None
        ),
    )
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("yorozu API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert outside == []
