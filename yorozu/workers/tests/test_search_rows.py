"""WorkerSearchRow: each action that changes what search reads keeps the row current, hidden
attributes are stored as NULL, a stale row never leaks, and a rebuild equals the increments."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from yorozu.accounts.actions import (
    do_change_display_name,
    do_decide_identity_document,
    do_submit_identity_document,
    do_touch_last_active,
    do_update_worker_profile,
)
from yorozu.accounts.models import Role, WorkerProfile
from yorozu.accounts.tests.factories import UserFactory
from yorozu.catalog.models import Category
from yorozu.contracts.models import ContractStatus
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.reviews.actions import do_leave_review
from yorozu.workers.actions import do_refresh_worker_search_rows, rebuild_worker_search_rows
from yorozu.workers.models import NEVER_ACTIVE, UNRATED, WorkerSearchRow
from yorozu.workers.selectors import WorkerSearchParams, first_page, search_workers
from yorozu.workers.tests.helpers import born_aged, make_worker

pytestmark = pytest.mark.django_db

COLUMNS = [f.attname for f in WorkerSearchRow._meta.concrete_fields]


def row(user) -> WorkerSearchRow:
    return WorkerSearchRow.objects.get(worker=user)


def snapshot() -> dict[int, tuple]:
    return {r[0]: r for r in WorkerSearchRow.objects.order_by("worker_id").values_list(*COLUMNS)}


def ids(**kwargs) -> set[int]:
    return {p.user_id for p in search_workers(WorkerSearchParams(**kwargs))}


def test_a_new_account_gets_a_searchable_row():
    user = UserFactory(display_name="新しい人", role=Role.WORKER)
    got = row(user)
    assert got.is_searchable
    assert (got.gender, got.birth_date, got.prefecture) == (None, None, None)
    assert (got.rating_key, got.completed_count, got.last_active_at) == (UNRATED, 0, NEVER_ACTIVE)
    assert "新しい人" in got.haystack
    assert user.pk in ids()


def test_profile_update_refreshes_the_row_and_hidden_attributes_are_null(worker_user):
    do_update_worker_profile(
        worker_user,
        actor=worker_user,
        gender="female",
        show_gender=True,
        birth_date=born_aged(34),
        show_age=True,
        prefecture=27,
        accepts_scouts=False,
        headline="ロゴ制作が得意です",
        skills="Illustrator, 翻訳",
    )
    got = row(worker_user)
    assert (got.gender, got.birth_date, got.prefecture) == ("female", born_aged(34), 27)
    assert not got.accepts_scouts
    assert "ロゴ制作" in got.haystack and "翻訳" in got.haystack
    assert worker_user.pk in ids(genders=("female",), age_bands=(30,), prefectures=(27,))

    do_update_worker_profile(worker_user, actor=worker_user, show_gender=False, show_age=False)
    got = row(worker_user)
    assert (got.gender, got.birth_date) == (None, None)  # hidden: not stored at all
    assert worker_user.pk not in ids(genders=("female", "male", "other"))
    assert worker_user.pk not in ids(age_bands=(10, 20, 30, 40, 50, 60))


def test_prefer_not_to_say_is_stored_as_null_even_when_shown(worker_user):
    do_update_worker_profile(worker_user, actor=worker_user, gender="no_answer", show_gender=True)
    assert row(worker_user).gender is None


def test_display_name_change_reaches_the_keyword(worker_user):
    do_change_display_name(worker_user, "翻訳のアヤ", actor=worker_user)
    assert "翻訳のアヤ" in row(worker_user).haystack
    assert worker_user.pk in ids(keyword="アヤ")


def test_contract_completion_and_review_refresh_the_row(client_user, worker_user):
    logo = Category.objects.get(slug="design-logo")
    contract = ContractFactory(
        client=client_user, worker=worker_user, category=logo, status=ContractStatus.COMPLETED
    )
    assert row(worker_user).completed_count == 1
    assert worker_user.pk in ids(category_ids=(logo.pk,), sort="rating")
    data = {"overall": 4, "quality": 4, "communication": 5, "timeliness": 4}
    do_leave_review(contract=contract, reviewer=client_user, data=data, actor=client_user)
    got = row(worker_user)
    assert (got.rating_key, got.rating_count) == (400, 1)
    assert worker_user.pk in ids(min_rating=4.0)
    assert worker_user.pk not in ids(min_rating=4.5)


def test_activity_refreshes_the_recent_sort_key(worker_user):
    do_touch_last_active(worker_user)
    assert row(worker_user).last_active_at == worker_user.last_active_at


def test_identity_decision_refreshes_the_verified_flag(worker_user, staff_user):
    document = do_submit_identity_document(
        worker_user, ContentFile(b"%PDF-1.4", name="id.pdf"), actor=worker_user
    )
    assert not row(worker_user).identity_verified
    do_decide_identity_document(document, True, actor=staff_user)
    assert row(worker_user).identity_verified
    assert worker_user.pk in ids(verified_only=True)


def test_staff_edits_in_the_admin_refresh_the_row(client, superuser, worker_user):
    client.force_login(superuser)
    profile = WorkerProfile.objects.get(user=worker_user)
    url = f"/admin/accounts/workerprofile/{profile.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(user=worker_user.pk, gender="male", show_gender="on", prefecture=13)
    data.pop("show_age", None)
    data.pop("accepts_scouts", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (row(worker_user).gender, row(worker_user).prefecture) == ("male", 13)


def test_is_searchable_follows_searchable_workers():
    gone = make_worker("退会予定")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    do_refresh_worker_search_rows([gone.pk])
    assert not row(gone).is_searchable
    assert gone.pk not in ids()


def test_a_stale_row_never_shows_an_excluded_worker_or_a_hidden_attribute():
    """Privacy does not rest on the row being current: the page re-checks the live profile."""
    stale = make_worker(gender="female", show_gender=True, birth_date=born_aged(33), show_age=True)
    WorkerProfile.objects.filter(user=stale).update(show_gender=False, show_age=False)
    assert row(stale).gender == "female"  # not refreshed on purpose
    assert stale.pk not in ids(genders=("female",))
    assert stale.pk not in ids(age_bands=(30,))
    stale.is_active = False
    stale.save(update_fields=["is_active"])
    assert stale.pk not in ids()
    page, _ = first_page(search_workers(WorkerSearchParams()), 1)
    assert stale.pk not in {p.user_id for p in page}


def test_rebuild_equals_incremental(client_user, staff_user):
    logo = Category.objects.get(slug="design-logo")
    a = make_worker("あ", completed={"design-logo": 2}, rating_avg="4.35", rating_count=3)
    do_update_worker_profile(
        a, actor=a, gender="other", show_gender=True, birth_date=born_aged(61), show_age=False
    )
    b = UserFactory(role=Role.WORKER)
    ContractFactory(client=client_user, worker=b, category=logo, status=ContractStatus.COMPLETED)
    do_touch_last_active(b)
    c = make_worker("しー", prefecture=1, accepts_scouts=False)
    c.is_active = False
    c.save(update_fields=["is_active"])
    do_refresh_worker_search_rows([c.pk])
    incremental = snapshot()
    assert len(incremental) == WorkerProfile.objects.count()
    assert rebuild_worker_search_rows() == len(incremental)
    assert snapshot() == incremental
    # And a rebuild is idempotent.
    rebuild_worker_search_rows()
    assert snapshot() == incremental


def test_rebuild_command_and_stats_rebuild_write_rows(worker_user):
    from django.core.management import call_command

    WorkerSearchRow.objects.all().delete()
    call_command("rebuild_worker_search", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row(worker_user).is_searchable
    WorkerSearchRow.objects.all().delete()
    call_command("rebuild_worker_stats", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row(worker_user).is_searchable


@pytest.mark.parametrize("small", [True, False])
def test_category_filter_gives_the_same_answer_on_both_plans(monkeypatch, small):
    from yorozu.workers import selectors

    monkeypatch.setattr(selectors, "few_workers_completed_in", lambda ids: small)
    logo = make_worker(completed={"design-logo": 1}, rating_avg="4.00", rating_count=1)
    both = make_worker(completed={"design-logo": 1, "web-lp": 2}, rating_avg="4.50", rating_count=1)
    make_worker(completed={"web-lp": 1})
    cats = (Category.objects.get(slug="design-logo").pk,)
    for sort in ("rating", "completed", "recent"):
        assert ids(category_ids=cats, sort=sort) == {logo.pk, both.pk}
    order = [
        p.user_id for p in search_workers(WorkerSearchParams(category_ids=cats, sort="rating"))
    ]
    assert order == [both.pk, logo.pk]


def test_several_categories_rank_by_their_sum(client_user):
    logo, lp = Category.objects.get(slug="design-logo"), Category.objects.get(slug="web-lp")
    one = make_worker(completed={"design-logo": 3})
    two = make_worker(completed={"design-logo": 2, "web-lp": 2})
    got = [p.user_id for p in search_workers(WorkerSearchParams(category_ids=(logo.pk, lp.pk)))]
    assert got[:2] == [two.pk, one.pk]


def test_pages_do_not_overlap():
    for n in range(45):
        make_worker(f"ワーカー{n}", completed_count=n % 3, rating_avg="4.00", rating_count=1)
    search = search_workers(WorkerSearchParams(sort="completed"))
    seen: list[int] = []
    for number in (1, 2, 3):
        page, has_next = first_page(search, number)
        seen += [p.user_id for p in page]
        assert has_next == (number < 3)
    assert len(seen) == len(set(seen)) == 45


def test_never_active_sorts_last_in_recent():
    never = make_worker("未ログイン")
    seen = make_worker("最近")
    seen.last_active_at = timezone.now() - datetime.timedelta(days=3)
    seen.save(update_fields=["last_active_at"])
    do_refresh_worker_search_rows([seen.pk])
    got = [p.user_id for p in search_workers(WorkerSearchParams(sort="recent"))]
    assert got.index(seen.pk) < got.index(never.pk)
