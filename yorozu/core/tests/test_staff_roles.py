"""The secretariat's roles: one check, permissions by group, nobody decides about themselves,
a suspended staff member loses staff access."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from yorozu.accounts.tests.factories import StaffFactory, UserFactory
from yorozu.console.actions import do_decide_case
from yorozu.core.staff import (
    DECIDE_APPEALS,
    MANAGE_RULES,
    RESTRICT,
    REVIEW,
    OwnCaseRefused,
    has_staff_permission,
    require_staff_permission,
    staff_with_permission,
)
from yorozu.enforcement.actions import (
    do_decide_appeal,
    do_decide_report_case,
    do_file_appeal,
    do_file_report,
    do_restrict_account,
)
from yorozu.enforcement.models import AppealStatus, Restriction
from yorozu.enforcement.selectors import access_report_target
from yorozu.jobs.actions import do_post_job
from yorozu.jobs.models import JobModeration
from yorozu.jobs.tests.test_job_screening import HOLD, data
from yorozu.moderation.models import CaseStatus, ModerationCase
from yorozu.trust.actions import do_create_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return StaffFactory(role="reviewer", email="reviewer@cast.test")


@pytest.fixture
def senior():
    return StaffFactory(role="senior_reviewer", email="senior@cast.test")


def test_roles_grant_what_they_say(reviewer, senior, staff_user, outsider):
    assert has_staff_permission(reviewer, REVIEW)
    assert not has_staff_permission(reviewer, RESTRICT)
    assert has_staff_permission(senior, RESTRICT) and has_staff_permission(senior, DECIDE_APPEALS)
    assert not has_staff_permission(senior, MANAGE_RULES)
    assert has_staff_permission(staff_user, MANAGE_RULES)
    assert not has_staff_permission(outsider, REVIEW)
    # Group membership without the staff flag grants nothing.
    outsider.groups.add(*reviewer.groups.all())
    assert not has_staff_permission(outsider, REVIEW)
    reviewer.is_active = False
    assert not has_staff_permission(reviewer, REVIEW)


def test_staff_with_permission_finds_groups_and_superusers(reviewer, senior, staff_user):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert set(staff_with_permission(MANAGE_RULES)) == {staff_user, superuser}
    assert set(staff_with_permission(REVIEW)) == {reviewer, senior, staff_user, superuser}


def test_a_reviewer_decides_a_held_posting_but_does_not_restrict(client_user, reviewer):
    job = do_post_job(client=client_user, data=data(description=HOLD), actor=client_user)
    case = ModerationCase.objects.get(object_id=job.pk, queue="jobs")
    with pytest.raises(PermissionDenied):
        do_decide_case(case, decision="reject_restrict", reason="MLM", actor=reviewer)
    case.refresh_from_db()
    assert case.status != CaseStatus.DECIDED
    assert not Restriction.objects.exists()
    do_decide_case(case, decision="reject", reason="MLMの勧誘です", actor=reviewer)
    job.refresh_from_db()
    assert job.moderation == JobModeration.REJECTED


def test_reviewers_do_not_reach_rules_or_appeals(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("console:console")).status_code == 200
    assert client.get(reverse("console:rule_new")).status_code == 404
    assert client.get(reverse("enforcement:secretariat_appeals")).status_code == 404
    with pytest.raises(PermissionDenied):
        do_create_rule(code="x.y", data={}, actor=reviewer)


def test_staff_do_not_decide_their_own_held_posting(staff_user):
    job = do_post_job(client=staff_user, data=data(description=HOLD), actor=staff_user)
    case = ModerationCase.objects.get(object_id=job.pk, queue="jobs")
    with pytest.raises(OwnCaseRefused):
        do_decide_case(case, decision="approve", actor=staff_user)
    job.refresh_from_db()
    assert job.moderation == JobModeration.HELD


def test_staff_do_not_dismiss_a_report_about_themselves(staff_user, worker_user):
    item = access_report_target(worker_user, "user", staff_user.pk)
    report = do_file_report(item=item, reason="harassment", details="暴言", actor=worker_user)
    with pytest.raises(OwnCaseRefused):
        do_decide_report_case(report.case, upheld=False, reason="問題なし", actor=staff_user)
    report.refresh_from_db()
    assert report.case.status != CaseStatus.DECIDED


def test_restricted_staff_do_not_decide_their_own_appeal(staff_user, senior):
    restriction = do_restrict_account(
        staff_user, level="limited", features=["message"], reason="不適切な発言", actor=senior
    )
    appeal = do_file_appeal(restriction, text="誤解です", actor=staff_user)
    with pytest.raises(OwnCaseRefused):
        do_decide_appeal(appeal, upheld=True, reason="認めます", actor=staff_user)
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.PENDING
    with pytest.raises(OwnCaseRefused):
        do_restrict_account(staff_user, level="warning", reason="自分で", actor=staff_user)


def test_a_suspended_staff_member_loses_staff_access(client, staff_user, senior):
    do_restrict_account(staff_user, level="permanent", reason="不正アクセス", actor=senior)
    client.force_login(staff_user)
    response = client.get(reverse("console:console"))
    assert response.status_code == 302
    assert response["Location"] == reverse("enforcement:statement")


def test_require_staff_permission_accepts_ids_in_about(staff_user):
    require_staff_permission(staff_user, REVIEW, about=[staff_user.pk + 1, None])
    with pytest.raises(OwnCaseRefused):
        require_staff_permission(staff_user, REVIEW, about=[staff_user.pk])
