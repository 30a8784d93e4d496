"""What a restriction hides or closes reaches every path (issue 15's seams, each reproduced as a
new user would): proposals, postings by URL, the client profile, scouts, messages."""

import pytest
from django.urls import reverse

from yorozu.contracts.actions import do_submit_proposal
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import Proposal
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message
from yorozu.messaging.selectors import visible_messages
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.workers.actions import ScoutRefused, do_accept_scout, do_send_scout
from yorozu.workers.models import Scout, ScoutStatus
from yorozu.workers.selectors import scouts_received
from yorozu.workers.tests.helpers import make_worker

pytestmark = pytest.mark.django_db

PROPOSAL = {"price": 30000, "delivery_days": 7, "message": "ぜひお手伝いさせてください。"}


def restrict(user, staff, level, *features):
    return do_restrict_account(
        user, level=level, features=list(features), reason="規約違反のため", actor=staff
    )


def test_a_worker_barred_from_messaging_cannot_reach_clients_through_proposals(
    worker_user, staff_user
):
    job = JobFactory()
    restrict(worker_user, staff_user, "limited", "message")
    with pytest.raises(ContractError) as refused:
        do_submit_proposal(job=job, worker=worker_user, data=PROPOSAL, actor=worker_user)
    assert refused.value.status == 403
    assert not Proposal.objects.exists()


def test_proposals_already_sent_by_a_barred_worker_are_hidden_from_the_client(
    client, client_user, worker_user, staff_user
):
    job = JobFactory(client=client_user)
    do_submit_proposal(job=job, worker=worker_user, data=PROPOSAL, actor=worker_user)
    restrict(worker_user, staff_user, "limited", "message")
    client.force_login(client_user)
    page = client.get(reverse("contracts:job_proposals", args=[job.pk]))
    assert worker_user.display_name not in page.text


@pytest.mark.parametrize("level", ["suspended_until", "permanent", "no_post"])
def test_a_restricted_clients_postings_and_profile_are_gone_for_others(
    client, client_user, worker_user, staff_user, level
):
    job = JobFactory(client=client_user)
    if level == "no_post":
        restrict(client_user, staff_user, "limited", "post")
    elif level == "permanent":
        restrict(client_user, staff_user, "permanent")
    else:
        import datetime

        from django.utils import timezone

        do_restrict_account(
            client_user,
            level="suspended",
            until=timezone.now() + datetime.timedelta(days=7),
            reason="調査中",
            actor=staff_user,
        )
    client.force_login(worker_user)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("contracts:propose", args=[job.pk])).status_code == 404
    with pytest.raises(ContractError):
        do_submit_proposal(job=job, worker=worker_user, data=PROPOSAL, actor=worker_user)
    profile = client.get(reverse("accounts:client_profile", args=[client_user.pk]))
    assert profile.status_code == (200 if level == "no_post" else 404)
    if level == "no_post":
        assert job.title not in profile.text
    # Staff still see the posting.
    client.force_login(staff_user)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200


def test_accepting_a_scout_from_a_client_since_barred_is_refused_not_a_500(
    client, client_user, staff_user
):
    worker = make_worker("スカウト先")
    job = JobFactory(client=client_user)
    scout = do_send_scout(
        client=client_user,
        worker=worker,
        job=job,
        message="はじめまして。ぜひご提案ください。",
        actor=client_user,
    )
    restrict(client_user, staff_user, "limited", "message")
    assert not scouts_received(worker).exists()  # withdrawn from the worker's list
    with pytest.raises(ScoutRefused):
        do_accept_scout(scout, actor=worker)
    client.force_login(worker)
    response = client.post(reverse("workers:scout_accept", args=[scout.pk]))
    assert response.status_code in (302, 404)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.SENT
    assert not Message.objects.exists()
    assert Scout.objects.count() == 1


def test_a_suspended_senders_messages_are_hidden_from_the_reader(
    client_user, worker_user, staff_user
):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    message = send(thread, client_user, "ご提案ありがとうございます。")
    assert list(visible_messages(thread, worker_user)) == [message]
    restrict(client_user, staff_user, "permanent")
    assert list(visible_messages(thread, worker_user)) == []
    assert list(visible_messages(thread, client_user)) == [message]  # their own, for the appeal
