"""Personal access tokens: shown once, stored as a digest, scoped, revocable; the staff scope
only after the second factor."""

import pytest

from yorozu.accounts.tests.clients import YorozuClient
from yorozu.api.models import AccessToken, AccessTokenEvent, Scope
from yorozu.api.tests.helpers import Api, token_for
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_a_token_made_on_the_page_is_shown_once_and_stored_only_as_a_digest(client_user):
    page = YorozuClient()
    page.force_login(client_user)
    response = page.post("/account/tokens/", {"name": "請求ツール", "scopes": ["read", "jobs"]})
    assert response.status_code == 302
    response = page.get("/account/tokens/")
    secret = response.context["new_token"]["secret"]
    assert secret.startswith("yz_") and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    token = AccessToken.objects.get(user=client_user)
    assert token.scopes == ["jobs", "read"]
    assert secret not in (token.digest, token.prefix) and len(token.digest) == 64
    assert AccessTokenEvent.objects.filter(token=token, event_type="created").exists()
    again = page.get("/account/tokens/").content.decode()
    assert "請求ツール" in again and secret not in again
    assert Api(secret).get("/me").json()["id"] == client_user.pk


def test_a_revoked_token_is_refused_at_once(client_user):
    secret = token_for(client_user)
    assert Api(secret).get("/me").status_code == 200
    page = YorozuClient()
    page.force_login(client_user)
    token = AccessToken.objects.get(user=client_user)
    assert page.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    response = Api(secret).get("/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"


def test_someone_elses_token_cannot_be_revoked(client_user, outsider):
    token_for(client_user)
    token = AccessToken.objects.get(user=client_user)
    page = YorozuClient()
    page.force_login(outsider)
    assert page.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert AccessToken.objects.get(pk=token.pk).revoked_at is None


def test_a_token_without_the_scope_is_refused_and_nothing_is_posted(client_user):
    secret = token_for(client_user, [Scope.READ])
    response = Api(secret).post("/jobs", {"title": "x"})
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert not Job.objects.exists()


def test_the_staff_scope_needs_staff_and_the_second_factor(client_user, staff_user):
    page = YorozuClient()
    page.force_login(client_user)
    response = page.post("/account/tokens/", {"name": "x", "scopes": ["staff"]})
    assert response.status_code == 200 and not AccessToken.objects.exists()
    staff_page = YorozuClient()
    staff_page.force_login(staff_user, second_factor=False)
    response = staff_page.post("/account/tokens/", {"name": "x", "scopes": ["staff"]})
    assert response.status_code == 403 and not AccessToken.objects.exists()
    staff_page.force_login(staff_user)  # now with the second factor
    response = staff_page.post("/account/tokens/", {"name": "x", "scopes": ["staff", "read"]})
    assert response.status_code == 302
    assert AccessToken.objects.get(user=staff_user).second_factor is True


def test_an_invalid_token_on_a_public_read_is_refused_not_ignored(db):
    assert Api("yz_nonsense").get("/jobs").status_code == 401
    assert Api().get("/jobs").status_code == 200


def test_session_writes_need_the_csrf_token(client_user):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(client_user)
    job = JobFactory(client=client_user)
    assert browser.get("/api/v1/me").status_code == 200
    response = browser.post(f"/api/v1/jobs/{job.pk}/close", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert Job.objects.get(pk=job.pk).status == "open"
    browser.get("/account/tokens/")  # sets the CSRF cookie, as any page does
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(
        f"/api/v1/jobs/{job.pk}/close",
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 200, response.content
    assert Job.objects.get(pk=job.pk).status == "closed"


def test_anonymous_calls_to_signed_in_operations_get_a_problem_401(db):
    response = Api().get("/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "not_authenticated"
