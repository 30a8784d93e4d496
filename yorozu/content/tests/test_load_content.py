"""The shipped content loads, meets the issue's minimums, and loading twice changes nothing."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from yorozu.content import seed
from yorozu.content.models import (
    FaqEntry,
    Notice,
    NoticeCategory,
    Page,
    PageKind,
    Section,
    TermsVersion,
)
from yorozu.content.selectors import current_terms, latest_notices

pytestmark = pytest.mark.django_db


def test_load_content_is_idempotent():
    call_command("load_content")
    counts = [m.objects.count() for m in (Notice, FaqEntry, TermsVersion, Page, Section)]
    first_publish = dict(Notice.objects.values_list("slug", "publish_at"))
    call_command("load_content")
    call_command("load_content", "--refresh")
    assert [m.objects.count() for m in (Notice, FaqEntry, TermsVersion, Page, Section)] == counts
    assert dict(Notice.objects.values_list("slug", "publish_at")) == first_publish


def test_reloading_keeps_staff_edits_unless_refresh_is_asked_for():
    call_command("load_content")
    notice = Notice.objects.get(slug="maintenance-notice")
    notice.title_ja = "事務局が編集したタイトル"
    notice.save()
    section = Section.objects.get(page__slug="guidelines", anchor="prohibited-mlm")
    section.body_ja = "編集済み"
    section.save()

    call_command("load_content")
    assert Notice.objects.get(pk=notice.pk).title_ja == "事務局が編集したタイトル"
    assert Section.objects.get(pk=section.pk).body_ja == "編集済み"

    call_command("load_content", "--refresh")
    assert Notice.objects.get(pk=notice.pk).title_ja == "システムメンテナンスのお知らせ"
    assert Section.objects.get(pk=section.pk).body_ja != "編集済み"


def test_shipped_content_meets_the_minimums():
    call_command("load_content")
    monthly = Notice.objects.filter(slug__startswith="monthly-update")
    assert monthly.count() >= 3
    assert set(monthly.values_list("category", flat=True)) <= {
        NoticeCategory.SAFETY,
        NoticeCategory.FEATURES,
    }
    assert FaqEntry.objects.count() >= 20
    assert TermsVersion.objects.count() >= 2
    assert current_terms().version == "2.0"
    assert Page.objects.filter(kind=PageKind.SUPPORT).count() >= 2
    for model_field in ("title_en", "body_en"):
        assert not Notice.objects.filter(**{model_field: ""}).exists()
    assert not FaqEntry.objects.filter(answer_en="").exists()
    assert not Section.objects.filter(body_en="").exists()


def test_the_latest_notice_is_a_monthly_update_and_links_to_the_guidelines(client):
    call_command("load_content")
    latest = latest_notices(limit=1)[0]
    assert latest.slug.startswith("monthly-update")
    body = client.get(latest.get_absolute_url()).content.decode()
    assert "/help/guidelines/#prohibited-off-platform" in body


@pytest.mark.parametrize(
    ("url_name", "anchors"),
    [
        ("guidelines", seed.guideline_anchors()),
        ("safety", seed.safety_anchors()),
    ],
)
def test_every_promised_anchor_exists(client, url_name, anchors):
    call_command("load_content")
    body = client.get(reverse(f"content:{url_name}")).content.decode()
    ids = set(re.findall(r'<section[^>]* id="([^"]+)"', body))
    assert set(anchors) <= ids


def test_internal_links_in_shipped_content_resolve(client, worker_user):
    """Every /path/#anchor link in the shipped Markdown points at a page and section that exist
    (read signed in: the privacy policy links to the account's own privacy page)."""
    call_command("load_content")
    client.force_login(worker_user)
    texts = []
    for notice in Notice.objects.all():
        texts += [notice.body_ja, notice.body_en]
    for entry in FaqEntry.objects.all():
        texts += [entry.answer_ja, entry.answer_en]
    for section in Section.objects.all():
        texts += [section.body_ja, section.body_en]
    for page in Page.objects.all():
        texts += [page.body_ja, page.body_en]
    links = {m for text in texts for m in re.findall(r"\]\((/[^)\s]*)\)", text)}
    assert links
    for link in sorted(links):
        path, _, anchor = link.partition("#")
        response = client.get(path)
        assert response.status_code == 200, link
        if anchor:
            assert f'id="{anchor}"' in response.content.decode(), link
