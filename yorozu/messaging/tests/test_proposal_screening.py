"""Proposals take the same path as messages: block refuses (attempt recorded), hold goes to the
secretariat without reaching the client, warn reaches the client with the reasons."""

import pytest
from django.urls import reverse

from yorozu.console.actions import do_decide_case
from yorozu.contracts.actions import do_submit_proposal
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import Proposal, ProposalStatus
from yorozu.jobs.models import Job, JobModeration
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Thread
from yorozu.messaging.tests import samples
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import Blocked, Context, screen


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user)


def propose(job, worker, message):
    data = {"price": 50000, "delivery_days": 7, "message": message}
    return do_submit_proposal(job=job, worker=worker, data=data, actor=worker)


def verdict(text):
    return screen("proposal", text, context=Context(sender_role="worker")).verdict


def test_a_blocked_proposal_is_refused_with_its_reasons_and_recorded(job, worker_user):
    assert verdict(samples.LINE_ID) == "block"
    with pytest.raises(Blocked) as refused:
        propose(job, worker_user, samples.LINE_ID)
    assert "書き直して" in str(refused.value.message)
    assert refused.value.reasons
    assert not Proposal.objects.exists()
    attempt = ScreeningRecord.objects.get()
    assert (attempt.kind, attempt.author, attempt.verdict) == ("proposal", worker_user, "block")
    assert not Notification.objects.exists()


def test_a_held_proposal_goes_to_the_secretariat_not_the_client(
    client, job, worker_user, client_user
):
    text = "はじめまして。" + samples.HOLD
    assert verdict(text) == "hold"
    proposal = propose(job, worker_user, text)
    assert proposal.status == ProposalStatus.HELD
    case = ModerationCase.objects.get(queue="messages")
    assert (case.content_object, case.subject_user) == (proposal, worker_user)
    assert not Notification.objects.filter(user=client_user).exists()
    # Nothing of it reaches the client: not counted, no thread, not listed, not reachable.
    assert Job.objects.get(pk=job.pk).proposal_count == 0
    assert not Thread.objects.filter(job=job, worker=worker_user).exists()
    client.force_login(client_user)
    listing = client.get(reverse("contracts:job_proposals", args=[job.pk]))
    assert worker_user.display_name not in listing.text
    detail = client.get(reverse("contracts:proposal_detail", args=[proposal.pk]))
    assert detail.status_code == 404
    # The worker sees it is under review.
    client.force_login(worker_user)
    own = client.get(reverse("contracts:proposal_detail", args=[proposal.pk]))
    assert own.status_code == 200 and "事務局が確認しています" in own.text


def test_the_secretariat_releases_a_held_proposal_to_the_client(
    job, worker_user, client_user, staff_user
):
    proposal = propose(job, worker_user, "はじめまして。" + samples.HOLD)
    case = ModerationCase.objects.get(queue="messages")
    do_decide_case(case, decision="approve", actor=staff_user)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert Job.objects.get(pk=job.pk).proposal_count == 1
    assert Thread.objects.filter(job=job, worker=worker_user).exists()
    assert Notification.objects.filter(user=client_user, kind="proposal_received").exists()


def test_the_secretariat_rejects_a_held_proposal_and_tells_the_worker(
    client, job, worker_user, client_user, staff_user
):
    proposal = propose(job, worker_user, "はじめまして。" + samples.HOLD)
    case = ModerationCase.objects.get(queue="messages")
    do_decide_case(case, decision="reject", reason="外部連絡先の交換は契約後に", actor=staff_user)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert Job.objects.get(pk=job.pk).proposal_count == 0
    assert not Notification.objects.filter(user=client_user).exists()
    note = Notification.objects.get(user=worker_user, kind="proposal_rejected")
    assert "外部連絡先の交換は契約後に" in note.body
    client.force_login(client_user)
    detail = client.get(reverse("contracts:proposal_detail", args=[proposal.pk]))
    assert detail.status_code == 404


@pytest.mark.parametrize("moderation", [JobModeration.HELD, JobModeration.REJECTED])
def test_a_posting_that_is_not_public_takes_no_proposals(client, worker_user, moderation):
    job = JobFactory(moderation=moderation)
    with pytest.raises(ContractError):
        propose(job, worker_user, samples.GREETING)
    client.force_login(worker_user)
    assert client.get(reverse("contracts:propose", args=[job.pk])).status_code == 404
    assert not Proposal.objects.exists()


def test_a_warned_proposal_reaches_the_client_with_the_reason(job, worker_user, client_user):
    text = "はじめまして。" + samples.WARN
    assert verdict(text) == "warn"
    propose(job, worker_user, text)
    note = Notification.objects.get(user=client_user, kind="proposal_received")
    assert "直接取引" in note.body
    assert not ModerationCase.objects.exists()


def test_a_clean_proposal_is_sent_as_before(job, worker_user, client_user):
    propose(job, worker_user, samples.GREETING)
    assert Proposal.objects.count() == 1
    assert Notification.objects.filter(user=client_user, kind="proposal_received").exists()
    assert not ScreeningRecord.objects.exists()


def test_the_propose_form_keeps_the_draft_when_refused(client, job, worker_user):
    client.force_login(worker_user)
    url = reverse("contracts:propose", args=[job.pk])
    response = client.post(
        url, {"price": "50000", "delivery_days": "7", "message": samples.LINE_ID}
    )
    assert response.status_code == 400
    assert "yamada_1234" in response.text
    assert not Proposal.objects.exists()
