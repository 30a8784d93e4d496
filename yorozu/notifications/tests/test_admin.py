"""The notification admin: listed, filtered and searched; what a user was told is not edited."""

from django.urls import reverse

from yorozu.notifications.tests.factories import NotificationFactory


def test_notifications_are_listed_filtered_and_searched(admin_client, worker_user):
    NotificationFactory(user=worker_user, title="提案が届きました", kind="proposal")
    NotificationFactory(user=worker_user, title="仮払いされました", kind="fund")
    url = reverse("admin:notifications_notification_changelist")
    assert admin_client.get(url).status_code == 200
    unread = admin_client.get(url, {"read": "no", "kind": "fund"}).text
    assert "仮払いされました" in unread and "提案が届きました" not in unread
    assert "提案が届きました" in admin_client.get(url, {"q": "提案"}).text


def test_a_notification_cannot_be_changed_in_the_admin(admin_client, worker_user):
    notification = NotificationFactory(user=worker_user, title="元の件名")
    change = reverse("admin:notifications_notification_change", args=[notification.pk])
    assert admin_client.get(change).status_code == 200
    admin_client.post(change, {"title": "書き換え"})
    notification.refresh_from_db()
    assert notification.title == "元の件名"
