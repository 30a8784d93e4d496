"""Job search: each filter alone and combined, sort orders, pagination, bad input, queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from yorozu.jobs.forms import JobSearchForm
from yorozu.jobs.models import JobStatus, PayType
from yorozu.jobs.selectors import search_jobs
from yorozu.jobs.tests.factories import JobFactory, subcategory

URL = reverse("jobs:search")


def titles(params):
    form = JobSearchForm(params)
    return [job.title for job in search_jobs(form.search_params())]


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def jobs(db):
    now = timezone.now()
    return {
        "logo": JobFactory(
            title="カフェのロゴ作成",
            description="温かい雰囲気のロゴを",
            category=subcategory("design-logo"),
            budget_min=20000,
            budget_max=50000,
            deadline=days(3),
            created_at=now - datetime.timedelta(hours=3),
        ),
        "banner": JobFactory(
            title="バナー制作",
            description="セール用のバナー。ロゴは支給します",
            category=subcategory("design-banner"),
            budget_min=3000,
            budget_max=8000,
            deadline=days(10),
            created_at=now - datetime.timedelta(hours=2),
        ),
        "site": JobFactory(
            title="コーポレートサイト制作",
            description="会社のサイトを作ってください",
            category=subcategory("web-homepage"),
            budget_min=200000,
            budget_max=500000,
            deadline=days(20),
            created_at=now - datetime.timedelta(hours=1),
        ),
        "hourly": JobFactory(
            title="データ入力スタッフ",
            description="商品データの入力",
            category=subcategory("tasks-data-entry"),
            pay_type=PayType.HOURLY,
            budget_min=1000,
            budget_max=1500,
            deadline=days(1),
            created_at=now,
        ),
        "closed": JobFactory(
            title="終了したロゴの仕事",
            category=subcategory("design-logo"),
            status=JobStatus.CLOSED,
            created_at=now - datetime.timedelta(days=1),
        ),
        "expired": JobFactory(
            title="期限切れのロゴの仕事",
            category=subcategory("design-logo"),
            deadline=days(-1),
            created_at=now - datetime.timedelta(days=2),
        ),
    }


def test_default_lists_jobs_accepting_proposals_newest_first(jobs):
    assert titles({}) == [
        "データ入力スタッフ",
        "コーポレートサイト制作",
        "バナー制作",
        "カフェのロゴ作成",
    ]


def test_keyword_matches_title_or_description_in_japanese(jobs):
    assert titles({"q": "ロゴ"}) == ["バナー制作", "カフェのロゴ作成"]
    assert titles({"q": "サイト"}) == ["コーポレートサイト制作"]


def test_keyword_terms_are_anded_and_fullwidth_space_splits(jobs):
    assert titles({"q": "ロゴ　セール"}) == ["バナー制作"]
    assert titles({"q": "ロゴ 存在しない"}) == []


def test_main_category(jobs):
    assert titles({"category": "design"}) == ["バナー制作", "カフェのロゴ作成"]


def test_subcategory(jobs):
    assert titles({"category": "design-logo"}) == ["カフェのロゴ作成"]


def test_budget_range_overlap(jobs):
    # Jobs whose range reaches at least 10,000 yen.
    assert titles({"budget_min": "10000"}) == ["コーポレートサイト制作", "カフェのロゴ作成"]
    # Jobs whose range starts at or below 5,000 yen.
    assert titles({"budget_max": "5000"}) == ["データ入力スタッフ", "バナー制作"]
    # Overlap with 5,000–30,000: the banner (3,000–8,000) and the logo (20,000–50,000).
    assert titles({"budget_min": "5000", "budget_max": "30000"}) == [
        "バナー制作",
        "カフェのロゴ作成",
    ]


def test_pay_type(jobs):
    assert titles({"pay_type": "hourly"}) == ["データ入力スタッフ"]
    assert "データ入力スタッフ" not in titles({"pay_type": "fixed"})


def test_include_closed(jobs):
    found = titles({"include_closed": "on", "category": "design-logo"})
    assert found == ["カフェのロゴ作成", "終了したロゴの仕事", "期限切れのロゴの仕事"]


def test_filters_combined(jobs):
    assert titles({"q": "ロゴ", "category": "design", "budget_min": "10000"}) == [
        "カフェのロゴ作成"
    ]
    assert titles({"q": "ロゴ", "category": "design", "pay_type": "hourly"}) == []


def test_sort_by_budget_and_deadline(jobs):
    assert titles({"sort": "budget"}) == [
        "コーポレートサイト制作",
        "カフェのロゴ作成",
        "バナー制作",
        "データ入力スタッフ",
    ]
    assert titles({"sort": "deadline"}) == [
        "データ入力スタッフ",
        "カフェのロゴ作成",
        "バナー制作",
        "コーポレートサイト制作",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"category": "no-such-category"},
        {"budget_min": "many"},
        {"budget_min": "-1"},
        {"budget_max": "99999999999999999999999"},
        {"budget_min": "50000", "budget_max": "10"},
        {"pay_type": "monthly"},
        {"sort": "'; drop table jobs_job; --"},
        {"q": "x" * 5000},
        {"q": "%_\\"},
        {"include_closed": "maybe"},
    ],
)
def test_bad_parameters_never_500(client, jobs, params):
    response = client.get(URL, params)
    assert response.status_code == 200


def test_bad_parameter_is_shown_and_ignored(client, jobs):
    response = client.get(URL, {"category": "nope", "q": "ロゴ"})
    assert "一覧にあるカテゴリを選んでください。" in response.text
    assert "カフェのロゴ作成" in response.text  # the valid keyword still applies
    assert "コーポレートサイト制作" not in response.text


def test_empty_state(client, jobs):
    response = client.get(URL, {"q": "該当なしのキーワード"})
    assert "条件に合う仕事が見つかりませんでした" in response.text


def test_search_is_public_and_renders_cards(client, jobs):
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("jobs:detail", args=[jobs["site"].pk]) in response.text
    assert jobs["site"].client.display_name in response.text


def test_category_select_is_grouped(client, jobs):
    response = client.get(URL)
    assert '<optgroup label="デザイン">' in response.text
    assert '<option value="design">' in response.text
    assert '<option value="design-logo">' in response.text


def test_pagination_keeps_the_filters(client, db):
    JobFactory.create_batch(45, title="翻訳の仕事", category=subcategory("translation-en"))
    response = client.get(URL, {"q": "翻訳", "category": "translation", "sort": "budget"})
    assert response.text.count('class="card job-card"') == 20
    assert "?q=%E7%BF%BB%E8%A8%B3&amp;category=translation&amp;sort=budget&amp;page=2" in (
        response.text
    )
    page3 = client.get(URL, {"q": "翻訳", "category": "translation", "sort": "budget", "page": 3})
    assert page3.text.count('class="card job-card"') == 5
    assert "page=2" in page3.text


def test_htmx_request_gets_only_the_results(client, jobs):
    response = client.get(
        URL, {"q": "ロゴ"}, headers={"HX-Request": "true", "HX-Target": "job-results"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="job-results"' in response.text
    assert "カフェのロゴ作成" in response.text


def test_the_search_button_says_how_many_jobs_the_filters_give(client, db):
    """The button reads "n件に絞り込む"; as a filter changes (htmx swaps the results) the new
    count comes beside them, swapped into the button out of band."""
    JobFactory.create_batch(3, title="翻訳の仕事", category=subcategory("translation-en"))
    JobFactory(title="ロゴの仕事", category=subcategory("design-logo"))
    button = client.get(URL).text.split('role="search"', 1)[1].split("</form>", 1)[0]
    assert "4件に絞り込む" in button
    response = client.get(
        URL, {"q": "翻訳"}, headers={"HX-Request": "true", "HX-Target": "job-results"}
    )
    assert '<span id="filter-apply-label" hx-swap-oob="true">3件に絞り込む</span>' in (
        response.text
    )
    none = client.get(
        URL, {"q": "存在しない"}, headers={"HX-Request": "true", "HX-Target": "job-results"}
    )
    assert "該当なし（0件）" in none.text


def test_the_full_page_carries_no_out_of_band_label(client, jobs):
    """Only an htmx response swaps the label: a full page has it once, in the button."""
    assert client.get(URL).text.count('id="filter-apply-label"') == 1


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_full_page_takes_at_most_10_queries(
    client, db, worker_user, signed_in, django_assert_max_num_queries
):
    clients = [JobFactory().client for _ in range(5)]
    for i in range(25):
        JobFactory(client=clients[i % 5], category=subcategory("web-lp"))
    if signed_in:
        client.force_login(worker_user)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"category": "web", "sort": "budget", "q": "制作"})
    assert response.text.count('class="card job-card"') == 20


def test_query_count_does_not_grow_with_results(db):
    """The results page costs the same number of queries for 3 cards as for 20."""
    JobFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        Client().get(URL)
    JobFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        Client().get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)
