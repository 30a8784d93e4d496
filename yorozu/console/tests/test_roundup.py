"""The monthly round-up: drafted from the month's records, seen by staff only, edited, published."""

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.console.actions import do_draft_monthly_roundup
from yorozu.content.models import Notice
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.actions import do_post_job
from yorozu.jobs.tests.test_job_screening import HOLD, data

pytestmark = pytest.mark.django_db


def this_month():
    today = timezone.localdate()
    return today.year, today.month


def test_the_draft_counts_the_months_records_and_stays_hidden(client, cast):
    # Two postings screened this month, one held for its LINE contact; one account restricted.
    do_post_job(client=cast["client"], data=data(), actor=cast["client"])
    do_post_job(client=cast["client"], data=data(description=HOLD), actor=cast["client"])
    do_restrict_account(
        cast["outsider"], level="permanent", reason="MLMの勧誘", actor=cast["staff"]
    )
    notice = do_draft_monthly_roundup(*this_month(), actor=cast["staff"])
    assert notice.is_draft
    assert "ユーザー体験改善チームからのお知らせ" in notice.title_ja
    assert "掲載・編集された仕事 2件をすべて公開前に確認し、1件を事務局の確認のため保留" in (
        notice.body_ja
    )
    assert "1件に利用制限を行いました（うち永久利用制限 1件）" in notice.body_ja
    assert "yorozu外（LINEなど）への誘導" in notice.body_ja or "契約前の連絡先の交換" in (
        notice.body_ja
    )
    assert "We checked all 2 postings" in notice.body_en
    # Nobody outside the secretariat sees a draft.
    assert client.get(reverse("content:notices")).text.count(notice.title_ja) == 0
    assert client.get(notice.get_absolute_url()).status_code == 404


def test_drafting_the_month_again_rewrites_the_same_draft(cast):
    first = do_draft_monthly_roundup(*this_month(), actor=cast["staff"])
    do_post_job(client=cast["client"], data=data(), actor=cast["client"])
    second = do_draft_monthly_roundup(*this_month(), actor=cast["staff"])
    assert first.pk == second.pk
    assert Notice.objects.filter(slug=first.slug).count() == 1


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_only_staff_reach_the_roundup_pages(client, cast, who):
    notice = do_draft_monthly_roundup(*this_month(), actor=cast["staff"])
    client.force_login(cast[who])
    assert client.get(reverse("console:roundup")).status_code == 404
    response = client.post(
        reverse("console:roundup_edit", args=[notice.pk]),
        {"title_ja": "x", "body_ja": "y", "action": "publish"},
    )
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.is_draft and notice.title_ja != "x"


def test_staff_draft_edit_and_publish_through_the_pages(client, cast):
    client.force_login(cast["staff"])
    year, month = this_month()
    response = client.post(reverse("console:roundup"), {"month": f"{year:04d}-{month:02d}"})
    notice = Notice.objects.get(is_draft=True)
    assert response.url == reverse("console:roundup_edit", args=[notice.pk])
    edited = notice.body_ja + "\n編集した一文です。"
    form = {"title_ja": notice.title_ja, "body_ja": edited, "title_en": "", "body_en": ""}
    client.post(reverse("console:roundup_edit", args=[notice.pk]), {**form, "action": "save"})
    notice.refresh_from_db()
    assert notice.is_draft and notice.body_ja.endswith("編集した一文です。")
    response = client.post(
        reverse("console:roundup_edit", args=[notice.pk]), {**form, "action": "publish"}
    )
    assert response.url == notice.get_absolute_url()
    notice.refresh_from_db()
    assert not notice.is_draft
    client.logout()
    page = client.get(notice.get_absolute_url()).text
    assert "編集した一文です。" in page
    # A published notice is no longer a draft to edit.
    client.force_login(cast["staff"])
    assert client.get(reverse("console:roundup_edit", args=[notice.pk])).status_code == 404
