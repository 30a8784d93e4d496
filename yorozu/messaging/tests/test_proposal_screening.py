"""Proposals take the same path as messages: block refuses (attempt recorded), hold goes to the
secretariat without reaching the client, warn reaches the client with the reasons."""

import pytest
from django.urls import reverse

from yorozu.contracts.actions import do_submit_proposal
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import Proposal
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import BlockedAttempt
from yorozu.messaging.tests import samples
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.trust.services import assess_text


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user)


def propose(job, worker, message):
    data = {"price": 50000, "delivery_days": 7, "message": message}
    return do_submit_proposal(job=job, worker=worker, data=data, actor=worker)


def verdict(text):
    return assess_text(text, kind="proposal", stage="pre_contract", sender_role="worker").verdict


def test_a_blocked_proposal_is_refused_with_its_reasons_and_recorded(job, worker_user):
    assert verdict(samples.LINE_ID) == "block"
    with pytest.raises(ContractError) as refused:
        propose(job, worker_user, samples.LINE_ID)
    assert "書き直して" in str(refused.value.message)
    assert not Proposal.objects.exists()
    attempt = BlockedAttempt.objects.get()
    assert (attempt.kind, attempt.sender, attempt.thread) == ("proposal", worker_user, None)
    assert not Notification.objects.exists()


def test_a_held_proposal_goes_to_the_secretariat_not_the_client(job, worker_user, client_user):
    text = "はじめまして。" + samples.HOLD
    assert verdict(text) == "hold"
    proposal = propose(job, worker_user, text)
    case = ModerationCase.objects.get(queue="messages")
    assert (case.content_object, case.subject_user) == (proposal, worker_user)
    assert not Notification.objects.filter(user=client_user).exists()


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
    assert not BlockedAttempt.objects.exists()


def test_the_propose_form_keeps_the_draft_when_refused(client, job, worker_user):
    client.force_login(worker_user)
    url = reverse("contracts:propose", args=[job.pk])
    response = client.post(
        url, {"price": "50000", "delivery_days": "7", "message": samples.LINE_ID}
    )
    assert response.status_code == 400
    assert "yamada_1234" in response.text
    assert not Proposal.objects.exists()
