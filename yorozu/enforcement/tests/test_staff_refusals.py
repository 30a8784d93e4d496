"""Separation of duties, audited: nobody in the secretariat decides about themselves, and every
refusal of a staff check leaves a row in the enforcement log ("staff_refused").

The refused action's own transaction rolls back, so the row is written after it: at the end of
the request (StaffRefusalAuditMiddleware), or of a `staff_refusals_audited()` block.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from yorozu.accounts.tests.factories import StaffFactory
from yorozu.console.actions import do_decide_case
from yorozu.core.staff import REVIEW, OwnCaseRefused, staff_refusals_audited
from yorozu.enforcement.actions import do_decide_appeal, do_file_appeal, do_restrict_account
from yorozu.enforcement.models import AppealStatus, EnforcementLog
from yorozu.jobs.actions import do_post_job
from yorozu.jobs.tests.test_job_screening import HOLD, data
from yorozu.moderation.models import ModerationCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def senior():
    return StaffFactory(role="senior_reviewer", email="senior@cast.test")


@pytest.fixture
def own_appeal(staff_user, senior):
    restriction = do_restrict_account(
        staff_user, level="limited", features=["message"], reason="不適切な発言", actor=senior
    )
    return do_file_appeal(restriction, text="誤解です", actor=staff_user)


def refusals():
    return list(EnforcementLog.objects.filter(event_type=EnforcementLog.Event.STAFF_REFUSED))


def test_a_staff_member_cannot_decide_their_own_appeal_and_it_is_audited(
    client, staff_user, own_appeal
):
    client.force_login(staff_user)
    url = reverse("enforcement:secretariat_appeal", args=[own_appeal.pk])
    response = client.post(url, {"upheld": "1", "reason": "自分で認めます"})
    assert response.status_code == 200
    assert "ご自身やご自身のコンテンツに関する判断はできません" in response.text
    own_appeal.refresh_from_db()
    assert own_appeal.status == AppealStatus.PENDING
    [row] = refusals()
    assert row.actor_id == staff_user.pk
    assert row.subject_user_id == staff_user.pk
    assert row.data == {
        "permission": "core.decide_appeals",
        "reason": "own_case",
        "about": [staff_user.pk],
        "path": url,
    }


def test_another_member_decides_it(client, senior, staff_user, own_appeal):
    client.force_login(StaffFactory(email="third@cast.test"))
    url = reverse("enforcement:secretariat_appeal", args=[own_appeal.pk])
    client.post(url, {"upheld": "1", "reason": "発言は問題ありませんでした。"})
    own_appeal.refresh_from_db()
    assert own_appeal.status == AppealStatus.UPHELD
    assert refusals() == []


def test_refusals_outside_a_request_are_audited_by_the_block(staff_user, own_appeal):
    with staff_refusals_audited("shell"), pytest.raises(OwnCaseRefused):
        do_decide_appeal(own_appeal, upheld=True, reason="認めます", actor=staff_user)
    [row] = refusals()
    assert (row.data["reason"], row.data["path"]) == ("own_case", "shell")


def test_acting_without_the_permission_is_refused_and_audited(client_user):
    reviewer = StaffFactory(role="reviewer", email="reviewer@cast.test")
    job = do_post_job(client=client_user, data=data(description=HOLD), actor=client_user)
    case = ModerationCase.objects.get(object_id=job.pk, queue="jobs")
    with staff_refusals_audited(), pytest.raises(PermissionDenied):
        do_decide_case(case, decision="reject_restrict", reason="MLM", actor=reviewer)
    [row] = refusals()
    assert row.actor_id == reviewer.pk
    assert row.data["reason"] == "no_permission"
    assert row.data["permission"] == "core.restrict_accounts"


def test_deciding_ones_own_held_posting_is_refused_and_audited(client, staff_user):
    job = do_post_job(client=staff_user, data=data(description=HOLD), actor=staff_user)
    case = ModerationCase.objects.get(object_id=job.pk, queue="jobs")
    client.force_login(staff_user)
    client.post(reverse("console:decide", args=[case.pk]), {"decision": "approve"})
    case.refresh_from_db()
    assert case.status != "decided"
    [row] = refusals()
    assert (row.data["reason"], row.data["permission"]) == ("own_case", REVIEW)


def test_refusals_show_in_the_secretariat_audit_log(client, staff_user, own_appeal, senior):
    client.force_login(staff_user)
    client.post(
        reverse("enforcement:secretariat_appeal", args=[own_appeal.pk]),
        {"upheld": "1", "reason": "自分で認めます"},
    )
    client.force_login(senior)
    page = client.get(reverse("enforcement:audit"), {"event_type": "staff_refused"})
    assert page.status_code == 200
    assert "事務局スタッフの操作を拒否" in page.text
