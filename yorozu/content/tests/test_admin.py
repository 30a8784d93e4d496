"""Only staff edit content; the change forms show a sanitized preview."""

import pytest
from django.urls import reverse

from yorozu.content.models import Notice
from yorozu.content.tests.factories import (
    FaqEntryFactory,
    NoticeFactory,
    PageFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


def admin_urls():
    notice = NoticeFactory()
    faq = FaqEntryFactory()
    terms = TermsVersionFactory()
    page = PageFactory()
    return [
        reverse("admin:content_notice_changelist"),
        reverse("admin:content_notice_add"),
        reverse("admin:content_notice_change", args=[notice.pk]),
        reverse("admin:content_faqentry_change", args=[faq.pk]),
        reverse("admin:content_termsversion_change", args=[terms.pk]),
        reverse("admin:content_page_change", args=[page.pk]),
    ]


@pytest.mark.parametrize("who", [None, "client", "worker", "outsider"])
def test_non_staff_cannot_reach_the_admin(client, cast, who):
    urls = admin_urls()
    if who:
        client.force_login(cast[who])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("who", [None, "client", "worker", "outsider"])
def test_non_staff_cannot_change_a_notice(client, cast, who):
    notice = NoticeFactory(title_ja="元のタイトル")
    if who:
        client.force_login(cast[who])
    client.post(
        reverse("admin:content_notice_change", args=[notice.pk]),
        {"title_ja": "改ざん", "slug": notice.slug},
    )
    notice.refresh_from_db()
    assert notice.title_ja == "元のタイトル"


def test_staff_can_edit_and_sees_a_sanitized_preview(client, superuser):
    for url in admin_urls():
        client.force_login(superuser)
        assert client.get(url).status_code == 200, url
    notice = NoticeFactory(body_ja="**太字** <script>alert('x')</script>")
    body = client.get(reverse("admin:content_notice_change", args=[notice.pk])).content.decode()
    assert "<strong>太字</strong>" in body
    assert "<script>alert('x')</script>" not in body


def test_staff_can_schedule_a_notice(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:content_notice_add"),
        {
            "slug": "scheduled",
            "category": "maintenance",
            "publish_at_0": "2099-01-01",
            "publish_at_1": "09:00:00",
            "title_ja": "メンテナンス予定",
            "body_ja": "深夜にメンテナンスを行います。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = Notice.objects.get(slug="scheduled")
    assert not notice.is_published
    assert client.get(notice.get_absolute_url()).status_code == 404


def test_reserved_slug_is_refused(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:content_notice_add"),
        {
            "slug": "feed",
            "category": "safety",
            "publish_at_0": "2020-01-01",
            "publish_at_1": "09:00:00",
            "title_ja": "フィード",
            "body_ja": "本文",
        },
    )
    assert response.status_code == 200
    assert not Notice.objects.filter(slug="feed").exists()
