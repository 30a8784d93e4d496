"""Sign-up, log-in by e-mail and log-out, with Japanese errors and safe redirects."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import AccountEvent, ClientProfile, Role, User, WorkerProfile

SIGNUP = {
    "email": "New.Person@Example.com",
    "display_name": "  新人ハナ ",
    "password1": "kumo-to-sakura-42",
    "password2": "kumo-to-sakura-42",
    "role": "client",
}


def test_signup_creates_account_with_both_profiles_and_logs_in(client, db):
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:settings")
    user = User.objects.get(email="new.person@example.com")
    assert user.display_name == "新人ハナ"
    assert user.active_role == Role.CLIENT
    assert user.check_password("kumo-to-sakura-42")
    assert WorkerProfile.objects.filter(user=user).exists()
    assert ClientProfile.objects.filter(user=user).exists()
    assert AccountEvent.objects.filter(user=user, event_type="account_created").exists()
    assert client.get(reverse("accounts:settings")).status_code == 200  # logged in


def test_signup_follows_a_safe_next_and_ignores_an_offsite_one(client, db):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "next": "/jobs/"})
    assert response["Location"] == "/jobs/"
    client.logout()
    response = client.post(
        reverse("accounts:signup"),
        {**SIGNUP, "email": "other@example.com", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("accounts:settings")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "client@cast.test"}, "email", "このメールアドレスのアカウントは既にあります"),
        ({"email": "CLIENT@cast.test"}, "email", "このメールアドレスのアカウントは既にあります"),
        ({"email": "not-an-email"}, "email", "正しいメールアドレスを入力してください"),
        ({"display_name": "   "}, "display_name", "表示名を入力してください"),
        ({"password2": "something-else-9"}, "password2", "パスワードが一致しません"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", None),
        ({"role": "admin"}, "role", "発注者かワーカーかを選んでください"),
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
        {"username": "Worker@Cast.test", "password": "pw-yorozu-123", "next": "/workers/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/workers/"
    assert client.session["_auth_user_id"] == str(worker_user.pk)


def test_login_ignores_an_offsite_next(client, worker_user):
    response = client.post(
        reverse("accounts:login"),
        {"username": "worker@cast.test", "password": "pw-yorozu-123", "next": "//evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")


def test_login_with_a_wrong_password_explains_in_japanese(client, worker_user):
    response = client.post(
        reverse("accounts:login"), {"username": "worker@cast.test", "password": "nope"}
    )
    assert response.status_code == 200
    assert "メールアドレスまたはパスワードが正しくありません" in response.text
    assert "_auth_user_id" not in client.session


def test_login_page_labels_the_field_as_email(client, db):
    response = client.get(reverse("accounts:login"))
    assert "メールアドレス" in response.text


def test_logout_is_post_only(client, worker_user):
    client.force_login(worker_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
