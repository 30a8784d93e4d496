"""The demo logins sign in as real accounts do: confirmed addresses, and the demo staff with a
TOTP authenticator holding the published demo secret (development only)."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from yorozu.accounts.tests.factories import StaffFactory, UserFactory
from yorozu.core.demo_totp import DEMO_TOTP_SECRET, totp_code


def test_an_older_demo_database_gets_its_demo_logins_brought_up_to_date(client, db):
    """`make run` on a database made before confirmation and staff TOTP: --if-empty loads
    nothing, but the fixed demo logins can sign in again."""
    UserFactory(email="client@example.com", email_confirmed=False)
    staff = StaffFactory(email="staff@example.com", email_confirmed=False)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=False, primary=True)
    other = UserFactory(email="someone@example.net", email_confirmed=False)
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo_data", "--if-empty", stdout=out)
    assert "brought up to date" in out.getvalue()
    assert EmailAddress.objects.get(email="client@example.com").verified
    assert EmailAddress.objects.get(email="staff@example.com").verified
    assert not EmailAddress.objects.filter(user=other).exists()  # not a demo login
    assert Authenticator.objects.filter(user=staff, type="totp").exists()

    client.post(
        reverse("accounts:login"), {"login": "staff@example.com", "password": "pw-yorozu-123"}
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/console/").status_code == 200


def test_demo_code_prints_the_current_code_in_development_only(db):
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("demo_totp_code", stdout=out)
    assert re.match(r"\d{6} ", out.getvalue())
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp_code")
