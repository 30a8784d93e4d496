"""Japanese is the default; English shows the English version, falling back to Japanese."""

import pytest
from django.urls import reverse
from django.utils import translation

from yorozu.content.models import PageKind
from yorozu.content.tests.factories import (
    FaqEntryFactory,
    NoticeFactory,
    PageFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def switch_to(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})


def test_notice_switches_with_the_language(client):
    notice = NoticeFactory(
        title_ja="事務局からのお知らせ", title_en="From the secretariat", body_en="English body"
    )
    body = client.get(notice.get_absolute_url()).content.decode()
    assert "事務局からのお知らせ" in body
    assert "From the secretariat" not in body

    switch_to(client, "en")
    body = client.get(notice.get_absolute_url()).content.decode()
    assert "From the secretariat" in body
    assert "English body" in body
    assert 'lang="en"' in body

    switch_to(client, "ja")
    assert "事務局からのお知らせ" in client.get(notice.get_absolute_url()).content.decode()


def test_missing_english_falls_back_to_japanese(client):
    notice = NoticeFactory(title_ja="日本語だけ", title_en="", body_ja="本文だけ", body_en="")
    switch_to(client, "en")
    body = client.get(notice.get_absolute_url()).content.decode()
    assert "日本語だけ" in body
    assert "本文だけ" in body


def test_sections_and_faq_switch_too(client):
    page = PageFactory(kind=PageKind.GUIDELINES, slug="guidelines")
    SectionFactory(page=page, title_ja="禁止事項", title_en="Prohibited jobs")
    FaqEntryFactory(question_ja="質問です", question_en="A question")
    switch_to(client, "en")
    assert "Prohibited jobs" in client.get(reverse("content:guidelines")).content.decode()
    assert "A question" in client.get(reverse("content:faq")).content.decode()


def test_model_properties_follow_the_active_language():
    notice = NoticeFactory.build(title_ja="日本語", title_en="English")
    with translation.override("en"):
        assert notice.title == "English"
    with translation.override("ja"):
        assert notice.title == "日本語"
