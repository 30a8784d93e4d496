"""The public worker profile: what is shown, what a worker's privacy switches hide."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import WorkerProfile
from yorozu.accounts.tests.factories import UserFactory, make_review
from yorozu.catalog.models import Category
from yorozu.reviews.models import Direction
from yorozu.workers.models import WorkerCategoryStat


def url(user):
    return reverse("workers:profile", args=[user.pk])


def set_profile(user, **fields):
    WorkerProfile.objects.filter(user=user).update(**fields)


def born_years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=30)


def test_profile_shows_headline_bio_skills_prefecture_and_record(client, worker_user):
    set_profile(
        worker_user,
        headline="WordPressサイトを丁寧に",
        bio="制作経験10年です。",
        skills="WordPress, PHP, 翻訳",
        prefecture=27,
        rating_avg="4.75",
        rating_count=4,
        completed_count=7,
    )
    response = client.get(url(worker_user))
    assert response.status_code == 200
    text = response.text
    assert "ワーカー・ベン" in text
    assert "WordPressサイトを丁寧に" in text
    assert "制作経験10年です。" in text
    assert '<span class="tag">翻訳</span>' in text
    assert "大阪府" in text
    assert "4.75" in text
    assert "7件" in text


@pytest.mark.parametrize(
    ("show_gender", "show_age", "gender_shown", "age_shown"),
    [
        (False, False, False, False),
        (True, False, True, False),
        (False, True, False, True),
        (True, True, True, True),
    ],
)
def test_gender_and_age_only_when_the_worker_shows_them(
    client, worker_user, show_gender, show_age, gender_shown, age_shown
):
    set_profile(
        worker_user,
        gender="female",
        birth_date=born_years_ago(34),
        show_gender=show_gender,
        show_age=show_age,
    )
    text = client.get(url(worker_user)).text
    assert ("女性" in text) is gender_shown
    assert ("30代" in text) is age_shown
    assert "female" not in text
    assert str(born_years_ago(34).year) not in text  # never the birth date itself


def test_no_answer_gender_is_never_shown_even_when_switched_on(client, worker_user):
    set_profile(worker_user, gender="no_answer", show_gender=True)
    assert "回答しない" not in client.get(url(worker_user)).text


def test_english_page_also_respects_privacy(client, worker_user):
    set_profile(worker_user, gender="male", birth_date=born_years_ago(41), show_age=True)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = client.get(url(worker_user)).text
    assert "40s" in text
    assert "Male" not in text


def test_completed_counts_per_category(client, worker_user):
    web = Category.objects.get(slug="web")
    homepage = Category.objects.get(slug="web-homepage")
    logo = Category.objects.get(slug="design-logo")
    WorkerCategoryStat.objects.create(worker=worker_user, category=web, completed_count=5)
    WorkerCategoryStat.objects.create(worker=worker_user, category=homepage, completed_count=5)
    WorkerCategoryStat.objects.create(worker=worker_user, category=logo, completed_count=0)
    system = Category.objects.get(slug="system")
    WorkerCategoryStat.objects.create(worker=worker_user, category=system, completed_count=1)
    for slug, count in [("system-ai", 1), ("web-lp", 2)]:
        WorkerCategoryStat.objects.create(
            worker=worker_user, category=Category.objects.get(slug=slug), completed_count=count
        )
    response = client.get(url(worker_user))
    record = response.context["category_record"]
    # Each main category, then its subcategories most completed first; zero counts hidden.
    assert [s.category.slug for s in record] == [
        "system",
        "system-ai",
        "web",
        "web-homepage",
        "web-lp",
    ]
    assert "ホームページ作成" in response.text
    assert "ロゴ作成" not in response.text


def test_reviews_from_clients_only(client, worker_user, client_user, outsider):
    make_review(client_user, worker_user, Direction.CLIENT_TO_WORKER, comment="納品が早かった")
    make_review(worker_user, outsider, Direction.WORKER_TO_CLIENT, comment="ワーカーが書いた評価")
    text = client.get(url(worker_user)).text
    assert "納品が早かった" in text
    assert "ワーカーが書いた評価" not in text


def test_empty_states(client, worker_user):
    text = client.get(url(worker_user)).text
    assert "まだ評価はありません" in text
    assert "完了した契約はまだありません" in text


def test_unknown_or_inactive_worker_is_404(client, worker_user):
    assert client.get(reverse("workers:profile", args=[999999])).status_code == 404
    worker_user.is_active = False
    worker_user.save(update_fields=["is_active"])
    assert client.get(url(worker_user)).status_code == 404


def test_profile_is_read_only(client, worker_user, outsider):
    client.force_login(outsider)
    assert client.post(url(worker_user), {"headline": "乗っ取り"}).status_code == 405
    assert WorkerProfile.objects.get(user=worker_user).headline == ""


@pytest.mark.parametrize("signed_in", [False, True])
def test_profile_query_count_is_bounded(
    client, worker_user, client_user, django_assert_max_num_queries, signed_in
):
    for slug in ("web", "web-homepage", "design", "design-logo"):
        WorkerCategoryStat.objects.create(
            worker=worker_user, category=Category.objects.get(slug=slug), completed_count=2
        )
    for _ in range(6):
        make_review(UserFactory(), worker_user, Direction.CLIENT_TO_WORKER, comment="良い")
    if signed_in:
        client.force_login(client_user)
    # Signed in, the report link reads what the viewer has already reported, the block link
    # whether they blocked the worker, the favourite button whether they keep them (one each).
    # The portfolio is one more (its files another, only when there are works).
    with django_assert_max_num_queries(8 + 3 * signed_in):
        assert client.get(url(worker_user)).status_code == 200
