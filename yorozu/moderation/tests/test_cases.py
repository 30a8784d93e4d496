import pytest

from yorozu.accounts.tests.factories import StaffFactory
from yorozu.jobs.tests.factories import JobFactory
from yorozu.moderation.actions import (
    CaseError,
    do_claim_case,
    do_open_case,
    do_record_case_decision,
)
from yorozu.moderation.models import CaseEvent, CaseQueue, CaseStatus, ModerationCase


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user)


def open_case(job, **kwargs):
    return do_open_case(
        queue=CaseQueue.JOBS,
        content_object=job,
        subject_user=job.client,
        reason_code=kwargs.pop("reason_code", "trust_hold"),
        assessment={"verdict": "hold", "score": 0.8, "reasons": []},
        **kwargs,
    )


def test_open_case_writes_an_opened_event(job):
    case = open_case(job, priority=5)
    assert case.status == CaseStatus.OPEN
    assert case.content_object == job
    assert case.subject_user == job.client
    assert list(case.events.values_list("event_type", flat=True)) == ["opened"]


def test_second_signal_merges_into_the_live_case_and_raises_priority(job):
    first = open_case(job, priority=1)
    second = open_case(job, priority=9, reason_code="report")
    assert second.pk == first.pk
    assert ModerationCase.objects.count() == 1
    first.refresh_from_db()
    assert first.priority == 9
    assert list(first.events.values_list("event_type", flat=True)) == ["opened", "merged"]


def test_a_decided_case_does_not_absorb_new_signals(job, staff_user):
    first = open_case(job)
    do_record_case_decision(first, decision="approve", actor=staff_user)
    second = open_case(job)
    assert second.pk != first.pk


def test_claim_is_exclusive(job, staff_user):
    from yorozu.accounts.tests.factories import StaffFactory

    other = StaffFactory()
    case = open_case(job)
    do_claim_case(case, actor=staff_user)
    assert do_claim_case(case, actor=staff_user).claimed_by == staff_user  # idempotent for owner
    with pytest.raises(CaseError):
        do_claim_case(case, actor=other)
    case.refresh_from_db()
    assert case.claimed_by == staff_user
    assert CaseEvent.objects.filter(case=case, event_type="claimed").count() == 1


def test_only_the_claimer_decides_and_only_once(job, staff_user):

    other = StaffFactory()
    case = open_case(job)
    do_claim_case(case, actor=staff_user)
    with pytest.raises(CaseError):
        do_record_case_decision(case, decision="reject", reason="x", actor=other)
    decided = do_record_case_decision(case, decision="reject", reason="規約違反", actor=staff_user)
    assert decided.status == CaseStatus.DECIDED
    assert decided.decision_reason == "規約違反"
    with pytest.raises(CaseError):
        do_record_case_decision(case, decision="approve", actor=staff_user)
    decided.refresh_from_db()
    assert decided.decision == "reject"
