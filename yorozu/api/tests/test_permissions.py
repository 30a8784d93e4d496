"""Every operation × the cast (client, worker, outsider, restricted, staff, anonymous): what
each may see and do, and that a refused write changed nothing (Saleor's permission tests).

One marketplace is built per case: the client's open jobs, the worker's pending proposal, a
contract offered to the worker, their thread with a message held for the secretariat, a scout,
a notification. Each member of the cast calls with a token holding every scope they may have
(staff: with the staff scope, made after the second factor); the restricted user is a worker
under a permanent restriction.
"""

import datetime
import re
import uuid

import pytest
from django.utils import timezone

from yorozu.api.tests.helpers import PROPOSAL, Api
from yorozu.contracts.models import Contract, Proposal
from yorozu.enforcement.models import Report
from yorozu.jobs.models import Job
from yorozu.messaging.models import Message, Thread
from yorozu.messaging.tests import samples
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.workers.models import Scout

pytestmark = pytest.mark.django_db

CAST = ("client", "worker", "outsider", "restricted", "staff", "anonymous")


def _deadline() -> str:
    return (timezone.localdate() + datetime.timedelta(days=20)).isoformat()


def new_job(w):
    return {
        "title": "ロゴデザインの制作",
        "category": Job.objects.get(pk=w["job"]).category_id,
        "description": "店舗のロゴを作成してください。修正は2回までです。",
        "budget_min": 20000,
        "budget_max": 40000,
        "deadline": _deadline(),
    }


OK = 200
DENY_ANON = {"anonymous": 401, "restricted": 403}
SIGNED_IN = {**dict.fromkeys(CAST, OK), **DENY_ANON}
PUBLIC = {**dict.fromkeys(CAST, OK), "restricted": 403}
OWNER_ONLY = {**dict.fromkeys(CAST, 404), "client": OK, **DENY_ANON}
PARTIES = {**OWNER_ONLY, "worker": OK}
STAFF_ONLY = {**dict.fromkeys(CAST, 403), "staff": OK, "anonymous": 401}
CLIENTS_ONLY = {**dict.fromkeys(CAST, 403), "client": OK, "anonymous": 401}

# (method, path, body, expected status per member of the cast)
OPERATIONS = [
    ("get", "/me", None, SIGNED_IN),
    ("get", "/me/certification", None, CLIENTS_ONLY),
    ("get", "/jobs", None, PUBLIC),
    ("get", "/jobs/{job}", None, PUBLIC),
    ("get", "/jobs/mine", None, SIGNED_IN),
    ("post", "/jobs", new_job, {**CLIENTS_ONLY, "client": 201}),
    ("patch", "/jobs/{job}", {"title": "コーポレートサイトの制作（改）"}, OWNER_ONLY),
    ("post", "/jobs/{job}/close", {}, OWNER_ONLY),
    ("get", "/jobs/{job}/proposals", None, OWNER_ONLY),
    (
        "post",
        "/jobs/{spare}/proposals",
        PROPOSAL,
        {**SIGNED_IN, "client": 403, "worker": 201, "outsider": 201, "staff": 201},
    ),
    ("get", "/proposals", None, SIGNED_IN),
    ("get", "/proposals/{proposal}", None, PARTIES),
    ("post", "/proposals/{proposal}/shortlist", {}, {**PARTIES, "worker": 409}),
    ("post", "/proposals/{proposal}/decline", {}, {**PARTIES, "worker": 409}),
    ("post", "/proposals/{proposal}/withdraw", {}, {**PARTIES, "client": 409}),
    ("post", "/proposals/{proposal}/hire", {}, {**PARTIES, "client": 201, "worker": 409}),
    ("get", "/contracts", None, SIGNED_IN),
    ("get", "/contracts/{contract}", None, {**PARTIES, "staff": OK}),
    ("post", "/contracts/{contract}/steps/accept", {}, {**PARTIES, "client": 409, "staff": 409}),
    ("get", "/threads", None, SIGNED_IN),
    ("get", "/threads/{thread}/messages", None, PARTIES),
    (
        "post",
        "/threads/{thread}/messages",
        {"body": samples.GREETING},
        {**PARTIES, "client": 201, "worker": 201},
    ),
    ("post", "/threads/{thread}/read", {}, {**PARTIES, "client": 204, "worker": 204}),
    ("get", "/notifications", None, SIGNED_IN),
    ("post", "/notifications/{notification}/read", {}, {**OWNER_ONLY, "client": 404, "worker": OK}),
    ("get", "/workers", None, CLIENTS_ONLY),
    (
        "post",
        "/workers/{worker_id}/scouts",
        lambda w: {"job": w["spare"], "message": "ロゴ制作のご相談です。ぜひご検討ください。"},
        {**CLIENTS_ONLY, "client": 201},
    ),
    ("get", "/scouts", None, SIGNED_IN),
    ("post", "/scouts/{scout}/accept", {}, {**OWNER_ONLY, "client": 404, "worker": OK}),
    ("post", "/scouts/{scout}/decline", {}, {**OWNER_ONLY, "client": 404, "worker": OK}),
    (
        "post",
        "/reports",
        lambda w: {"target": "job", "id": w["job"], "reason": "spam", "details": ""},
        {**SIGNED_IN, "client": 400, "worker": 201, "outsider": 201, "staff": 201},
    ),
    ("get", "/reports", None, SIGNED_IN),
    ("post", "/trust/assess", {"text": samples.LINE_ID}, SIGNED_IN),
    ("get", "/staff/queues", None, STAFF_ONLY),
    ("get", "/staff/queues/messages", None, STAFF_ONLY),
    ("get", "/staff/cases/{case}", None, STAFF_ONLY),
    ("post", "/staff/cases/{case}/decision", {"decision": "approve"}, STAFF_ONLY),
]


def fingerprint() -> dict:
    """What a write could change: every row of the marketplace's tables."""
    models = (Job, Proposal, Contract, Thread, Message, Scout, Report, ModerationCase)
    state = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    state["unread"] = list(
        Notification.objects.filter(read_at__isnull=True).order_by("pk").values_list("pk")
    )
    return state


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    OPERATIONS,
    ids=[f"{m.upper()} {p}" for m, p, _b, _e in OPERATIONS],
)
def test_each_operation_for_each_member_of_the_cast(world, who, method, path, body, expected):
    api = Api(world["tokens"][who])
    url = path.format(**world)
    if method == "get":
        response = api.get(url)
        assert response.status_code == expected[who], response.content
        return
    before = fingerprint()
    payload = body(world) if callable(body) else body
    response = api.send(method, url, payload, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == expected[who], response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"]
        assert fingerprint() == before, "a refused write changed something"
    else:
        # The pre-send check and marking read change nothing the fingerprint holds.
        assert fingerprint() != before or url.endswith(("/read", "/trust/assess")), (
            "an accepted write did nothing"
        )


def test_the_list_covers_every_operation_in_the_schema(db):
    """A new operation must join the table above (the docs and schema themselves excepted)."""
    schema = Api().get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path)) + "$")
        for method in operations:
            assert any(
                m == method and pattern.match("/api/v1" + p) for m, p, _b, _e in OPERATIONS
            ), (method, path)
