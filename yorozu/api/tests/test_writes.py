"""Writes through the API take the pages' actions: a posting screened (blocked with spans,
held with 202), contract steps in order, the pre-send check's own quota, staff behind the
second factor."""

import datetime

import pytest
from django.utils import timezone

from yorozu.accounts.tests.clients import YorozuClient
from yorozu.api.actions import do_create_access_token
from yorozu.api.models import AccessToken
from yorozu.api.tests.helpers import Api, token_for
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import subcategory

pytestmark = pytest.mark.django_db

CLEAN = "落ち着いた雰囲気のロゴを作ってください。のれんや包装紙にも使います。"
HOLD = "在宅ワーク\n詳しくはLINEで連絡ください。"
BLOCK = (
    "ネットワークビジネスの仲間を募集。登録料3万円が必要です。"
    "LINE IDはabc123、メール taro.yamada@gmail.com へ"
)


def posting(description: str) -> dict:
    return {
        "title": "和菓子店のロゴ制作",
        "category": subcategory().pk,
        "description": description,
        "budget_min": 30000,
        "budget_max": 50000,
        "deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }


def test_a_posting_is_public_held_or_refused_as_on_the_page(client_user):
    api = Api(token_for(client_user))
    public = api.post("/jobs", posting(CLEAN))
    assert public.status_code == 201 and public.json()["moderation"] == "public"
    held = api.post("/jobs", posting(HOLD))
    assert held.status_code == 202 and held.json()["moderation"] == "held"
    assert Api().get(f"/jobs/{held.json()['id']}").status_code == 404  # not public
    refused = api.post("/jobs", posting(BLOCK))
    assert refused.status_code == 400
    problem = refused.json()
    assert problem["code"] == "blocked" and problem["spans"]
    text = "和菓子店のロゴ制作\n" + BLOCK  # the spans index title, newline, description
    assert any("abc123" in text[s["start"] : s["end"]] for s in problem["spans"])
    assert Job.objects.count() == 2


def test_an_edit_of_a_closed_job_is_refused_with_409(client_user):
    api = Api(token_for(client_user))
    job = api.post("/jobs", posting(CLEAN)).json()
    assert api.post(f"/jobs/{job['id']}/close").json()["closed"] is True
    assert api.post(f"/jobs/{job['id']}/close").json()["closed"] is False
    response = api.patch(f"/jobs/{job['id']}", {"title": "新しいタイトル"})
    assert response.status_code == 409 and response.json()["code"] == "job_closed"
    assert Job.objects.get(pk=job["id"]).title == "和菓子店のロゴ制作"


def test_a_contract_goes_from_offer_to_funded_through_its_steps(client_user, worker_user):
    client, worker = Api(token_for(client_user)), Api(token_for(worker_user))
    job = client.post("/jobs", posting(CLEAN)).json()
    proposal = worker.post(
        f"/jobs/{job['id']}/proposals",
        {"price": 40000, "delivery_days": 7, "message": "和菓子店のロゴの実績があります。"},
    ).json()
    contract = client.post(f"/proposals/{proposal['id']}/hire").json()
    assert contract["status"] == "offered"
    assert client.post(f"/contracts/{contract['id']}/steps/fund", {}).status_code == 409
    accepted = worker.post(f"/contracts/{contract['id']}/steps/accept", {}).json()
    assert accepted["status"] == "accepted"
    assert "fund" in client.get(f"/contracts/{contract['id']}").json()["next_steps"]
    funded = client.post(f"/contracts/{contract['id']}/steps/fund", {}).json()
    assert funded["status"] == "funded"
    missing_note = worker.post(f"/contracts/{contract['id']}/steps/dispute", {})
    assert missing_note.status_code == 422 and "note" in missing_note.json()["errors"]


def test_the_pre_send_check_has_its_own_quota_and_staff_are_not_counted(
    worker_user, staff_user, settings
):
    settings.QUOTAS = {**settings.QUOTAS, "assess": {"account": [(2, 60)], "address": []}}
    api = Api(token_for(worker_user))
    first = api.post("/trust/assess", {"text": "LINE IDはyamada_1234です"})
    assert first.status_code == 200 and first.json()["verdict"] == "block"
    assert first.json()["spans"]
    assert api.post("/trust/assess", {"text": "よろしくお願いします"}).json()["verdict"] == "allow"
    third = api.post("/trust/assess", {"text": "よろしくお願いします"})
    assert third.status_code == 429 and int(third["Retry-After"]) >= 1
    staff = Api(token_for(staff_user))
    for _ in range(4):
        assert staff.post("/trust/assess", {"text": "よろしくお願いします"}).status_code == 200


def test_staff_operations_need_the_second_factor(staff_user):
    browser = YorozuClient()
    browser.force_login(staff_user, second_factor=False)
    response = browser.get("/api/v1/staff/queues")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    browser.force_login(staff_user)
    assert browser.get("/api/v1/staff/queues").status_code == 200
    # A staff-scoped token whose maker had not passed the second factor opens nothing.
    _token, raw = do_create_access_token(
        user=staff_user, name="x", scopes=["read"], second_factor=False, actor=staff_user
    )
    AccessToken.objects.filter(user=staff_user).update(scopes=["read", "staff"])
    response = Api(raw).get("/staff/queues")
    assert response.status_code == 403 and response.json()["code"] == "second_factor_required"
