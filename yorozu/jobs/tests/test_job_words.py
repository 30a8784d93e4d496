"""What a posting says about itself: one price when the range is one amount, the state its owner
actually sees, and the secretariat's refusal naming the posting it is about."""

import pytest
from django.urls import reverse

from yorozu.jobs.actions import do_reject_job
from yorozu.jobs.models import JobModeration
from yorozu.jobs.tests.factories import JobFactory
from yorozu.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_budget_of_one_amount_reads_as_one_price(client):
    job = JobFactory(budget_min=300_000, budget_max=300_000)
    page = client.get(reverse("jobs:detail", args=[job.pk])).text
    assert "¥300,000（固定報酬）" in page
    assert "¥300,000〜¥300,000" not in page


def test_a_budget_range_still_reads_as_a_range(client):
    job = JobFactory(budget_min=50_000, budget_max=100_000)
    page = client.get(reverse("jobs:detail", args=[job.pk])).text
    assert "¥50,000〜¥100,000（固定報酬）" in page


def test_a_held_posting_shows_its_owner_under_review_not_open(client):
    job = JobFactory(moderation=JobModeration.HELD)
    client.force_login(job.client)
    for url in (reverse("jobs:detail", args=[job.pk]), reverse("jobs:mine")):
        page = client.get(url).text
        assert ">審査中<" in page, url
        assert ">募集中<" not in page, url


def test_the_not_published_notice_names_the_posting_and_the_reason(cast):
    job = JobFactory(moderation=JobModeration.HELD, title="週末だけのデータ入力")
    do_reject_job(job, reason="外部への連絡誘導は禁止です。", actor=cast["staff"])
    note = Notification.objects.get(user=job.client)
    assert "週末だけのデータ入力" in note.title
    assert "掲載されませんでした" in note.title
    assert note.body == "理由：外部への連絡誘導は禁止です。"
