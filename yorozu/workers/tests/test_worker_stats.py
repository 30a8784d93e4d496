"""WorkerCategoryStat: kept current by completion, and rebuilt identically from contracts."""

from io import StringIO

import pytest
from django.core.management import call_command

from yorozu.accounts.models import WorkerProfile
from yorozu.catalog.models import Category
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.workers.actions import do_record_completed_contract
from yorozu.workers.models import WorkerCategoryStat


def stats() -> dict[tuple[int, int], int]:
    return {
        (s.worker_id, s.category_id): s.completed_count for s in WorkerCategoryStat.objects.all()
    }


def completed_counts() -> dict[int, int]:
    return dict(WorkerProfile.objects.values_list("user_id", "completed_count"))


def test_completion_counts_sub_and_main_category(worker_user):
    logo = Category.objects.get(slug="design-logo")
    ContractFactory(worker=worker_user, category=logo, status="completed")
    ContractFactory(worker=worker_user, category=logo, status="completed")
    banner = Category.objects.get(slug="design-banner")
    ContractFactory(worker=worker_user, category=banner, status="completed")
    got = stats()
    assert got[(worker_user.pk, logo.pk)] == 2
    assert got[(worker_user.pk, banner.pk)] == 1
    assert got[(worker_user.pk, logo.parent_id)] == 3
    assert WorkerProfile.objects.get(user=worker_user).completed_count == 3


@pytest.mark.parametrize("status", ["offered", "accepted", "funded", "delivered", "cancelled"])
def test_unfinished_contracts_count_nothing(status, worker_user):
    ContractFactory(worker=worker_user, status=status)
    assert stats() == {}
    assert WorkerProfile.objects.get(user=worker_user).completed_count == 0


def test_record_on_a_main_category_counts_once(worker_user):
    contract = ContractFactory(worker=worker_user, status="completed")
    main = Category.objects.get(slug="design")
    contract.category = main
    WorkerCategoryStat.objects.all().delete()
    do_record_completed_contract(contract)
    assert stats() == {(worker_user.pk, main.pk): 1}


def test_rebuild_agrees_with_incremental_counts(cast):
    slugs = ["design-logo", "design-banner", "web-homepage", "writing-seo"]
    for i, slug in enumerate(slugs * 2):
        worker = cast["worker"] if i % 2 else cast["outsider"]
        status = "completed" if i != 3 else "delivered"
        ContractFactory(worker=worker, category=Category.objects.get(slug=slug), status=status)
    incremental, incremental_counts = stats(), completed_counts()
    assert incremental  # the test means something
    # break the denormalized data, then repair it
    WorkerCategoryStat.objects.all().update(completed_count=99)
    WorkerProfile.objects.update(completed_count=42)
    out = StringIO()
    call_command("rebuild_worker_stats", stdout=out)
    assert stats() == incremental
    assert completed_counts() == incremental_counts
    assert "rebuilt" in out.getvalue()
    # idempotent
    call_command("rebuild_worker_stats", stdout=StringIO())
    assert stats() == incremental
    assert completed_counts() == incremental_counts


def test_rebuild_removes_stale_rows(worker_user):
    WorkerCategoryStat.objects.create(
        worker=worker_user, category=Category.objects.get(slug="design-logo"), completed_count=5
    )
    call_command("rebuild_worker_stats", stdout=StringIO())
    assert stats() == {}
