"""The API's conventions: the schema and its docs page, problem documents, ETags, cursors."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from yorozu.api.tests.helpers import Api
from yorozu.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_1_and_declares_problem_documents(db):
    schema = Api().get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    answers = schema["paths"]["/api/v1/jobs/{job_id}"]["get"]["responses"]
    assert "application/problem+json" in answers["404"]["content"]
    assert "application/json" in answers["200"]["content"]


def test_the_docs_page_loads_everything_from_the_site_itself(db):
    response = Api().get("/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    static = [s.removeprefix("/static/") for s in sources if s.startswith("/static/")]
    assert any(name.endswith("swagger-ui-bundle.js") for name in static)
    for name in static:  # each is one of the app's own files, served by whitenoise
        assert finders.find(name), name


def test_a_missing_job_is_a_problem_document_with_a_code(db):
    response = Api().get("/jobs/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "not_found" and body["status"] == 404 and body["title"] == "Not Found"


def test_reads_carry_an_etag_and_answer_304_when_unchanged(db):
    job = JobFactory()
    first = Api().get(f"/jobs/{job.pk}")
    etag = first["ETag"]
    assert etag.startswith('"')
    assert Api().get(f"/jobs/{job.pk}", headers={"If-None-Match": etag}).status_code == 304
    job.title = "変更後のタイトル"
    job.save(update_fields=["title"])
    changed = Api().get(f"/jobs/{job.pk}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_cursor_walks_every_job_once_in_order(db):
    jobs = JobFactory.create_batch(25)
    seen, cursor = [], None
    while True:
        params = {"limit": 10, **({"cursor": cursor} if cursor else {})}
        body = Api().get("/jobs", params).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == sorted((j.pk for j in jobs), reverse=True)


def test_a_cursor_walks_by_budget_too(db):
    for budget in (30000, 50000, 50000, 80000, 120000):
        JobFactory(budget_min=10000, budget_max=budget)
    seen, cursor = [], None
    while True:
        body = Api().get("/jobs", {"limit": 2, "sort": "budget", "cursor": cursor or ""}).json()
        seen += [item["budget_max"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [120000, 80000, 50000, 50000, 30000]


def test_a_forged_cursor_is_refused(db):
    response = Api().get("/jobs", {"cursor": "bm9wZQ"})
    assert response.status_code == 422
    assert response.json()["errors"]["cursor"]


def test_an_address_that_is_no_operation_is_a_problem_document_too(db):
    # (Schemathesis found the fourth: a newline in a path segment fell past the catch-all.)
    for path in ("/jobs/null,null", "/threads/0/read", "/nothing-here", "/jobs/a%0Ab/proposals"):
        response = Api().get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "not_found"
    posted = Client(enforce_csrf_checks=True).post("/api/v1/jobs/0/close")
    assert posted.status_code == 404 and posted["Content-Type"] == "application/problem+json"
