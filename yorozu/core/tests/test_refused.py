"""A refusal no view caught answers the same way everywhere: a page, the flash region for
htmx, or JSON — with its status, its code and, for a rate limit, Retry-After."""

import pytest

from yorozu.core.errors import Refused

pytestmark = [pytest.mark.django_db, pytest.mark.urls("yorozu.core.tests.refused_urls")]


def test_a_page_says_why_with_the_refusals_status(client):
    response = client.get("/refuses/", HTTP_REFERER="http://testserver/jobs/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "その操作はできません。" in body
    assert 'href="http://testserver/jobs/"' in body  # back to where they were


def test_a_foreign_referer_is_not_offered_as_the_way_back(client):
    response = client.get("/refuses/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_htmx_gets_the_message_in_the_flash_region(client):
    response = client.post("/refuses/", HTTP_HX_REQUEST="true")
    assert response["HX-Retarget"] == "#flash"
    body = response.content.decode()
    assert "その操作はできません。" in body
    assert "<html" not in body


def test_json_clients_get_the_code_and_message(client):
    response = client.get("/api/refuses/")
    assert response.status_code == 400
    error = {"code": "not_allowed", "message": "その操作はできません。"}
    assert response.json() == {"error": error}
    response = client.get("/refuses/", HTTP_ACCEPT="application/json")
    assert response.json()["error"]["code"] == "not_allowed"


def test_a_rate_limit_says_when_to_come_back(client):
    response = client.get("/slow/")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"


def test_every_domain_error_is_a_refusal():
    from yorozu.accounts.actions import IdentitySubmissionRefused
    from yorozu.contracts.errors import ContractError
    from yorozu.core.staff import OwnCaseRefused
    from yorozu.enforcement.actions import AppealError, ReportRefused, RestrictionError
    from yorozu.jobs.actions import JobNotOpen
    from yorozu.messaging.actions import ContactRequestRefused, MessageRefused
    from yorozu.moderation.actions import CaseError
    from yorozu.reviews.actions import ReviewError
    from yorozu.trust.actions import RuleError
    from yorozu.trust.screening import Blocked, SlowDown
    from yorozu.workers.actions import ScoutRefused

    for error in (
        IdentitySubmissionRefused,
        ContractError,
        AppealError,
        ReportRefused,
        RestrictionError,
        JobNotOpen,
        Blocked,
        SlowDown,
        OwnCaseRefused,
        ContactRequestRefused,
        MessageRefused,
        CaseError,
        ReviewError,
        RuleError,
        ScoutRefused,
    ):
        assert issubclass(error, Refused), error
