"""Notices: list, category filter, pagination, detail, scheduled publishing, unread count."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from yorozu.content.models import NoticeCategory, NoticeRead
from yorozu.content.selectors import UNREAD_WINDOW, unread_notice_count
from yorozu.content.tests.factories import NoticeFactory
from yorozu.home.context_processors import header as header_context

pytestmark = pytest.mark.django_db


def future(**kwargs):
    return timezone.now() + timedelta(**kwargs)


def past(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def test_list_shows_published_notices_newest_first(client):
    old = NoticeFactory(title_ja="古いお知らせ", publish_at=past(days=10))
    new = NoticeFactory(title_ja="新しいお知らせ", publish_at=past(days=1))
    response = client.get(reverse("content:notices"))
    assert response.status_code == 200
    assert list(response.context["notices"]) == [new, old]


def test_pinned_notice_comes_first(client):
    NoticeFactory(publish_at=past(days=1))
    pinned = NoticeFactory(publish_at=past(days=30), pinned=True)
    response = client.get(reverse("content:notices"))
    assert response.context["notices"][0] == pinned


def test_empty_state(client):
    response = client.get(reverse("content:notices"))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


def test_category_filter(client):
    safety = NoticeFactory(category=NoticeCategory.SAFETY)
    NoticeFactory(category=NoticeCategory.MAINTENANCE)
    response = client.get(reverse("content:notices"), {"category": "safety"})
    assert list(response.context["notices"]) == [safety]


@pytest.mark.parametrize("category", ["nope", "", "<script>", "safety' OR 1=1"])
def test_unknown_category_shows_everything(client, category):
    NoticeFactory.create_batch(2)
    response = client.get(reverse("content:notices"), {"category": category})
    assert response.status_code == 200
    assert len(response.context["notices"]) == 2


def test_pagination_keeps_the_filter(client):
    for days in range(25):
        NoticeFactory(category=NoticeCategory.FEATURES, publish_at=past(days=days + 1))
    NoticeFactory(category=NoticeCategory.SAFETY)
    first = client.get(reverse("content:notices"), {"category": "features"})
    assert len(first.context["notices"]) == 10
    assert "?category=features&amp;page=2" in first.content.decode()
    third = client.get(reverse("content:notices"), {"category": "features", "page": 3})
    assert len(third.context["notices"]) == 5


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1.5"])
def test_malformed_page_numbers_do_not_fail(client, page):
    NoticeFactory()
    assert client.get(reverse("content:notices"), {"page": page}).status_code == 200


def test_list_query_count_does_not_grow(client, worker_user, django_assert_max_num_queries):
    NoticeFactory.create_batch(10)
    client.force_login(worker_user)
    with django_assert_max_num_queries(12):
        client.get(reverse("content:notices"))


def test_detail_renders_sanitized_markdown(client):
    notice = NoticeFactory(body_ja="**大事**なお知らせ <script>alert(1)</script>")
    response = client.get(notice.get_absolute_url())
    body = response.content.decode()
    assert "<strong>大事</strong>" in body
    assert "alert(1)" not in body


def test_detail_caution_links_to_guidelines_section(client):
    notice = NoticeFactory()
    body = client.get(notice.get_absolute_url()).content.decode()
    assert 'class="caution"' in body
    assert f"{reverse('content:guidelines')}#prohibited-off-platform" in body


def test_unknown_notice_is_404(client):
    assert client.get(reverse("content:notice_detail", args=["no-such"])).status_code == 404


# --- scheduled publishing ----------------------------------------------------------------


def test_future_notice_is_invisible_everywhere_until_its_time(client, worker_user):
    scheduled = NoticeFactory(title_ja="予約したお知らせ", publish_at=future(hours=2))
    client.force_login(worker_user)

    assert scheduled not in client.get(reverse("content:notices")).context["notices"]
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert "予約したお知らせ" not in client.get(reverse("content:notices_feed")).content.decode()
    assert unread_notice_count(worker_user) == 0
    assert "予約したお知らせ" not in client.get(reverse("content:notices")).content.decode()

    # Time passes: the notice's publish time is now in the past.
    scheduled.publish_at = past(minutes=1)
    scheduled.save()

    assert scheduled in client.get(reverse("content:notices")).context["notices"]
    assert unread_notice_count(worker_user) == 1
    assert "予約したお知らせ" in client.get(reverse("content:notices_feed")).content.decode()
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_visiting_a_scheduled_notice_records_no_read(client, worker_user):
    scheduled = NoticeFactory(publish_at=future(days=1))
    client.force_login(worker_user)
    client.get(scheduled.get_absolute_url())
    assert not NoticeRead.objects.exists()


# --- unread count --------------------------------------------------------------------------


def test_unread_count_goes_down_after_reading(client, worker_user):
    first, second = NoticeFactory.create_batch(2)
    assert unread_notice_count(worker_user) == 2
    client.force_login(worker_user)
    client.get(first.get_absolute_url())
    assert unread_notice_count(worker_user) == 1
    client.get(first.get_absolute_url())  # reading again changes nothing
    assert unread_notice_count(worker_user) == 1
    assert NoticeRead.objects.filter(user=worker_user).count() == 1
    client.get(second.get_absolute_url())
    assert unread_notice_count(worker_user) == 0


def test_reads_are_per_user(client, worker_user, client_user):
    notice = NoticeFactory()
    client.force_login(worker_user)
    client.get(notice.get_absolute_url())
    assert unread_notice_count(worker_user) == 0
    assert unread_notice_count(client_user) == 1


def test_old_notices_do_not_count_as_unread(worker_user):
    NoticeFactory(publish_at=timezone.now() - UNREAD_WINDOW - timedelta(days=1))
    assert unread_notice_count(worker_user) == 0


def test_visitor_reading_leaves_no_trace(client):
    notice = NoticeFactory()
    assert client.get(notice.get_absolute_url()).status_code == 200
    assert not NoticeRead.objects.exists()


def test_unread_marks_in_list(client, worker_user):
    read, unread = NoticeFactory.create_batch(2)
    client.force_login(worker_user)
    client.get(read.get_absolute_url())
    response = client.get(reverse("content:notices"))
    assert response.context["unread_ids"] == {unread.pk}
    assert response.context["unread_count"] == 1
    assert "未読のお知らせが1件あります。" in response.content.decode()


def test_header_context_counts_unread_notices(worker_user):
    from django.contrib.auth.models import AnonymousUser

    NoticeFactory()
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert header_context(request) == {}
    request.user = worker_user
    assert header_context(request)["unread_notice_count"] == 1


# --- the home page include ----------------------------------------------------------------


def test_latest_notices_include_shows_newest_published_only():
    NoticeFactory(title_ja="一番古い", publish_at=past(days=40))
    for days in (3, 2, 1):
        NoticeFactory(title_ja=f"{days}日前", publish_at=past(days=days))
    NoticeFactory(title_ja="未来", publish_at=future(days=1))
    html = Template('{% include "content/latest_notices.html" %}').render(Context({}))
    assert "1日前" in html and "3日前" in html
    assert "一番古い" not in html
    assert "未来" not in html
    assert html.index("1日前") < html.index("2日前")


def test_latest_notices_include_empty_state():
    html = Template('{% include "content/latest_notices.html" %}').render(Context({}))
    assert 'class="empty"' in html
