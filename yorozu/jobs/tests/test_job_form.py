"""JobForm: each posting rule, with the Japanese message a client reads."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from yorozu.catalog.models import Category
from yorozu.jobs.forms import BUDGET_LIMIT, JobForm


def valid_data(**overrides):
    data = {
        "title": "ロゴを作ってください",
        "category": Category.objects.get(slug="design-logo").pk,
        "description": "カフェのロゴを作成してください。",
        "pay_type": "fixed",
        "budget_min": "10000",
        "budget_max": "30000",
        "deadline": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "hires_wanted": "1",
    }
    data.update(overrides)
    return data


def errors_for(**overrides):
    with override("ja"):
        form = JobForm(valid_data(**overrides))
        form.is_valid()
        return {k: [str(m) for m in v] for k, v in form.errors.items()}


def test_valid_posting(db):
    form = JobForm(valid_data(title="  ロゴを   作ってください "))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "ロゴを 作ってください"
    assert form.cleaned_data["category"].slug == "design-logo"


def test_title_and_description_required(db):
    errors = errors_for(title="   ", description="")
    assert errors["title"] == ["仕事のタイトルを入力してください。"]
    assert errors["description"] == ["仕事の内容を入力してください。"]


def test_title_length(db):
    assert "title" in errors_for(title="あ" * 101)
    assert "title" not in errors_for(title="あ" * 100)


def test_main_category_refused(db):
    main = Category.objects.get(slug="design")
    assert errors_for(category=main.pk)["category"] == ["一覧にあるカテゴリを選んでください。"]
    assert "category" in errors_for(category="999999")
    assert "category" in errors_for(category="abc")


def test_category_select_is_grouped_by_main_category(db):
    html = str(JobForm()["category"])
    assert '<optgroup label="デザイン">' in html
    assert "ロゴ作成" in html
    # Main categories are group labels, never options.
    main = Category.objects.get(slug="design")
    assert f'value="{main.pk}"' not in html


def test_pay_type_choice(db):
    assert "pay_type" in errors_for(pay_type="monthly")
    assert "pay_type" not in errors_for(pay_type="hourly")


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "abc", "10,000"])
def test_budget_must_be_positive_whole_yen(db, value):
    assert "budget_min" in errors_for(budget_min=value)


def test_budget_upper_bound(db):
    errors = errors_for(budget_max=str(BUDGET_LIMIT + 1))
    assert errors["budget_max"] == ["予算は10,000,000円以内で入力してください。"]
    assert "budget_max" not in errors_for(budget_max=str(BUDGET_LIMIT))


def test_budget_min_not_above_max(db):
    errors = errors_for(budget_min="50000", budget_max="40000")
    assert errors["budget_max"] == ["上限の予算は下限以上にしてください。"]
    assert "budget_max" not in errors_for(budget_min="50000", budget_max="50000")


def test_deadline_today_or_later(db):
    today = timezone.localdate()
    assert "deadline" not in errors_for(deadline=today.isoformat())
    errors = errors_for(deadline=(today - datetime.timedelta(days=1)).isoformat())
    assert errors["deadline"] == ["応募期限は今日以降の日付にしてください。"]


def test_deadline_at_most_a_year_ahead(db):
    today = timezone.localdate()
    assert "deadline" not in errors_for(deadline=(today + datetime.timedelta(days=365)).isoformat())
    errors = errors_for(deadline=(today + datetime.timedelta(days=366)).isoformat())
    assert errors["deadline"] == ["応募期限は今日から1年以内にしてください。"]
    assert "deadline" in errors_for(deadline="2030-02-30")


@pytest.mark.parametrize(
    ("value", "ok"), [("0", False), ("1", True), ("100", True), ("101", False)]
)
def test_hires_between_1_and_100(db, value, ok):
    assert ("hires_wanted" not in errors_for(hires_wanted=value)) is ok
