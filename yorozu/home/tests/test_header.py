from django.urls import reverse

from yorozu.home.context_processors import count_many
from yorozu.notifications.actions import do_notify
from yorozu.notifications.models import Notification


def test_header_badges_come_from_the_combined_count(client, client_user):
    do_notify(client_user, kind="test", title="お知らせ1")
    do_notify(client_user, kind="test", title="お知らせ2")
    client.force_login(client_user)
    response = client.get(reverse("home:home"))
    assert response.context["header_unread_notifications"] == 2
    assert response.context["header_unread_messages"] == 0


def test_count_many_counts_each_queryset(client_user, worker_user, django_assert_num_queries):
    do_notify(client_user, kind="test", title="a")
    do_notify(worker_user, kind="test", title="b")
    do_notify(worker_user, kind="test", title="c")
    with django_assert_num_queries(1):
        counts = count_many(
            Notification.objects.filter(user=client_user),
            Notification.objects.filter(user=worker_user),
            Notification.objects.filter(pk__in=[]),
        )
    assert counts == [1, 2, 0]
