"""The inbox: the user's threads in both roles, newest first, in a bounded number of queries."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.messaging.models import Thread
from yorozu.messaging.selectors import threads_for
from yorozu.messaging.tests.factories import ThreadFactory, send

INBOX = "/messages/"


def test_the_inbox_url_is_reserved_name():
    assert reverse("messaging:inbox") == INBOX


def test_the_empty_inbox_says_so(client, outsider):
    client.force_login(outsider)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert 'class="card empty"' in response.text


def test_threads_as_client_and_as_worker_newest_first(client, client_user, worker_user, outsider):
    as_client = ThreadFactory(client=client_user, worker=worker_user)
    as_worker = ThreadFactory(client=outsider, worker=client_user)
    send(as_client, worker_user, "クライアントとしてのスレッド")
    send(as_worker, outsider, "ワーカーとしてのスレッド")  # newer
    rows = list(threads_for(client_user))
    assert [t.pk for t in rows] == [as_worker.pk, as_client.pk]
    assert [(t.as_client, t.other_name, t.unread) for t in rows] == [
        (False, outsider.display_name, True),
        (True, worker_user.display_name, True),
    ]
    client.force_login(client_user)
    html = client.get(INBOX).text
    assert html.index(outsider.display_name) < html.index(worker_user.display_name)
    assert as_client.job.title in html and as_worker.job.title in html
    assert html.count('thread-row unread"') == 2


def test_reading_a_thread_clears_its_unread_mark(client, client_user, worker_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, "未読のメッセージ")
    client.force_login(client_user)
    client.get(reverse("messaging:thread", args=[thread.pk]))
    assert [t.unread for t in threads_for(client_user)] == [False]
    assert "thread-row unread" not in client.get(INBOX).text


def test_the_snippet_is_the_newest_message_the_reader_may_see(client_user, worker_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, "古いメッセージ")
    send(thread, client_user, "新しいメッセージ")
    assert threads_for(worker_user).get().last_body == "新しいメッセージ"


def test_other_peoples_threads_are_not_listed(client, client_user, worker_user, outsider):
    send(ThreadFactory(client=client_user, worker=worker_user), worker_user, "二人だけの話")
    client.force_login(outsider)
    assert "二人だけの話" not in client.get(INBOX).text
    assert not threads_for(outsider).exists()


def make_threads(user, n):
    for _ in range(n):
        other = UserFactory(role=Role.CLIENT)
        thread = ThreadFactory(client=other, worker=user)
        send(thread, other, "ご依頼の件でご連絡しました。")


@pytest.mark.parametrize("n", [3, 20])
def test_the_inbox_takes_a_bounded_number_of_queries(
    client, worker_user, n, django_assert_max_num_queries
):
    make_threads(worker_user, n)
    client.force_login(worker_user)
    # session + user, header's two counts, page count + page rows, the page cache's version
    with django_assert_max_num_queries(8):
        response = client.get(INBOX)
    assert response.text.count("thread-row") == n


def test_the_inbox_is_paginated_and_bad_pages_do_not_error(client, worker_user):
    make_threads(worker_user, 23)
    client.force_login(worker_user)
    first = client.get(INBOX).text
    assert first.count('class="card thread-row') == 20
    assert "?page=2" in first
    assert client.get(INBOX + "?page=2").text.count('class="card thread-row') == 3
    for page in ("abc", "-1", "999999", "1" * 40):
        assert client.get(INBOX, {"page": page}).status_code == 200
    assert Thread.objects.count() == 23
