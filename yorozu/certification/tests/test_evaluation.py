"""Granting, revoking and re-granting with history and notifications; set-based evaluation; the
event hooks that re-evaluate one client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yorozu.certification.actions import do_evaluate_certifications
from yorozu.certification.models import CertificationEvent, CertificationStatus
from yorozu.certification.selectors import is_certified_client
from yorozu.certification.tests import builders as b
from yorozu.certification.tests.builders import DAY, NOW
from yorozu.contracts.models import ContractStatus
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.notifications.models import Notification
from yorozu.reviews.actions import do_leave_review


def test_grant_revoke_and_regrant_keep_history_and_notify(db):
    owner = b.certified_client()
    result = do_evaluate_certifications(now=NOW)
    assert result.granted == [owner.pk]
    status = CertificationStatus.objects.get(client=owner)
    assert status.certified and status.since == NOW
    granted = Notification.objects.get(user=owner, kind="certification_granted")
    assert "認定クライアント" in granted.title

    # Unchanged the next day: no new event, no new notification, `since` kept.
    later = NOW + DAY
    assert do_evaluate_certifications(now=later).granted == []
    status.refresh_from_db()
    assert status.since == NOW and status.evaluated_at == later
    assert CertificationEvent.objects.filter(client=owner).count() == 1

    # 183 days on, the order record has left the window: the badge goes, with the reason.
    gone = NOW + 183 * DAY
    assert do_evaluate_certifications(now=gone).revoked == [owner.pk]
    status.refresh_from_db()
    assert not status.certified and status.since is None
    event = CertificationEvent.objects.get(client=owner, kind="revoked")
    assert "order_value" in event.failed
    revoked = Notification.objects.get(user=owner, kind="certification_revoked")
    assert "30万円以上" in revoked.body
    assert revoked.url == "/account/certification/"

    # New orders bring it back: granted again, a third history row, a second congratulation.
    c = b.hired_contract(owner, posted_at=gone - 30 * DAY, completed_at=gone - 10 * DAY)
    b.review_of_client(c, overall=5, created_at=gone - 9 * DAY)
    assert do_evaluate_certifications(now=gone).granted == [owner.pk]
    kinds = list(
        CertificationEvent.objects.filter(client=owner)
        .order_by("created_at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["granted", "revoked", "granted"]
    assert Notification.objects.filter(user=owner, kind="certification_granted").count() == 2
    assert is_certified_client(owner)


def test_clients_who_never_posted_are_not_evaluated(db, worker_user):
    b.certified_client()
    do_evaluate_certifications(now=NOW)
    assert not CertificationStatus.objects.filter(client=worker_user).exists()
    assert not is_certified_client(worker_user)


def _population(n: int) -> None:
    for i in range(n):
        owner = b.certified_client() if i % 2 else b.client()
        b.job(owner, created_at=NOW - 20 * DAY)


def test_query_count_is_independent_of_the_number_of_clients(db, django_assert_max_num_queries):
    """One query per metric over all clients, whatever their number (notifications aside,
    which are one per changed client, so the second, unchanged run is measured)."""
    _population(4)
    do_evaluate_certifications(now=NOW)
    with CaptureQueriesContext(connection) as few:
        do_evaluate_certifications(now=NOW + DAY)
    _population(20)
    do_evaluate_certifications(now=NOW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        result = do_evaluate_certifications(now=NOW + DAY)
    assert result.clients == 24
    assert CertificationStatus.objects.count() == 24
    assert len(few.captured_queries) <= 16


def test_evaluating_one_client_leaves_the_others_alone(db):
    one, other = b.certified_client(), b.certified_client()
    result = do_evaluate_certifications(now=NOW, client_ids=[one.pk])
    assert result.clients == 1 and result.granted == [one.pk]
    assert not CertificationStatus.objects.filter(client=other).exists()


def test_completing_a_contract_reevaluates_its_client(db, django_capture_on_commit_callbacks):
    """The complete action enqueues `evaluate_client` on commit (run at once in tests)."""
    contract = ContractFactory(status=ContractStatus.DELIVERED, price=400000)
    client = contract.client
    type(client).objects.filter(pk=client.pk).update(identity_status="verified")
    from yorozu.contracts.actions import do_complete_contract

    with django_capture_on_commit_callbacks(execute=True):
        do_complete_contract(contract, actor=client)
    status = CertificationStatus.objects.get(client=client)
    assert status.values["order_value"] == 400000.0
    assert status.values["satisfaction"] is None  # not reviewed yet: not certified
    assert not status.certified

    with django_capture_on_commit_callbacks(execute=True):
        do_leave_review(
            contract=contract,
            reviewer=contract.worker,
            data={"overall": 5, "quality": 5, "communication": 5, "timeliness": 5},
            actor=contract.worker,
        )
    status.refresh_from_db()
    assert status.values["satisfaction"] == 100.0


@pytest.mark.parametrize("run_twice", [False, True])
def test_evaluation_is_idempotent(db, run_twice):
    owner = b.certified_client()
    do_evaluate_certifications(now=NOW)
    if run_twice:
        do_evaluate_certifications(now=NOW)
    assert CertificationEvent.objects.filter(client=owner).count() == 1
    assert Notification.objects.filter(user=owner, kind="certification_granted").count() == 1
