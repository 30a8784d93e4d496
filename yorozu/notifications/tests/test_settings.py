"""Notification settings: per topic and channel, defaults, honoured by do_notify, and the
one-click unsubscribe link every e-mail carries (no sign-in)."""

import re

import pytest
from django.urls import reverse

from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.notifications.actions import do_notify, do_set_notification_preferences
from yorozu.notifications.models import Notification, NotificationPreference
from yorozu.notifications.preferences import (
    channels_for,
    read_unsubscribe_token,
    unsubscribe_token,
)
from yorozu.notifications.topics import TOPICS, topic_of


def link_in(mail) -> str:
    return re.search(r"https?://\S+/notifications/unsubscribe/\S+/", mail.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_the_apps_file_their_kinds_under_topics():
    assert topic_of("message").key == "messages"
    assert topic_of("proposal_received").key == "proposals"
    assert topic_of("contract_funded").key == "contracts"
    assert topic_of("scout").key == "scouts"
    # Anything nobody filed is about the account and its safety: always sent.
    assert topic_of("restriction_imposed").key == "account"
    assert not TOPICS["account"].optional


def test_defaults_without_a_choice(worker_user):
    assert channels_for(worker_user, "message") == (True, True)
    assert channels_for(worker_user, "notice") == (True, True)  # unfiled: account
    assert TOPICS["notices"].email is False


@pytest.mark.parametrize(
    ("in_app", "email"), [(True, True), (True, False), (False, True), (False, False)]
)
@pytest.mark.django_db(transaction=True)
def test_do_notify_honours_each_channel(in_app, email, worker_user, mailoutbox):
    do_set_notification_preferences(
        choices={"scouts": {"in_app": in_app, "email": email}}, actor=worker_user
    )
    do_notify(worker_user, kind="scout", title="スカウトが届きました", url="/workers/scouts/")
    assert Notification.objects.filter(user=worker_user).exists() == in_app
    assert len(mailoutbox) == int(email)


@pytest.mark.django_db(transaction=True)
def test_account_notices_cannot_be_turned_off(worker_user, mailoutbox):
    do_set_notification_preferences(
        choices={"account": {"in_app": False, "email": False}}, actor=worker_user
    )
    assert not NotificationPreference.objects.filter(topic="account").exists()
    do_notify(worker_user, kind="restriction_imposed", title="利用制限のお知らせ")
    assert Notification.objects.filter(user=worker_user).count() == 1
    assert len(mailoutbox) == 1


def test_a_real_message_honours_the_recipients_choice(
    client_user, worker_user, mailoutbox, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    do_set_notification_preferences(
        choices={"messages": {"in_app": True, "email": False}}, actor=client_user
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(thread, worker_user)
    assert Notification.objects.filter(user=client_user, kind="message").count() == 1
    assert [m for m in mailoutbox if client_user.email in m.to] == []


@pytest.mark.django_db(transaction=True)
def test_every_email_carries_a_working_unsubscribe_link(client, worker_user, mailoutbox):
    do_notify(worker_user, kind="scout", title="スカウトが届きました", url="/workers/scouts/")
    mail = mailoutbox[0]
    url = link_in(mail)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A link scanner's GET changes nothing; the one click (no sign-in, no CSRF token) does.
    page = client.get(path_of(url))
    assert page.status_code == 200 and "スカウト" in page.content.decode()
    assert channels_for(worker_user, "scout") == (True, True)
    done = client.post(path_of(url))
    assert done.status_code == 200 and 'id="unsubscribed"' in done.content.decode()
    assert channels_for(worker_user, "scout") == (True, False)  # the bell stays
    assert channels_for(worker_user, "message") == (True, True)  # other topics untouched
    do_notify(worker_user, kind="scout", title="二通目のスカウト")
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_an_account_email_unsubscribes_from_every_optional_topic(client, worker_user, mailoutbox):
    do_notify(worker_user, kind="restriction_lifted", title="利用制限が解除されました")
    client.post(path_of(link_in(mailoutbox[0])))
    for topic in ("messages", "proposals", "contracts", "scouts", "digests", "notices"):
        assert NotificationPreference.objects.get(user=worker_user, topic=topic).email is False
    assert channels_for(worker_user, "restriction_lifted") == (True, True)


def test_a_forged_or_altered_token_does_nothing(client, worker_user, outsider):
    token = unsubscribe_token(worker_user.pk, "messages")
    assert read_unsubscribe_token(token) == (worker_user.pk, "messages")
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(reverse("notifications:unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_settings_page_saves_checkboxes(client, worker_user):
    client.force_login(worker_user)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert 'name="messages-email"' in page and "checked" in page
    client.post(
        reverse("notifications:settings"),
        {"messages-in_app": "on", "scouts-email": "on", "account-email": ""},
    )
    assert channels_for(worker_user, "message") == (True, False)
    assert channels_for(worker_user, "scout") == (False, True)
    assert channels_for(worker_user, "proposal_received") == (False, False)


def test_the_settings_page_needs_sign_in(client, db):
    response = client.post(reverse("notifications:settings"), {"messages-in_app": "on"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not NotificationPreference.objects.exists()
