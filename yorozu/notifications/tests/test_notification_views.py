"""The notification list, opening one (only ever to a page of this site), and reading them all."""

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.notifications.models import Notification
from yorozu.notifications.selectors import safe_local_url
from yorozu.notifications.tests.factories import NotificationFactory

LIST = "/notifications/"
CAST = ["client", "worker", "outsider", "staff"]


def read_url(notification):
    return reverse("notifications:read", args=[notification.pk])


def test_the_urls_keep_their_reserved_names():
    assert reverse("notifications:list") == LIST
    assert reverse("notifications:read_all") == "/notifications/read-all/"


def test_signed_out_visitors_are_sent_to_log_in(client, worker_user):
    notification = NotificationFactory(user=worker_user)
    assert client.get(LIST).status_code == 302
    assert client.post(read_url(notification)).status_code == 302
    assert client.post(reverse("notifications:read_all")).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_empty_list_says_so(client, outsider):
    client.force_login(outsider)
    response = client.get(LIST)
    assert response.status_code == 200
    assert 'class="card empty"' in response.text


def test_unread_come_first_and_are_marked(client, worker_user):
    old_unread = NotificationFactory(user=worker_user, title="古い未読")
    read = NotificationFactory(user=worker_user, title="既読のもの", read_at=timezone.now())
    new_unread = NotificationFactory(user=worker_user, title="新しい未読")
    NotificationFactory(title="他人の通知")
    client.force_login(worker_user)
    html = client.get(LIST).text
    assert html.index(new_unread.title) < html.index(old_unread.title) < html.index(read.title)
    assert html.count("notification unread") == 2
    assert "他人の通知" not in html


def test_the_list_is_paginated_in_bounded_queries(
    client, worker_user, django_assert_max_num_queries
):
    for _ in range(25):
        NotificationFactory(user=worker_user)
    client.force_login(worker_user)
    # session + user, header's two counts, page count + page rows
    with django_assert_max_num_queries(7):
        first = client.get(LIST).text
    assert first.count('class="card notification') == 20
    assert client.get(LIST + "?page=2").text.count('class="card notification') == 5
    assert client.get(LIST + "?page=zzz").status_code == 200


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, worker_user):
    notification = NotificationFactory(user=worker_user, url="/messages/3/")
    client.force_login(worker_user)
    response = client.post(read_url(notification))
    assert response.status_code == 302
    assert response["Location"] == "/messages/3/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "messages/3/",
        " //evil.example/",
    ],
)
def test_a_link_off_the_site_goes_to_the_list_instead(client, worker_user, url):
    notification = NotificationFactory(user=worker_user, url=url)
    client.force_login(worker_user)
    response = client.post(read_url(notification))
    assert response["Location"] == LIST
    assert safe_local_url(url) == ""


def test_opening_twice_is_harmless(client, worker_user):
    notification = NotificationFactory(user=worker_user)
    client.force_login(worker_user)
    client.post(read_url(notification))
    notification.refresh_from_db()
    first_read = notification.read_at
    assert client.post(read_url(notification)).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at == first_read


@pytest.mark.parametrize("who", ["client", "outsider", "staff"])
def test_someone_elses_notification_is_404_and_stays_unread(client, cast, worker_user, who):
    notification = NotificationFactory(user=worker_user)
    client.force_login(cast[who])
    assert client.post(read_url(notification)).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_only_takes_post(client, worker_user):
    notification = NotificationFactory(user=worker_user)
    client.force_login(worker_user)
    assert client.get(read_url(notification)).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_missing_notification_is_404(client, worker_user):
    client.force_login(worker_user)
    assert client.post("/notifications/999999/read/").status_code == 404


@pytest.mark.parametrize("who", CAST)
def test_read_all_marks_only_ones_own(client, cast, who):
    for member in cast.values():
        NotificationFactory(user=member)
        NotificationFactory(user=member)
    client.force_login(cast[who])
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert response["Location"] == LIST
    unread = Notification.objects.filter(read_at__isnull=True)
    assert not unread.filter(user=cast[who]).exists()
    assert unread.count() == 2 * (len(cast) - 1)


def test_the_header_count_follows_reading(client, worker_user):
    NotificationFactory(user=worker_user)
    NotificationFactory(user=worker_user)
    client.force_login(worker_user)
    assert client.get(LIST).context["header_unread_notifications"] == 2
    client.post(reverse("notifications:read_all"))
    assert client.get(LIST).context["header_unread_notifications"] == 0
