"""A visitor never sees the technical 404, every page asks for an icon that exists, and mail
reads as text."""

import email
import email.policy

import pytest
from django.core.mail import EmailMessage
from django.test import override_settings

from yorozu.core.mail import FileEmailBackend, readable


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_an_unknown_address_shows_the_sites_own_404_even_with_debug_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.text
    assert "ページが見つかりません" in page
    assert "URLconf" not in page and "Django tried these URL patterns" not in page
    assert 'href="/jobs/"' in page  # somewhere to go next


@pytest.mark.django_db
def test_the_favicon_exists_and_every_page_names_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("core/favicon.svg")
    assert 'rel="icon"' in client.get("/").text


def test_japanese_mail_is_8bit_for_the_file_backend(tmp_path):
    message = EmailMessage(
        "件名", "本文です。" * 30 + "\nhttps://yorozu.example/jobs/1/", to=["a@b.c"]
    )
    backend = FileEmailBackend(file_path=str(tmp_path))
    assert backend.send_messages([message]) == 1
    raw = next(tmp_path.iterdir()).read_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Content-Transfer-Encoding"] == "8bit"
    assert "本文です。".encode() in raw  # readable as it is, not base64
    assert parsed.get_content().startswith("本文です。")


def test_japanese_mail_is_quoted_printable_for_smtp():
    message = EmailMessage("件名", "本文です。\nhttps://yorozu.example/jobs/1/", to=["a@b.c"])
    msg = readable(message.message(policy=email.policy.SMTP), "quoted-printable")
    assert msg["Content-Transfer-Encoding"] == "quoted-printable"
    assert "https://yorozu.example/jobs/1/" in msg.as_string()
    body = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default).get_content()
    assert body.replace("\r\n", "\n") == "本文です。\nhttps://yorozu.example/jobs/1/\n"
