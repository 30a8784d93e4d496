"""search_workers: each filter alone and combined, sorts, and the privacy rules it enforces."""

import datetime

import pytest

from yorozu.accounts.models import AgeBand, age_band_for, age_on
from yorozu.catalog.models import Category
from yorozu.workers.actions import do_refresh_worker_search_rows
from yorozu.workers.selectors import (
    WorkerSearchParams,
    birth_date_range,
    search_workers,
    searchable_workers,
    years_before,
)
from yorozu.workers.tests.helpers import born_aged, make_worker

pytestmark = pytest.mark.django_db


def ids(**kwargs) -> set[int]:
    return {p.user_id for p in search_workers(WorkerSearchParams(**kwargs))}


def cat(slug: str) -> int:
    return Category.objects.get(slug=slug).pk


def test_category_filter_main_sub_and_several():
    logo = make_worker(completed={"design-logo": 2})
    banner = make_worker(completed={"design-banner": 1})
    web = make_worker(completed={"web-homepage": 3})
    make_worker()  # nothing completed
    assert ids(category_ids=(cat("design-logo"),)) == {logo.pk}
    assert ids(category_ids=(cat("design"),)) == {logo.pk, banner.pk}
    assert ids(category_ids=(cat("design-logo"), cat("web-homepage"))) == {logo.pk, web.pk}
    assert ids(category_ids=(cat("system"),)) == set()


def test_a_zero_count_row_does_not_match():
    worker = make_worker(completed={"design-logo": 0})
    assert worker.pk not in ids(category_ids=(cat("design-logo"),))


def test_gender_filter_only_matches_workers_who_show_it():
    shown = make_worker(gender="female", show_gender=True)
    hidden = make_worker(gender="female", show_gender=False)
    male = make_worker(gender="male", show_gender=True)
    found = ids(genders=("female",))
    assert shown.pk in found
    assert hidden.pk not in found
    assert male.pk not in found
    assert ids(genders=("female", "male")) >= {shown.pk, male.pk}
    assert hidden.pk not in ids(genders=("female", "male", "other"))


def test_prefer_not_to_say_is_never_a_filter_value():
    quiet = make_worker(gender="no_answer", show_gender=True)
    everyone = ids()
    assert quiet.pk in everyone
    # An unknown value is ignored (the search is not narrowed to "no answer" people).
    assert ids(genders=("no_answer",)) == everyone


def test_prefecture_filter_several():
    osaka = make_worker(prefecture=27)
    kyoto = make_worker(prefecture=26)
    tokyo = make_worker(prefecture=13)
    nowhere = make_worker(prefecture=None)
    found = ids(prefectures=(27, 26))
    assert {osaka.pk, kyoto.pk} <= found
    assert tokyo.pk not in found
    assert nowhere.pk not in found


@pytest.mark.parametrize(
    ("age", "band"),
    [(16, 10), (19, 10), (20, 20), (29, 20), (34, 30), (47, 40), (59, 50), (60, 60), (83, 60)],
)
def test_age_band_filter_matches_exactly_its_band(age, band):
    worker = make_worker(birth_date=born_aged(age), show_age=True)
    assert worker.pk in ids(age_bands=(band,))
    others = tuple(b for b in AgeBand.values if b != band)
    assert worker.pk not in ids(age_bands=others)


def test_age_band_boundaries_on_the_birthday():
    today = datetime.date(2026, 6, 15)
    turns_30_today = make_worker(birth_date=datetime.date(1996, 6, 15), show_age=True)
    turns_30_tomorrow = make_worker(birth_date=datetime.date(1996, 6, 16), show_age=True)
    thirties = ids(age_bands=(30,), today=today)
    twenties = ids(age_bands=(20,), today=today)
    assert turns_30_today.pk in thirties and turns_30_today.pk not in twenties
    assert turns_30_tomorrow.pk in twenties and turns_30_tomorrow.pk not in thirties


@pytest.mark.parametrize(
    "today", [datetime.date(2028, 2, 29), datetime.date(2027, 2, 28), datetime.date(2026, 3, 1)]
)
def test_birth_date_ranges_agree_with_the_profile_age_band(today):
    """The SQL ranges give every birth date the band `WorkerProfile.age_band` shows, leap days
    included."""
    assert years_before(datetime.date(2028, 2, 29), 30) == datetime.date(1998, 2, 28)
    ranges = {}
    for band in AgeBand.values:
        bounds = dict(birth_date_range(band, today).children)
        ranges[band] = (bounds.get("birth_date__gt"), bounds.get("birth_date__lte"))
    day = today - datetime.timedelta(days=75 * 366)
    while day <= today:
        expected = age_band_for(age_on(day, today))
        inside = [
            band
            for band, (after, upto) in ranges.items()
            if (after is None or day > after) and (upto is None or day <= upto)
        ]
        assert inside == [expected], day
        day += datetime.timedelta(days=1)


def test_age_filter_only_matches_workers_who_show_it():
    shown = make_worker(birth_date=born_aged(34), show_age=True)
    hidden = make_worker(birth_date=born_aged(34), show_age=False)
    unknown = make_worker(birth_date=None, show_age=True)
    found = ids(age_bands=tuple(AgeBand.values))
    assert shown.pk in found
    assert hidden.pk not in found
    assert unknown.pk not in found


