"""The shipped help answers what users ask: the FAQ finds reporting, passwords, restrictions and
the money questions, and the freelancer-support pages include public support."""

import pytest
from django.urls import reverse

from yorozu.content.actions import do_load_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped():
    do_load_content()


@pytest.mark.parametrize(
    ("query", "expected_slug"),
    [
        ("通報", "how-to-report"),
        ("違反報告", "how-to-report"),
        ("この仕事を通報する", "how-to-report"),
        ("パスワード", "forgot-password"),
        ("パスワード 変更", "change-password"),
        ("利用制限", "restricted"),
        ("異議申し立て", "appeal-restriction"),
        ("認定クライアント", "certified-client"),
        ("認定ワーカー", "worker-tiers"),
        ("プロ認定ワーカー", "worker-tiers"),
        ("手数料", "fees"),
        ("源泉徴収", "withholding-tax"),
        ("出金", "withdrawals"),
        ("紛争", "trouble-with-contract"),
        ("report", "how-to-report"),
        ("password", "forgot-password"),
    ],
)
def test_the_faq_search_finds_the_answer(client, shipped, query, expected_slug):
    response = client.get(reverse("content:faq"), {"q": query})
    found = [e.slug for c in response.context["categories"] for e in c.matching]
    assert expected_slug in found, (query, found)
    assert f'id="{expected_slug}"' in response.text


def test_the_public_support_page_is_listed_and_tells_where_to_ask(client, shipped):
    listing = client.get(reverse("content:support")).text
    assert reverse("content:support_detail", args=["public-support"]) in listing
    page = client.get(reverse("content:support_detail", args=["public-support"])).text
    expected = ("持続化給付金", "家賃支援給付金", "フリーランス・トラブル110番", "よろず支援拠点")
    for words in expected:
        assert words in page
