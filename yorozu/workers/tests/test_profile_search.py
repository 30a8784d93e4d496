"""The worker list at /workers/: signed-in users, keyword search, pagination."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import WorkerProfile
from yorozu.accounts.tests.factories import UserFactory
from yorozu.workers.selectors import search_workers

URL = "/workers/"


def test_worker_list_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_keyword_matches_name_headline_bio_and_skills(cast):
    a = UserFactory(display_name="翻訳のアヤ")
    b = UserFactory()
    c = UserFactory()
    d = UserFactory()
    WorkerProfile.objects.filter(user=b).update(headline="英日翻訳を承ります")
    WorkerProfile.objects.filter(user=c).update(skills="Python, 翻訳")
    WorkerProfile.objects.filter(user=d).update(bio="医療翻訳の経験があります")
    found = {p.user_id for p in search_workers(keyword="翻訳")}
    assert found == {a.pk, b.pk, c.pk, d.pk}
    assert {p.user_id for p in search_workers(keyword="翻訳 python")} == {c.pk}
    assert {p.user_id for p in search_workers(keyword="PYTHON")} == {c.pk}


def test_inactive_workers_are_not_listed(cast):
    gone = UserFactory(display_name="退会済みの人")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert gone.pk not in {p.user_id for p in search_workers()}


def test_search_page_lists_cards_linking_to_profiles(client, cast):
    WorkerProfile.objects.filter(user=cast["worker"]).update(
        headline="ロゴとバナーのデザイン", skills="Illustrator, Photoshop"
    )
    client.force_login(cast["client"])
    response = client.get(URL, {"q": "ロゴ"})
    assert response.status_code == 200
    assert reverse("workers:profile", args=[cast["worker"].pk]) in response.text
    assert "ロゴとバナーのデザイン" in response.text
    assert "部外者チカ" not in response.text


def test_search_empty_state(client, cast):
    client.force_login(cast["client"])
    response = client.get(URL, {"q": "存在しないスキル"})
    assert "このキーワードに一致するワーカーはいません" in response.text


@pytest.mark.parametrize(
    "params", [{"q": "x" * 500}, {"page": "abc"}, {"page": "99999"}, {"q": "%00'\""}]
)
def test_odd_input_never_500s(client, cast, params):
    client.force_login(cast["client"])
    assert client.get(URL, params).status_code == 200


def test_pagination_keeps_the_keyword(client, cast):
    for n in range(25):
        u = UserFactory(display_name=f"デザイナー{n}")
        WorkerProfile.objects.filter(user=u).update(skills="デザイン")
    client.force_login(cast["client"])
    first = client.get(URL, {"q": "デザイン"})
    assert len(first.context["page"].object_list) == 20
    assert "q=%E3%83%87%E3%82%B6%E3%82%A4%E3%83%B3&amp;page=2" in first.text
    second = client.get(URL, {"q": "デザイン", "page": "2"})
    assert len(second.context["page"].object_list) == 5


def test_htmx_request_returns_only_the_results(client, cast):
    client.force_login(cast["client"])
    response = client.get(URL, {"q": "ワーカー"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="results">')
    assert "<html" not in response.text


def test_search_query_count_is_bounded(client, cast, django_assert_max_num_queries):
    for n in range(30):
        UserFactory(display_name=f"ワーカー{n}")
    client.force_login(cast["client"])
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 20
