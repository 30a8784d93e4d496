"""The API tests' marketplace: one of everything the cast can act on, and a token for each."""

import pytest

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.api.tests.helpers import PROPOSAL, token_for
from yorozu.contracts.actions import do_hire_proposal, do_submit_proposal
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.actions import do_send_message, ensure_thread
from yorozu.messaging.tests import samples
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.workers.actions import do_send_scout


def _propose(job, worker):
    return do_submit_proposal(job=job, worker=worker, data=PROPOSAL, actor=worker)


@pytest.fixture
def world(client_user, worker_user, outsider, staff_user):
    """Ids of the marketplace and a token per member of the cast (None for anonymous)."""
    job = JobFactory(client=client_user)  # the worker's pending proposal is on it
    spare = JobFactory(client=client_user)  # free to propose on, scout about, hire for
    scouted = JobFactory(client=client_user)
    hired_job = JobFactory(client=client_user)
    proposal = _propose(job, worker_user)
    contract = do_hire_proposal(_propose(hired_job, worker_user), actor=client_user)
    thread = ensure_thread(job, worker_user)
    do_send_message(
        thread=thread,
        sender=worker_user,
        body=samples.GREETING,
        idempotency_key="w1",
        actor=worker_user,
    )
    held = do_send_message(
        thread=thread,
        sender=worker_user,
        body=samples.HOLD,
        idempotency_key="w2",
        actor=worker_user,
    )
    scout = do_send_scout(
        client=client_user,
        worker=worker_user,
        job=scouted,
        message="ぜひご検討ください。",
        actor=client_user,
    )
    restricted = UserFactory(email="restricted@cast.test", role=Role.WORKER)
    tokens = {
        "client": token_for(client_user),
        "worker": token_for(worker_user),
        "outsider": token_for(outsider),
        "restricted": token_for(restricted),
        "staff": token_for(staff_user),
        "anonymous": None,
    }
    do_restrict_account(restricted, level="permanent", reason="規約違反", actor=staff_user)
    case = ModerationCase.objects.get(object_id=held.pk, queue="messages")
    notification = Notification.objects.filter(user=worker_user).latest("id")
    return {
        "job": job.pk,
        "spare": spare.pk,
        "proposal": proposal.pk,
        "contract": contract.pk,
        "thread": thread.pk,
        "scout": scout.pk,
        "case": case.pk,
        "notification": notification.pk,
        "worker_id": worker_user.pk,
        "category": job.category_id,
        "tokens": tokens,
    }
