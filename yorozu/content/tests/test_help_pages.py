"""FAQ search, terms versioning, anchored sections on the guidelines and safety pages."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.content.models import PageKind
from yorozu.content.selectors import current_terms
from yorozu.content.tests.factories import (
    FaqCategoryFactory,
    FaqEntryFactory,
    PageFactory,
    SectionFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


# --- FAQ -----------------------------------------------------------------------------------


def test_faq_is_grouped_by_category(client):
    payments = FaqCategoryFactory(name_ja="お支払い", position=2)
    start = FaqCategoryFactory(name_ja="はじめに", position=1)
    FaqEntryFactory(category=payments, question_ja="仮払いとは？")
    FaqEntryFactory(category=start, question_ja="登録は無料？")
    response = client.get(reverse("content:faq"))
    assert [c.name_ja for c in response.context["categories"]] == ["はじめに", "お支払い"]
    body = response.content.decode()
    assert f'id="{payments.slug}"' in body


def test_faq_search_matches_question_and_answer_in_either_language(client):
    escrow = FaqEntryFactory(question_ja="仮払いとは何ですか？", question_en="What is escrow?")
    line = FaqEntryFactory(answer_ja="LINEでのやり取りには応じないでください。")
    FaqEntryFactory(question_ja="退会するには？")

    def found(q):
        response = client.get(reverse("content:faq"), {"q": q})
        assert response.status_code == 200
        return {e for c in response.context["categories"] for e in c.matching}

    assert found("仮払い") == {escrow}
    assert found("ESCROW") == {escrow}
    assert found("LINE") == {line}
    assert found("仮払い 何") == {escrow}
    assert found("見つからない言葉") == set()


def test_faq_search_without_results_shows_empty_state(client):
    FaqEntryFactory()
    body = client.get(reverse("content:faq"), {"q": "zzz"}).content.decode()
    assert 'class="empty"' in body


@pytest.mark.parametrize(
    "q", ["%", "_", "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "a\x00b"]
)
def test_faq_search_survives_odd_input(client, q):
    FaqEntryFactory()
    response = client.get(reverse("content:faq"), {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_unpublished_faq_entry_is_hidden(client):
    FaqEntryFactory(question_ja="下書きの質問", is_published=False)
    assert "下書きの質問" not in client.get(reverse("content:faq")).content.decode()


def test_faq_query_count_is_flat(client, django_assert_max_num_queries):
    for _ in range(4):
        FaqEntryFactory.create_batch(5, category=FaqCategoryFactory())
    with django_assert_max_num_queries(4):
        client.get(reverse("content:faq"))


# --- terms ---------------------------------------------------------------------------------


def test_current_terms_is_the_latest_already_in_effect(client):
    today = timezone.localdate()
    v1 = TermsVersionFactory(version="1.0", effective_on=today - timedelta(days=400))
    v2 = TermsVersionFactory(
        version="2.0", effective_on=today - timedelta(days=10), changes_ja="第5条を追加しました。"
    )
    TermsVersionFactory(version="3.0", effective_on=today + timedelta(days=14))

    assert current_terms() == v2
    response = client.get(reverse("content:terms"))
    assert response.context["current"] == v2
    assert response.context["earlier"] == [v1]
    assert response.context["upcoming"].version == "3.0"
    body = response.content.decode()
    assert "第5条を追加しました。" in body
    assert 'id="version-10"' in body


def test_a_version_becomes_current_on_its_effective_date():
    today = timezone.localdate()
    TermsVersionFactory(version="1.0", effective_on=today - timedelta(days=30))
    v2 = TermsVersionFactory(version="2.0", effective_on=today + timedelta(days=1))
    assert current_terms().version == "1.0"
    assert current_terms(today=today + timedelta(days=1)) == v2


def test_terms_without_any_version(client):
    response = client.get(reverse("content:terms"))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


# --- guidelines, safety, support ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "url_name"), [(PageKind.GUIDELINES, "guidelines"), (PageKind.SAFETY, "safety")]
)
def test_sections_have_stable_anchors(client, kind, url_name):
    page = PageFactory(kind=kind, slug=url_name)
    SectionFactory(page=page, anchor="prohibited-mlm", title_ja="MLMの勧誘", position=1)
    SectionFactory(page=page, anchor="scam-upfront-fees", title_ja="前払い", position=2)
    body = client.get(reverse(f"content:{url_name}")).content.decode()
    assert re.search(r'<section[^>]* id="prohibited-mlm"', body)
    assert re.search(r'<section[^>]* id="scam-upfront-fees"', body)
    assert 'href="#prohibited-mlm"' in body  # the table of contents
    assert body.index("MLMの勧誘") < body.index("前払い")


@pytest.mark.parametrize("url_name", ["guidelines", "safety", "support"])
def test_help_pages_before_content_exists(client, url_name):
    response = client.get(reverse(f"content:{url_name}"))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


def test_unpublished_page_is_hidden(client):
    PageFactory(kind=PageKind.GUIDELINES, slug="guidelines", title_ja="下書き", is_published=False)
    assert "下書き" not in client.get(reverse("content:guidelines")).content.decode()


def test_support_articles_list_and_detail(client):
    article = PageFactory(kind=PageKind.SUPPORT, slug="freelance-act", title_ja="フリーランス新法")
    SectionFactory(page=article, anchor="consultation")
    PageFactory(kind=PageKind.SUPPORT, slug="draft", is_published=False)
    listing = client.get(reverse("content:support"))
    assert list(listing.context["articles"]) == [article]
    detail = client.get(reverse("content:support_detail", args=["freelance-act"]))
    assert detail.status_code == 200
    assert 'id="consultation"' in detail.content.decode()
    assert client.get(reverse("content:support_detail", args=["draft"])).status_code == 404
    assert client.get(reverse("content:support_detail", args=["nope"])).status_code == 404


def test_guidelines_page_is_not_reachable_as_a_support_article(client):
    PageFactory(kind=PageKind.GUIDELINES, slug="guidelines")
    assert client.get(reverse("content:support_detail", args=["guidelines"])).status_code == 404
