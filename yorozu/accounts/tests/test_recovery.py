"""Recovery: password reset by e-mail, password change, e-mail change with re-confirmation.

The reset answers the same for a registered and an unknown address; the reset link is single-use;
a new password clears the account's login lockout; an e-mail change takes effect only once the new
address is confirmed, and the old one is told.
"""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from yorozu.accounts.models import AccountEvent, User

RESET = "/account/password/reset/"
PASSWORD = "pw-yorozu-123"
NEW_PASSWORD = "umi-to-yama-2026"


def link(message, prefix: str) -> str:
    return re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"[^\s]*)", message.body).group(1)


def test_the_reset_answers_the_same_for_known_and_unknown_addresses(client, worker_user):
    known = client.post(RESET, {"email": "worker@cast.test"})
    unknown = client.post(RESET, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    # Only the owners of the addresses learn anything: a link for the account, and for the
    # unknown address a note that it has no account here.
    assert [m.to for m in mail.outbox] == [["worker@cast.test"], ["nobody@example.com"]]
    assert "/account/password/reset/key/" in mail.outbox[0].body
    assert "/account/password/reset/key/" not in mail.outbox[1].body


def test_a_forgotten_password_is_reset_from_the_emailed_link(client, worker_user):
    client.post(RESET, {"email": "Worker@Cast.test"})
    key_url = link(mail.outbox[0], "/account/password/reset/key/")
    form_url = client.get(key_url)["Location"]  # the key moves into the session
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(pk=worker_user.pk)
    assert user.check_password(NEW_PASSWORD)
    assert AccountEvent.objects.filter(user=user, event_type="password_changed").exists()
    # The link works once.
    assert "すでに使用された可能性があります" in client.get(key_url, follow=True).text
    client.post(reverse("accounts:login"), {"login": "worker@cast.test", "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_reset_clears_the_lockout_of_the_account(client, worker_user):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"login": "worker@cast.test", "password": "x-y-z"})
    client.post(RESET, {"email": "worker@cast.test"})
    form_url = client.get(link(mail.outbox[0], "/account/password/reset/key/"))["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.post(reverse("accounts:login"), {"login": "worker@cast.test", "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(worker_user.pk)


def test_password_change_needs_the_current_one_and_is_audited(client, worker_user):
    client.force_login(worker_user)
    url = reverse("account_change_password")
    client.post(url, {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert User.objects.get(pk=worker_user.pk).check_password(PASSWORD)
    client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert User.objects.get(pk=worker_user.pk).check_password(NEW_PASSWORD)
    event = AccountEvent.objects.get(user=worker_user, event_type="password_changed")
    assert event.actor_id == worker_user.pk
    # The owner is told by e-mail, in case it was not them.
    assert mail.outbox[-1].to == ["worker@cast.test"]


def test_an_email_change_takes_effect_once_the_new_address_is_confirmed(client, worker_user):
    client.force_login(worker_user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new-address@example.com"}
    )
    assert response.status_code == 302
    worker_user.refresh_from_db()
    assert worker_user.email == "worker@cast.test"  # not yet
    assert not EmailAddress.objects.get(email="new-address@example.com").verified
    confirm = [m for m in mail.outbox if m.to == ["new-address@example.com"]][-1]
    client.post(link(confirm, "/account/confirm-email/"))
    worker_user.refresh_from_db()
    assert worker_user.email == "new-address@example.com"
    assert list(EmailAddress.objects.filter(user=worker_user).values_list("email", "verified")) == [
        ("new-address@example.com", True)
    ]
    assert AccountEvent.objects.filter(
        user=worker_user, event_type="email_confirmed", data={"email": "new-address@example.com"}
    ).exists()
    # The old address hears of the change.
    assert any(m.to == ["worker@cast.test"] for m in mail.outbox)


def test_an_email_change_to_a_registered_address_says_nothing_about_it(
    client, worker_user, client_user
):
    client.force_login(worker_user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "client@cast.test"}
    )
    assert response.status_code == 302  # as for a free address: the requester learns nothing
    # The mail goes to the address's owner, and its link cannot give the address to a second
    # account.
    assert mail.outbox[-1].to == ["client@cast.test"]
    page = client.get(link(mail.outbox[-1], "/account/confirm-email/"))
    assert "はすでにほかのアカウントで確認済みです" in page.text
    client.post(link(mail.outbox[-1], "/account/confirm-email/"))
    worker_user.refresh_from_db()
    assert worker_user.email == "worker@cast.test"
    assert not EmailAddress.objects.filter(
        email="client@cast.test", user=worker_user, verified=True
    )
