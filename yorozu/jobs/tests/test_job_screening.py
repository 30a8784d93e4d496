"""Screening of postings and edits: each verdict path, and held postings are never public."""

import pytest
from django.urls import reverse

from yorozu.jobs.actions import do_edit_job, do_post_job
from yorozu.jobs.models import Job, JobModeration
from yorozu.jobs.selectors import JobSearchParams, search_jobs
from yorozu.jobs.tests.factories import subcategory
from yorozu.moderation.models import ModerationCase
from yorozu.trust.actions import do_create_rule, do_record_backtest, do_set_rule_state
from yorozu.trust.screening import Blocked

CLEAN = "落ち着いた雰囲気のロゴを作ってください。のれんや包装紙にも使います。"
HOLD = "在宅ワーク\n詳しくはLINEで連絡ください。"
BLOCK = (
    "ネットワークビジネスの仲間を募集。登録料3万円が必要です。"
    "LINE IDはabc123、メール taro.yamada@gmail.com へ"
)


def data(title="和菓子店のロゴ制作", description=CLEAN):
    import datetime

    from django.utils import timezone

    return {
        "title": title,
        "category": subcategory(),
        "description": description,
        "pay_type": "fixed",
        "budget_min": 30000,
        "budget_max": 50000,
        "deadline": timezone.localdate() + datetime.timedelta(days=10),
        "hires_wanted": 1,
    }


@pytest.fixture
def warn_rule(staff_user):
    """A live console rule of weight 2: a posting using the word gets exactly a warning."""
    rule = do_create_rule(
        code="test.warn_word",
        data={
            "category": "test",
            "weight": 2.0,
            "message_ja": "注意語",
            "keywords": ["ぴよぴよ案件"],
        },
        actor=staff_user,
    )
    do_record_backtest(rule, result={"days": 1}, actor=staff_user)
    do_set_rule_state(rule, state="shadow", actor=staff_user)
    do_set_rule_state(rule, state="live", actor=staff_user)
    return rule


def cases_for(job):
    return ModerationCase.objects.filter(object_id=job.pk, queue="jobs")


def test_allow_is_public_without_a_case(client_user):
    job = do_post_job(client=client_user, data=data(), actor=client_user)
    assert job.moderation == JobModeration.PUBLIC
    assert not cases_for(job).exists()
    assert job in search_jobs(JobSearchParams())


def test_warn_is_public_and_queued(client_user, warn_rule):
    job = do_post_job(
        client=client_user, data=data(description="ぴよぴよ案件です。" + CLEAN), actor=client_user
    )
    assert job.moderation == JobModeration.PUBLIC
    assert cases_for(job).get().reason_code == "trust_warn"


def test_hold_is_hidden_until_approved_and_the_owner_sees_under_review(
    client, client_user, worker_user
):
    job = do_post_job(client=client_user, data=data(description=HOLD), actor=client_user)
    assert job.moderation == JobModeration.HELD
    case = cases_for(job).get()
    assert case.reason_code == "trust_hold"
    assert case.assessment["reasons"]
    assert job not in search_jobs(JobSearchParams())
    client.force_login(worker_user)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    client.force_login(client_user)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "job-under-review" in page
    mine = client.get(reverse("jobs:mine")).content.decode()
    assert "status-held" in mine


def test_block_refuses_and_stores_nothing(client_user):
    before = Job.objects.count()
    with pytest.raises(Blocked) as refused:
        do_post_job(client=client_user, data=data(description=BLOCK), actor=client_user)
    assert refused.value.assessment.reasons
    assert Job.objects.count() == before
    assert not ModerationCase.objects.exists()


def test_block_re_renders_the_draft_with_the_flagged_parts(client, client_user):
    client.force_login(client_user)
    form = data(description=BLOCK)
    form["category"] = form["category"].pk
    response = client.post(reverse("jobs:new"), form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "job-refused" in page and "<mark" in page
    assert "taro.yamada@gmail.com" in page  # the draft is kept
    assert not Job.objects.filter(client=client_user).exists()


def test_an_edit_that_becomes_prohibited_goes_back_under_review(client_user):
    job = do_post_job(client=client_user, data=data(), actor=client_user)
    do_edit_job(job, data(description=HOLD), actor=client_user)
    job.refresh_from_db()
    assert job.moderation == JobModeration.HELD
    assert job.description == HOLD
    assert cases_for(job).get().reason_code == "trust_hold"
    assert job.events.last().data["verdict"] == "hold"


def test_a_blocked_edit_changes_nothing(client_user):
    job = do_post_job(client=client_user, data=data(), actor=client_user)
    with pytest.raises(Blocked):
        do_edit_job(job, data(description=BLOCK), actor=client_user)
    job.refresh_from_db()
    assert job.description == CLEAN and job.moderation == JobModeration.PUBLIC
