"""Rows for the evaluator, written directly with explicit timestamps relative to a fixed `now`.

The evaluator reads only stored rows, so tests build exactly the history they need (dates in the
past included) instead of replaying actions at today's clock.
"""

from __future__ import annotations

import datetime
import itertools

from yorozu.accounts.models import IdentityStatus, Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.models import (
    Contract,
    ContractEvent,
    ContractStatus,
    Proposal,
    ProposalStatus,
)
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message, Thread
from yorozu.reviews.models import Direction, Review

NOW = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
_seq = itertools.count()


def client(verified: bool = True, **extra):
    return UserFactory(
        role=Role.CLIENT,
        identity_status=IdentityStatus.VERIFIED if verified else IdentityStatus.UNVERIFIED,
        **extra,
    )


def worker():
    return UserFactory(role=Role.WORKER)


def job(owner, *, created_at):
    j = JobFactory(client=owner)
    type(j).objects.filter(pk=j.pk).update(created_at=created_at, updated_at=created_at)
    j.created_at = created_at
    return j


def proposal(j, *, created_at, status=ProposalStatus.SUBMITTED, answered_after=None, by=None):
    p = Proposal.objects.create(
        job=j,
        worker=by or worker(),
        price=50000,
        delivery_days=7,
        message="提案します。",
        status=status,
        created_at=created_at,
        updated_at=created_at + (answered_after or datetime.timedelta(0)),
    )
    return p


def contract(
    p,
    *,
    status=ContractStatus.COMPLETED,
    amount=300000,
    accepted_at=None,
    funded_after=HOUR,
    completed_at=None,
    cancelled_at=None,
):
    accepted_at = accepted_at or p.created_at + HOUR
    funded = status in {ContractStatus.FUNDED, ContractStatus.DELIVERED, ContractStatus.COMPLETED}
    return Contract.objects.create(
        job=p.job,
        proposal=p,
        client_id=p.job.client_id,
        worker_id=p.worker_id,
        title=p.job.title,
        category_id=p.job.category_id,
        amount=amount,
        status=status,
        created_at=accepted_at - HOUR,
        accepted_at=accepted_at,
        funded_at=accepted_at + funded_after if funded else None,
        completed_at=completed_at if status == ContractStatus.COMPLETED else None,
        cancelled_at=cancelled_at,
    )


def hired_contract(owner, *, posted_at, amount=300000, completed_at=None, **kwargs):
    """A job posted at `posted_at`, a proposal hired within an hour, a completed contract."""
    j = job(owner, created_at=posted_at)
    p = proposal(j, created_at=posted_at + HOUR, status=ProposalStatus.HIRED, answered_after=HOUR)
    return contract(
        p,
        amount=amount,
        accepted_at=posted_at + 3 * HOUR,
        completed_at=completed_at or posted_at + 10 * DAY,
        **kwargs,
    )


def review_of_client(c, *, overall, created_at):
    return Review.objects.create(
        contract=c,
        reviewer_id=c.worker_id,
        reviewee_id=c.client_id,
        direction=Direction.WORKER_TO_CLIENT,
        overall=overall,
        quality=overall,
        communication=overall,
        timeliness=overall,
        created_at=created_at,
    )


def cancel_event(c, *, actor_id, from_status=ContractStatus.ACCEPTED, at):
    return ContractEvent.objects.create(
        contract=c,
        actor_id=actor_id,
        from_status=from_status,
        to_status=ContractStatus.CANCELLED,
        created_at=at,
    )


def thread(j, w):
    t, _ = Thread.objects.get_or_create(job=j, worker=w, defaults={"client_id": j.client_id})
    return t


def message(t, sender, *, at):
    return Message.objects.create(
        thread=t, sender=sender, body="よろしくお願いします。", created_at=at
    )


def certified_client(now=NOW):
    """A client who meets every default criterion at `now` (with one contract of ¥300,000)."""
    owner = client()
    c = hired_contract(owner, posted_at=now - 40 * DAY, completed_at=now - 20 * DAY)
    review_of_client(c, overall=5, created_at=now - 19 * DAY)
    return owner
