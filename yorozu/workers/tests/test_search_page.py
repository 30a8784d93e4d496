"""The search page at /workers/: who may use it, what cards show, privacy, usage record, budget."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import Role, User
from yorozu.accounts.tests.factories import UserFactory
from yorozu.catalog.models import Category
from yorozu.workers.actions import do_record_filter_usage
from yorozu.workers.models import FilterUsageDaily, Scout
from yorozu.workers.tests.helpers import born_aged, make_worker

URL = "/workers/"


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["worker", "outsider"])
def test_workers_get_an_explanation_and_a_role_switch_not_results(client, cast, who):
    make_worker("見えてはいけない人")
    client.force_login(cast[who])
    response = client.get(URL, {"gender": "female", "age": "30"})
    assert response.status_code == 200
    assert "発注者" in response.text
    assert 'name="role" value="client"' in response.text
    assert "見えてはいけない人" not in response.text
    # A refused request changes nothing: no usage is recorded.
    assert not FilterUsageDaily.objects.exists()


def test_switching_role_opens_the_search(client, cast):
    worker = cast["worker"]
    client.force_login(worker)
    client.post(reverse("home:switch_role"), {"role": "client", "next": URL})
    worker.refresh_from_db()
    assert worker.active_role == Role.CLIENT
    assert "ワーカーを探す" in client.get(URL).text


@pytest.fixture
def as_client(client, cast):
    client.force_login(cast["client"])
    return client


def test_cards_show_record_rating_prefecture_and_shown_attributes(as_client):
    make_worker(
        "デザイナー・ミオ",
        headline="ロゴ制作が得意です",
        completed={"design-logo": 3, "design-banner": 1, "web-lp": 2, "writing-seo": 1},
        rating_avg="4.80",
        rating_count=5,
        completed_count=7,
        prefecture=27,
        gender="female",
        show_gender=True,
        birth_date=born_aged(34),
        show_age=True,
    )
    text = as_client.get(URL).text
    assert "デザイナー・ミオ" in text
    assert "ロゴ作成: 3件完了" in text or "ロゴ作成" in text
    assert "4.80" in text
    assert "大阪府" in text
    assert "女性" in text
    assert "30代" in text
    # Only the top three subcategories are listed on a card.
    assert text.count("件完了") >= 3
    caches["fragments"].clear()  # rendered again, not served from the page cache (core.pages)
    page = as_client.get(URL).context["profiles"]
    assert len(page[0].top_categories) == 3
    assert page[0].top_categories[0][1] == 3


def test_hidden_gender_and_age_never_show_on_cards(as_client):
    make_worker(
        "ひみつのワーカー",
        gender="female",
        show_gender=False,
        birth_date=born_aged(34),
        show_age=False,
    )
    text = as_client.get(URL, {"q": "ひみつ"}).text
    assert "ひみつのワーカー" in text
    assert "女性" not in text.split("ひみつのワーカー", 1)[1].split("</article>")[0]
    assert "30代" not in text.split("ひみつのワーカー", 1)[1].split("</article>")[0]
    assert "female" not in text.split('id="results"', 1)[1]


def test_hidden_attributes_cannot_be_inferred_from_filtered_results(as_client):
    """Filtering on every value of an attribute shows exactly the workers who show it: the
    rest stay out whatever their hidden value is, so no set difference reveals it."""
    hidden_f = make_worker("隠すA", gender="female", show_gender=False)
    hidden_m = make_worker("隠すB", gender="male", show_gender=False)
    for value in ("female", "male", "other"):
        text = as_client.get(URL, {"gender": value}).text
        assert "隠すA" not in text and "隠すB" not in text
    assert {hidden_f.pk, hidden_m.pk}.isdisjoint(
        p.user_id
        for p in as_client.get(URL, {"gender": ["female", "male", "other"]}).context["profiles"]
    )


def test_the_page_says_what_the_filters_are_for(as_client):
    text = as_client.get(URL).text
    assert "差別" in text
    assert "仕事に合ったワーカーを探す" in text


def test_filters_live_in_the_url_and_pagination_keeps_them(as_client):
    logo = Category.objects.get(slug="design-logo")
    for n in range(23):
        make_worker(f"ロゴ職人{n}", completed={"design-logo": 1}, prefecture=13)
    make_worker("対象外", completed={"web-lp": 1}, prefecture=13)
    first = as_client.get(URL, {"category": logo.pk, "prefecture": ["13", "14"], "sort": "rating"})
    assert len(first.context["profiles"]) == 20
    assert (
        f"category={logo.pk}&amp;prefecture=13&amp;prefecture=14&amp;sort=rating&amp;page=2"
        in first.text
    )
    second = as_client.get(
        URL, {"category": logo.pk, "prefecture": ["13", "14"], "sort": "rating", "page": "2"}
    )
    assert len(second.context["profiles"]) == 3
    names = {p.user.display_name for p in first.context["profiles"]} | {
        p.user.display_name for p in second.context["profiles"]
    }
    assert len(names) == 23 and "対象外" not in names
    # The form shows the chosen filters again.
    assert re.search(rf'value="{logo.pk}"[^>]*checked', first.text)


def test_empty_state(as_client):
    response = as_client.get(URL, {"q": "存在しないスキル"})
    assert "条件に合うワーカーはいません" in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 500},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"q": "%00'\""},
        {"category": "abc"},
        {"category": "999999"},
        {"gender": "no_answer"},
        {"prefecture": ["13", "99", "x"]},
        {"age": ["25", "30"]},
        {"min_rating": "7"},
        {"sort": "birth_date"},
        {"verified": "maybe"},
        {"category": [str(n) for n in range(200)]},
    ],
)
def test_bad_parameters_never_500(as_client, params):
    assert as_client.get(URL, params).status_code == 200


def test_an_invalid_filter_is_ignored_but_the_valid_ones_still_apply(as_client):
    make_worker("東京の人", prefecture=13)
    make_worker("大阪の人", prefecture=27)
    text = as_client.get(URL, {"prefecture": "13", "age": "25"}).text
    assert "東京の人" in text and "大阪の人" not in text


def test_htmx_request_returns_only_the_results(as_client):
    response = as_client.get(URL, {"q": "ワーカー"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert "<html" not in response.text


def test_scouts_off_workers_are_shown_with_a_disabled_button(as_client):
    closed = make_worker("スカウト停止中", accepts_scouts=False)
    open_ = make_worker("スカウト歓迎")
    text = as_client.get(URL).text
    card = text.split("スカウト停止中", 1)[1].split("</article>")[0]
    assert "disabled" in card
    assert "スカウトを受け付けていません" in card
    assert reverse("workers:scout", args=[closed.pk]) not in text
    assert reverse("workers:scout", args=[open_.pk]) in text


def test_gender_and_age_filter_use_is_counted_per_value_and_day(as_client):
    as_client.get(URL, {"gender": ["female", "male"], "age": "30"})
    as_client.get(URL, {"gender": "female"})
    as_client.get(URL, {"gender": "female", "page": "2"})  # paging is the same search
    as_client.get(URL, {"prefecture": "13"})  # not a gender or age filter
    today = timezone.localdate()
    got = {(u.filter, u.value): u.count for u in FilterUsageDaily.objects.filter(date=today)}
    assert got == {("gender", "female"): 1, ("gender", "male"): 1, ("age_band", "30"): 1}
    # Nothing in it says who searched.
    assert {f.name for f in FilterUsageDaily._meta.fields} == {
        "id",
        "date",
        "filter",
        "value",
        "count",
    }


def test_filter_use_counts_each_person_once_a_day(as_client, client_user):
    """Repeating a GET cannot inflate the statistics: one person, one count per value a day."""
    for _ in range(20):
        as_client.get(URL, {"gender": "female", "age": "30"})
    other = UserFactory(role=Role.CLIENT)
    as_client.force_login(other)
    as_client.get(URL, {"gender": "female"})
    today = timezone.localdate()
    got = {(u.filter, u.value): u.count for u in FilterUsageDaily.objects.filter(date=today)}
    assert got == {("gender", "female"): 2, ("age_band", "30"): 1}


def test_filter_use_starts_again_the_next_day(client_user):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for day in (timezone.localdate(), tomorrow, tomorrow):
        do_record_filter_usage(searcher_id=client_user.pk, genders=["male"], age_bands=[], day=day)
    assert sorted(FilterUsageDaily.objects.values_list("date", "count")) == [
        (timezone.localdate(), 1),
        (tomorrow, 1),
    ]


def test_search_query_count_is_bounded(as_client, django_assert_max_num_queries):
    for n in range(30):
        make_worker(
            f"ワーカー{n}",
            completed={"design-logo": 1, "web-lp": 2, "writing-seo": 1, "system-ai": 1},
            prefecture=13,
            gender="female",
            show_gender=True,
            birth_date=born_aged(30 + n % 10),
            show_age=True,
        )
    as_client.get(URL)  # warm the category cache, as any earlier request has
    # (each budget counts the page cache's version too: a first search is rendered, not stored)
    logo = Category.objects.get(slug="design")
    params = {"category": logo.pk, "gender": "female", "prefecture": "13", "age": "30"}
    with django_assert_max_num_queries(9):
        response = as_client.get(URL, params)
    assert len(response.context["profiles"]) == 20
    with django_assert_max_num_queries(9):
        as_client.get(URL, {**params, "page": "2"})
    with django_assert_max_num_queries(9):
        as_client.get(URL, {"sort": "recent"})
    # A keyword with a trigram (on PostgreSQL: the bounded keyword path) is still one statement.
    with django_assert_max_num_queries(9):
        response = as_client.get(URL, {**params, "q": "ワーカー"})
    assert len(response.context["profiles"]) == 20


def test_profile_shows_scout_button_to_clients_only(client, cast):
    worker = cast["worker"]
    url = reverse("workers:profile", args=[worker.pk])
    scout_url = reverse("workers:scout", args=[worker.pk])
    assert scout_url not in client.get(url).text
    client.force_login(cast["outsider"])
    assert scout_url not in client.get(url).text
    client.force_login(cast["client"])
    assert scout_url in client.get(url).text
    User.objects.filter(pk=worker.pk)
    from yorozu.accounts.models import WorkerProfile

    WorkerProfile.objects.filter(user=worker).update(accepts_scouts=False)
    text = client.get(url).text
    assert scout_url not in text and "スカウトを受け付けていません" in text
    assert not Scout.objects.exists()
    _ = datetime


COUNT_URL = "/workers/count/"


def test_the_button_counts_what_the_filters_would_give(as_client):
    """As filters change, the search button says how many workers they give ("2人に絞り込む"),
    by the same rules as the results: a hidden gender is never counted for a gender filter."""
    make_worker("数えるA", gender="female", show_gender=True)
    make_worker("数えるB", gender="female", show_gender=True)
    make_worker("数えないC", gender="female", show_gender=False)
    response = as_client.get(COUNT_URL, {"gender": "female"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="filter-apply-label"' in response.text
    assert "2人に絞り込む" in response.text
    results = as_client.get(URL, {"gender": "female"}).context["profiles"]
    assert len(results) == 2


def test_the_count_says_when_nothing_matches_and_when_there_are_more_than_the_cap(
    as_client, settings, monkeypatch
):
    make_worker("ひとり", headline="ロゴ職人")
    assert "該当なし" in as_client.get(COUNT_URL, {"q": "存在しない言葉"}).text
    monkeypatch.setattr("yorozu.workers.views.COUNT_CAP", 1)
    make_worker("ふたり", headline="ロゴ職人")
    assert "1人以上を表示" in as_client.get(COUNT_URL, {"q": "ロゴ職人"}).text


def test_counting_records_no_filter_use_and_is_for_clients(client, cast):
    client.force_login(cast["client"])
    client.get(COUNT_URL, {"gender": "female", "age": "30"})
    assert not FilterUsageDaily.objects.exists()
    client.force_login(cast["worker"])
    assert client.get(COUNT_URL).status_code == 403


def test_the_search_page_asks_for_the_count_as_filters_change(as_client):
    text = as_client.get(URL).text
    form = text.split('role="search"', 1)[1].split("</form>", 1)[0]
    assert f'hx-get="{COUNT_URL}"' in form
    assert 'hx-target="#filter-apply-label"' in form
