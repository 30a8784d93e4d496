"""Sign-up with a confirmed address and the terms agreed, log-in by e-mail, log-out.

A signup never says whether an address is registered: a new address and a registered one get the
same page ("we sent you an e-mail"), and only the owner of the address learns which it was.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from yorozu.accounts.models import AccountEvent, ClientProfile, Role, User, WorkerProfile
from yorozu.accounts.tests.factories import UserFactory

SIGNUP = {
    "email": "New.Person@Example.com",
    "display_name": "  新人ハナ ",
    "password1": "kumo-to-sakura-42",
    "password2": "kumo-to-sakura-42",
    "role": "client",
    "agree_terms": "on",
}


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_creates_an_unconfirmed_account_with_both_profiles_and_mails_a_link(
    client, db, settings
):
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.person@example.com")
    assert user.display_name == "新人ハナ"
    assert user.active_role == Role.CLIENT
    assert user.check_password("kumo-to-sakura-42")
    assert user.terms_version == settings.TERMS_VERSION
    assert user.terms_agreed_at is not None
    assert WorkerProfile.objects.filter(user=user).exists()
    assert ClientProfile.objects.filter(user=user).exists()
    event = AccountEvent.objects.get(user=user, event_type="account_created")
    assert event.data == {"terms_version": settings.TERMS_VERSION}
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # not signed in before confirming
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.com"]
    assert "/account/confirm-email/" in mail.outbox[0].body


def test_following_the_link_confirms_the_address_and_signs_in(client, db):
    client.post(reverse("accounts:signup"), SIGNUP)
    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a page with a button: links are not clicked by
    response = client.post(link)  # mail scanners' GETs
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AccountEvent.objects.filter(user=user, event_type="email_confirmed").exists()


def test_signup_with_a_registered_address_answers_the_same_and_creates_nothing(client, client_user):
    fresh = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "brand-new@example.com"})
    client.logout()
    taken = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "CLIENT@cast.test"})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email__iexact="client@cast.test").count() == 1
    assert "_auth_user_id" not in client.session
    # The owner of the address is told someone tried; the page said nothing.
    assert mail.outbox[-1].to == ["client@cast.test"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "正しいメールアドレスを入力してください"),
        ({"display_name": "   "}, "display_name", "表示名を入力してください"),
        ({"display_name": "事務局 サポート"}, "display_name", "事務局と間違われる"),
        ({"display_name": "ｙｏｒｏｚｕ運営"}, "display_name", "事務局と間違われる"),
        ({"display_name": "ハナ\r\nBcc: x"}, "display_name", "改行や制御文字"),
        ({"display_name": "hana\u202egpj.exe"}, "display_name", "見えない文字"),
        ({"password2": "something-else-9"}, "password2", None),
        ({"password1": "12345678", "password2": "12345678"}, "password1", None),
        ({"role": "admin"}, "role", "発注者かワーカーかを選んでください"),
        ({"agree_terms": ""}, "agree_terms", "利用規約とプライバシーポリシー"),
    ],
)
def test_signup_rejects_bad_input_in_japanese(client, client_user, changes, field, message):
    before = User.objects.count()
    response = client.post(reverse("accounts:signup"), {**SIGNUP, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert message in response.text
    assert User.objects.count() == before


def test_signup_page_links_the_terms_and_the_privacy_policy(client, db):
    response = client.get(reverse("accounts:signup"))
    assert reverse("content:terms") in response.text
    assert reverse("content:privacy") in response.text


def test_signup_with_nothing_posted_shows_errors_not_a_500(client, db):
    response = client.post(reverse("accounts:signup"), {})
    assert response.status_code == 200
    assert "メールアドレスを入力してください" in response.text


def test_signed_in_user_is_sent_away_from_signup(client, worker_user):
    client.force_login(worker_user)
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 302


def test_login_by_email_is_case_insensitive_and_follows_next(client, worker_user):
    response = client.post(
        reverse("accounts:login"),
        {"login": "Worker@Cast.test", "password": "pw-yorozu-123", "next": "/workers/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/workers/"
    assert client.session["_auth_user_id"] == str(worker_user.pk)


def test_login_ignores_an_offsite_next(client, worker_user):
    response = client.post(
        reverse("accounts:login"),
        {"login": "worker@cast.test", "password": "pw-yorozu-123", "next": "//evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")


def test_login_with_a_wrong_password_explains_in_japanese(client, worker_user):
    response = client.post(
        reverse("accounts:login"), {"login": "worker@cast.test", "password": "x"}
    )
    assert response.status_code == 200
    assert "メールアドレスもしくはパスワードが正しくありません" in response.text
    assert "_auth_user_id" not in client.session


def test_an_unconfirmed_account_cannot_sign_in_and_is_sent_the_link_again(client, db):
    UserFactory(email="late@example.com", email_confirmed=False)
    response = client.post(
        reverse("accounts:login"), {"login": "late@example.com", "password": "pw-yorozu-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["late@example.com"]


def test_login_page_labels_the_field_as_email_and_links_the_password_reset(client, db):
    response = client.get(reverse("accounts:login"))
    assert "メールアドレス" in response.text
    assert reverse("account_reset_password") in response.text
    assert reverse("account_reset_password") == "/account/password/reset/"


def test_logout_asks_on_get_and_signs_out_on_post(client, worker_user):
    client.force_login(worker_user)
    assert client.get(reverse("accounts:logout")).status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@override_settings(LANGUAGE_CODE="ja")
def test_the_django_admin_login_is_ours(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
