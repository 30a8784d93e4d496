"""A confirmed violation ends the certified-client badge at once: a rejected posting or message,
an upheld report, a restriction — each re-evaluates the client on the queue as it is decided
(the test settings run tasks immediately), not at the next daily run."""

import pytest
from django.utils import timezone

from yorozu.certification.actions import do_evaluate_certifications
from yorozu.certification.models import CertificationStatus
from yorozu.certification.tests import builders as b
from yorozu.console.actions import do_decide_case
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.actions import do_post_job
from yorozu.jobs.tests.test_job_screening import HOLD, data
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.moderation.models import ModerationCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified():
    owner = b.certified_client(timezone.now())
    do_evaluate_certifications(client_ids=[owner.pk])
    assert CertificationStatus.objects.get(client=owner).certified
    return owner


def certified_now(owner) -> bool:
    return CertificationStatus.objects.get(client=owner).certified


def test_a_rejected_posting_ends_the_badge_at_once(
    certified, staff_user, django_capture_on_commit_callbacks
):
    job = do_post_job(client=certified, data=data(description=HOLD), actor=certified)
    case = ModerationCase.objects.get(object_id=job.pk, queue="jobs")
    assert certified_now(certified)  # a hold is not a confirmed violation
    with django_capture_on_commit_callbacks(execute=True):
        do_decide_case(case, decision="reject", reason="登録料の請求", actor=staff_user)
    assert not certified_now(certified)


def test_a_rejected_message_ends_the_badge_at_once(
    certified, worker_user, staff_user, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(client=certified, worker=worker_user)
    send(thread, certified, samples.HOLD)
    case = ModerationCase.objects.get(queue="messages")
    with django_capture_on_commit_callbacks(execute=True):
        do_decide_case(case, decision="reject", reason="前払いの要求", actor=staff_user)
    assert not certified_now(certified)


def test_an_approved_hold_leaves_the_badge(
    certified, staff_user, django_capture_on_commit_callbacks
):
    job = do_post_job(client=certified, data=data(description=HOLD), actor=certified)
    case = ModerationCase.objects.get(object_id=job.pk, queue="jobs")
    with django_capture_on_commit_callbacks(execute=True):
        do_decide_case(case, decision="approve", actor=staff_user)
    assert certified_now(certified)


def test_a_restriction_ends_the_badge_at_once(
    certified, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_restrict_account(
            certified, level="limited", features=["scout"], reason="違反", actor=staff_user
        )
    assert not certified_now(certified)