def test_keyword_is_japanese_aware_and_every_term_must_match():
    a = make_worker("翻訳のアヤ")
    b = make_worker(headline="英日翻訳を承ります")
    c = make_worker(skills="Python, 翻訳")
    d = make_worker(bio="医療翻訳の経験があります")
    assert ids(keyword="翻訳") >= {a.pk, b.pk, c.pk, d.pk}
    assert ids(keyword="翻訳　python") == {c.pk}  # full-width space
    assert ids(keyword="翻訳 PYTHON") == {c.pk}
    assert ids(keyword="存在しない語") == set()


def test_min_rating_verified_and_scouts_filters():
    good = make_worker(rating_avg="4.60", rating_count=5)
    fair = make_worker(rating_avg="3.20", rating_count=5)
    unrated = make_worker()
    assert good.pk in ids(min_rating=4.5)
    assert fair.pk not in ids(min_rating=4.5)
    assert unrated.pk not in ids(min_rating=3.0)
    verified = make_worker()
    verified.identity_status = "verified"
    verified.save(update_fields=["identity_status"])  # set directly, not by the decision action
    do_refresh_worker_search_rows([verified.pk])
    assert ids(verified_only=True) == {verified.pk}
    closed = make_worker(accepts_scouts=False)
    assert closed.pk in ids()
    assert closed.pk not in ids(scouts_only=True)


def test_four_filters_combined():
    match = make_worker(
        completed={"design-logo": 1},
        gender="female",
        show_gender=True,
        prefecture=14,
        birth_date=born_aged(32),
        show_age=True,
    )
    # Each of these misses exactly one of the four.
    make_worker(
        gender="female", show_gender=True, prefecture=14, birth_date=born_aged(32), show_age=True
    )
    make_worker(
        completed={"design-logo": 1},
        gender="male",
        show_gender=True,
        prefecture=14,
        birth_date=born_aged(32),
        show_age=True,
    )
    make_worker(
        completed={"design-logo": 1},
        gender="female",
        show_gender=True,
        prefecture=13,
        birth_date=born_aged(32),
        show_age=True,
    )
    make_worker(
        completed={"design-logo": 1},
        gender="female",
        show_gender=True,
        prefecture=14,
        birth_date=born_aged(45),
        show_age=True,
    )
    make_worker(
        completed={"design-logo": 1},
        gender="female",
        show_gender=False,
        prefecture=14,
        birth_date=born_aged(32),
        show_age=True,
    )
    make_worker(
        completed={"design-logo": 1},
        gender="female",
        show_gender=True,
        prefecture=14,
        birth_date=born_aged(32),
        show_age=False,
    )
    found = ids(
        category_ids=(cat("design"),), genders=("female",), prefectures=(14, 11), age_bands=(30,)
    )
    assert found == {match.pk}


def test_inactive_accounts_never_appear_anywhere():
    gone = make_worker("退会済み", gender="female", show_gender=True, completed={"web-lp": 5})
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert not searchable_workers().filter(user=gone).exists()
    for params in [
        {},
        {"keyword": "退会済み"},
        {"genders": ("female",)},
        {"category_ids": (cat("web"),)},
    ]:
        assert gone.pk not in ids(**params)


def test_the_searcher_is_left_out():
    me = make_worker("自分")
    assert me.pk not in ids(exclude_user_id=me.pk)
    assert me.pk in ids()


def order(**kwargs) -> list[int]:
    return [p.user_id for p in search_workers(WorkerSearchParams(**kwargs))]


def test_relevance_counts_completions_in_the_selected_categories_then_rating():
    few = make_worker(completed={"design-logo": 1, "web-lp": 9}, rating_avg="5.00", rating_count=1)
    many = make_worker(completed={"design-logo": 4}, rating_avg="3.00", rating_count=1)
    tie_better = make_worker(completed={"design-logo": 1}, rating_avg="5.00", rating_count=2)
    tie_worse = make_worker(completed={"design-logo": 1}, rating_avg="4.00", rating_count=2)
    got = order(category_ids=(cat("design-logo"),))
    assert got[0] == many.pk
    assert got.index(few.pk) < got.index(tie_worse.pk)
    assert got.index(tie_better.pk) < got.index(tie_worse.pk)


def test_main_and_its_sub_selected_together_count_once():
    a = make_worker(completed={"design-logo": 3})
    b = make_worker(completed={"design-banner": 4})
    # Selecting "design" and "design-logo" must not double a's logo work (3+3 > 4).
    assert order(category_ids=(cat("design"), cat("design-logo")))[:2] == [b.pk, a.pk]


def test_other_sorts():
    low = make_worker(rating_avg="3.00", rating_count=1, completed_count=9)
    high = make_worker(rating_avg="4.90", rating_count=3, completed_count=1)
    unrated = make_worker(completed_count=0)
    by_rating = order(sort="rating")
    assert by_rating.index(high.pk) < by_rating.index(low.pk) < by_rating.index(unrated.pk)
    by_done = order(sort="completed")
    assert by_done.index(low.pk) < by_done.index(high.pk)
    import django.utils.timezone as tz

    for user, days in [(low, 30), (high, 1)]:
        user.last_active_at = tz.now() - datetime.timedelta(days=days)
        user.save(update_fields=["last_active_at"])
    do_refresh_worker_search_rows([low.pk, high.pk])
    by_recent = order(sort="recent")
    assert by_recent.index(high.pk) < by_recent.index(low.pk) < by_recent.index(unrated.pk)


def test_unknown_sort_falls_back_to_relevance():
    make_worker(completed_count=3)
    assert order(sort="gender") == order()
