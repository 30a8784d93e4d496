"""Proposal rules: who may propose, once, on what; and what the client may do with them."""

import datetime

import pytest
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.actions import (
    ContractError,
    do_decline_proposal,
    do_hire_proposal,
    do_shortlist_proposal,
    do_submit_proposal,
    do_withdraw_proposal,
)
from yorozu.contracts.models import Contract, ContractEvent, Proposal, ProposalStatus
from yorozu.contracts.tests.factories import ContractFactory, ProposalFactory
from yorozu.jobs.models import Job, JobStatus
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Thread
from yorozu.notifications.models import Notification

DATA = {
    "price": 60000,
    "delivery_days": 10,
    "message": "よろしくお願いいたします。実績多数あります。",
}


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user)


def test_submit_creates_proposal_thread_count_and_notice(job, worker_user, client_user):
    proposal = do_submit_proposal(job=job, worker=worker_user, data=DATA, actor=worker_user)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert (proposal.price, proposal.delivery_days) == (60000, 10)
    job.refresh_from_db()
    assert job.proposal_count == 1
    assert Thread.objects.filter(job=job, worker=worker_user, client=client_user).exists()
    notice = Notification.objects.get(user=client_user)
    assert notice.kind == "proposal_received"
    assert job.title in notice.title
    assert notice.url == f"/proposals/{proposal.pk}/"


def test_cannot_propose_on_own_job(job, client_user):
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=client_user, data=DATA, actor=client_user)
    assert not Proposal.objects.exists()


def test_cannot_propose_on_closed_job(job, worker_user):
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED)
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=worker_user, data=DATA, actor=worker_user)
    assert not Proposal.objects.exists()
    job.refresh_from_db()
    assert job.proposal_count == 0


def test_cannot_propose_after_deadline(job, worker_user):
    Job.objects.filter(pk=job.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=worker_user, data=DATA, actor=worker_user)
    assert not Proposal.objects.exists()


def test_second_proposal_is_refused_and_counts_once(job, worker_user):
    do_submit_proposal(job=job, worker=worker_user, data=DATA, actor=worker_user)
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=worker_user, data=DATA, actor=worker_user)
    assert Proposal.objects.count() == 1
    job.refresh_from_db()
    assert job.proposal_count == 1


def test_cannot_propose_on_someone_elses_behalf(job, worker_user, outsider):
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=worker_user, data=DATA, actor=outsider)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("action", "who", "expected"),
    [
        (do_shortlist_proposal, "client", ProposalStatus.SHORTLISTED),
        (do_decline_proposal, "client", ProposalStatus.DECLINED),
        (do_withdraw_proposal, "worker", ProposalStatus.WITHDRAWN),
    ],
)
@pytest.mark.parametrize("actor_key", ["client", "worker", "outsider", "staff"])
def test_proposal_steps_over_the_cast(action, who, expected, actor_key, cast, job):
    proposal = ProposalFactory(job=job, worker=cast["worker"])
    notices = Notification.objects.count()
    if actor_key == who:
        action(proposal, actor=cast[actor_key])
        proposal.refresh_from_db()
        assert proposal.status == expected
    else:
        with pytest.raises(ContractError):
            action(proposal, actor=cast[actor_key])
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.SUBMITTED
        assert Notification.objects.count() == notices


def test_decline_notifies_the_worker(job, worker_user, client_user):
    proposal = ProposalFactory(job=job, worker=worker_user)
    do_decline_proposal(proposal, actor=client_user)
    assert Notification.objects.filter(user=worker_user, kind="proposal_declined").exists()


@pytest.mark.parametrize(
    "status", [ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN, ProposalStatus.HIRED]
)
def test_answered_proposals_cannot_be_hired_or_withdrawn(status, job, worker_user, client_user):
    proposal = ProposalFactory(job=job, worker=worker_user, status=status)
    with pytest.raises(ContractError):
        do_hire_proposal(proposal, actor=client_user)
    with pytest.raises(ContractError):
        do_withdraw_proposal(proposal, actor=worker_user)
    proposal.refresh_from_db()
    assert proposal.status == status
    assert not Contract.objects.exists()


def test_hire_creates_an_offer_copied_from_job_and_proposal(job, worker_user, client_user):
    proposal = ProposalFactory(job=job, worker=worker_user, price=77000, status="shortlisted")
    contract = do_hire_proposal(proposal, actor=client_user)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED
    assert contract.status == "offered"
    assert (contract.amount, contract.title, contract.category_id) == (
        77000,
        job.title,
        job.category_id,
    )
    assert (contract.client, contract.worker) == (client_user, worker_user)
    event = ContractEvent.objects.get(contract=contract)
    assert (event.from_status, event.to_status, event.actor) == ("", "offered", client_user)
    assert Notification.objects.filter(user=worker_user, kind="contract_offered").exists()


@pytest.mark.parametrize("who", ["worker", "outsider", "staff"])
def test_only_the_jobs_client_may_hire(who, cast, job):
    proposal = ProposalFactory(job=job, worker=cast["worker"])
    with pytest.raises(ContractError):
        do_hire_proposal(proposal, actor=cast[who])
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert not Contract.objects.exists()


def test_hire_limit_is_enforced(client_user):
    job = JobFactory(client=client_user, hires_wanted=2)
    proposals = [ProposalFactory(job=job) for _ in range(3)]
    do_hire_proposal(proposals[0], actor=client_user)
    do_hire_proposal(proposals[1], actor=client_user)
    with pytest.raises(ContractError, match="2"):
        do_hire_proposal(proposals[2], actor=client_user)
    proposals[2].refresh_from_db()
    assert proposals[2].status == ProposalStatus.SUBMITTED
    assert Contract.objects.filter(job=job).count() == 2


def test_a_cancelled_contract_frees_its_hire(client_user):
    job = JobFactory(client=client_user, hires_wanted=1)
    ContractFactory(job=job, status="cancelled")
    second = ProposalFactory(job=job)
    contract = do_hire_proposal(second, actor=client_user)
    assert contract.status == "offered"


def test_cannot_hire_on_closed_job(job, client_user):
    proposal = ProposalFactory(job=job)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED)
    with pytest.raises(ContractError):
        do_hire_proposal(proposal, actor=client_user)
    assert not Contract.objects.exists()


def test_withdrawn_proposal_can_not_be_resubmitted(job):
    worker = UserFactory(role=Role.WORKER)
    proposal = ProposalFactory(job=job, worker=worker)
    do_withdraw_proposal(proposal, actor=worker)
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=worker, data=DATA, actor=worker)
