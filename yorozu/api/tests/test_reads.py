"""Reads with the pages' rules: job search's certified-only filter, worker search's privacy."""

import pytest
from django.utils import timezone

from yorozu.api.tests.helpers import Api, token_for
from yorozu.certification.models import CertificationStatus
from yorozu.jobs.tests.factories import JobFactory
from yorozu.workers.models import FilterUsageDaily
from yorozu.workers.tests.helpers import born_aged, make_worker

pytestmark = pytest.mark.django_db


def test_certified_only_lists_the_jobs_of_certified_clients(client_user, outsider):
    certified = JobFactory(client=client_user)
    JobFactory()  # an uncertified client's
    CertificationStatus.objects.create(client=client_user, certified=True, since=timezone.now())
    everyone = Api().get("/jobs").json()["items"]
    assert len(everyone) == 2
    only = Api().get("/jobs", {"certified_only": "true"}).json()["items"]
    assert [job["id"] for job in only] == [certified.pk]
    assert only[0]["client"]["certified"] is True


def test_an_invalid_filter_is_refused_with_its_field(db):
    response = Api().get("/jobs", {"budget_min": 50000, "budget_max": 1000})
    assert response.status_code == 422
    assert "budget_max" in response.json()["errors"]


def test_worker_search_shows_and_matches_gender_and_age_only_where_the_worker_chose(client_user):
    shown = make_worker(
        "見せるA", gender="female", show_gender=True, birth_date=born_aged(34), show_age=True
    )
    hidden = make_worker(
        "隠すB", gender="female", show_gender=False, birth_date=born_aged(34), show_age=False
    )
    api = Api(token_for(client_user))
    items = {w["id"]: w for w in api.get("/workers").json()["items"]}
    assert items[shown.pk]["gender"] and items[shown.pk]["age_band"]
    assert items[hidden.pk]["gender"] is None and items[hidden.pk]["age_band"] is None
    matched = [w["id"] for w in api.get("/workers", {"gender": "female"}).json()["items"]]
    assert matched == [shown.pk]
    assert FilterUsageDaily.objects.exists()  # recorded as the page records it


def test_worker_search_carries_skills_with_years_availability_and_the_avatar(client_user):
    from yorozu.accounts.actions import do_set_worker_skills

    worker = make_worker("スキルC")
    do_set_worker_skills(
        worker, [("Figma", 4)], hours_per_week=25, available_from=None, actor=worker
    )
    item = next(
        w
        for w in Api(token_for(client_user)).get("/workers").json()["items"]
        if w["id"] == worker.pk
    )
    assert item["skills_with_years"] == [{"name": "Figma", "years": 4}]
    assert (item["hours_per_week"], item["available_from"], item["avatar_url"]) == (25, None, None)


def test_worker_search_is_for_clients(worker_user):
    response = Api(token_for(worker_user)).get("/workers")
    assert response.status_code == 403
    assert response.json()["code"] == "clients_only"
