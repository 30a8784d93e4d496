"""Two factors: TOTP with recovery codes for anyone, required for every staff page.

A staff member signed in with a password only is sent to the second-factor step by every staff
page (each `staff_view` and the admin); after a code from their authenticator app (or a recovery
code) in this session, the pages open. Ordinary accounts are never asked unless they turned
TOTP on. These tests sign in through the real forms, or use `force_login(second_factor=False)`.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from yorozu.accounts.tests.factories import StaffFactory, UserFactory
from yorozu.core.demo_totp import totp_code

SECRET = "JBSWY3DPEHPK3PXPYOROZUTESTABCDEF"
PASSWORD = "pw-yorozu-123"
STEP = "/account/2fa/required/"


def give_app(user, secret: str = SECRET) -> Authenticator:
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": secret}
    )


def staff_pages() -> list[str]:
    """Every URL of a view made with `staff_view`, with 1 for each id, plus admin pages."""
    found: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and getattr(
                pattern.callback, "staff_permission", None
            ):
                route = prefix + str(pattern.pattern)
                route = re.sub(r"<id:\w+>", "1", route)
                route = re.sub(r"<slug:\w+>", "jobs", route)
                found.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted(found)


STAFF_PAGES = staff_pages()
ADMIN_PAGES = ["/admin/", "/admin/accounts/user/", "/admin/accounts/identitydocument/"]


def test_the_staff_pages_are_found():
    assert len(STAFF_PAGES) >= 15
    assert "/console/" in STAFF_PAGES
    assert "/secretariat/appeals/" in STAFF_PAGES
    assert "/secretariat/audit/" in STAFF_PAGES


@pytest.mark.parametrize("url", STAFF_PAGES + ADMIN_PAGES)
def test_every_staff_page_redirects_to_the_second_factor_step_without_it(client, staff_user, url):
    give_app(staff_user)
    client.force_login(staff_user, second_factor=False)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(STEP + "?next="), (method, url)


def test_htmx_requests_are_sent_to_the_step_too(client, staff_user):
    client.force_login(staff_user, second_factor=False)
    response = client.get("/console/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(STEP)


@pytest.mark.parametrize("url", ["/console/", "/secretariat/audit/", "/admin/"])
def test_staff_pages_open_after_the_second_factor(client, staff_user, url):
    client.force_login(staff_user)  # the test client records the TOTP step (see clients.py)
    assert client.get(url).status_code == 200


def test_ordinary_accounts_are_not_asked(client, worker_user):
    client.force_login(worker_user, second_factor=False)
    assert client.get("/account/settings/").status_code == 200
    assert client.get("/console/").status_code == 404  # not a page for them at all


def login_with_password(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"login": email, "password": password})


def test_a_staff_login_with_totp_asks_for_the_code_and_then_opens_the_console(client, db):
    staff = StaffFactory(email="totp-staff@example.com")
    give_app(staff)
    response = login_with_password(client, "totp-staff@example.com")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/console/").status_code == 200


def test_a_recovery_code_works_as_the_second_factor(client, db):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    staff = StaffFactory(email="lost-phone@example.com")
    give_app(staff)
    codes = RecoveryCodes.activate(staff).get_unused_codes()
    login_with_password(client, "lost-phone@example.com")
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/secretariat/appeals/").status_code == 200


def test_the_step_sends_a_staff_member_with_an_app_to_enter_a_code(client, staff_user):
    give_app(staff_user)
    client.force_login(staff_user, second_factor=False)
    response = client.get(STEP, {"next": "/secretariat/audit/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fsecretariat%2Faudit%2F"
    response = client.post(
        response["Location"], {"code": totp_code(SECRET), "next": "/secretariat/audit/"}
    )
    assert response["Location"] == "/secretariat/audit/"
    assert client.get("/secretariat/audit/").status_code == 200


def test_a_staff_member_without_an_app_sets_one_up_first(client, db):
    staff = StaffFactory(email="new-staff@example.com")
    login_with_password(client, "new-staff@example.com")  # no app yet: signed in by password
    assert client.get("/console/")["Location"].startswith(STEP)
    page = client.get(STEP, {"next": "/console/"})
    assert page.status_code == 200
    assert "二段階認証が必要です" in page.text
    assert reverse("mfa_activate_totp") in page.text

    # Setting up the app asks for the password again, then shows the secret (and its QR code);
    # a code from the app activates it.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200
    assert "data:image/svg+xml;base64," in activate.text
    secret = client.session["mfa.totp.secret"]
    assert secret in activate.text
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert Authenticator.objects.filter(user=staff, type="recovery_codes").exists()

    # Then the step asks for a code, and the console opens.
    step = client.get(STEP, {"next": "/console/"})
    client.post(step["Location"], {"code": totp_code(secret), "next": "/console/"})
    assert client.get("/console/").status_code == 200


def test_staff_cannot_turn_their_authenticator_off(client, staff_user):
    app = give_app(staff_user)
    client.force_login(staff_user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "多要素認証は無効化できません" in response.text
    assert Authenticator.objects.filter(pk=app.pk).exists()


def test_anyone_may_turn_totp_on_and_off_again(client, db):
    user = UserFactory(email="careful@example.com")
    login_with_password(client, "careful@example.com")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    # From now on a login asks for the code.
    client.logout()
    response = login_with_password(client, "careful@example.com")
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=user, type="totp").exists()


def test_the_security_page_links_everything(client, worker_user):
    client.force_login(worker_user)
    page = client.get(reverse("accounts:security")).text
    for name in ("account_email", "account_change_password", "mfa_index", "accounts:privacy"):
        assert reverse(name) in page
