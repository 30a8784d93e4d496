"""Blocking: one predicate bars every contact path both ways; the secretariat sees the signal."""

import uuid

import pytest
from django.urls import reverse

from yorozu.blocks.actions import BlockRefused, do_block_user, do_unblock_user
from yorozu.blocks.models import Block, BlockEvent, BlockReason
from yorozu.blocks.selectors import ContactBlocked, block_signal
from yorozu.contracts.actions.proposals import do_submit_proposal
from yorozu.contracts.models import Proposal
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.actions import do_send_message, ensure_thread
from yorozu.messaging.models import Message
from yorozu.moderation.actions import do_open_case
from yorozu.moderation.models import CaseQueue
from yorozu.trust.models import ScreeningRecord
from yorozu.workers.actions import do_accept_scout, do_send_scout
from yorozu.workers.models import Scout, ScoutStatus

KIND = "はじめまして。和菓子店のロゴ制作をお願いできる方を探しています。ぜひご提案ください。"
PROPOSAL = {"price": 60000, "delivery_days": 10, "message": "よろしくお願いいたします。"}


def _message_from_client(client, worker, job):
    thread = ensure_thread(job, worker)
    do_send_message(
        thread=thread, sender=client, body=KIND, idempotency_key=uuid.uuid4().hex, actor=client
    )


def _message_from_worker(client, worker, job):
    thread = ensure_thread(job, worker)
    do_send_message(
        thread=thread, sender=worker, body=KIND, idempotency_key=uuid.uuid4().hex, actor=worker
    )


def _scout(client, worker, job):
    do_send_scout(client=client, worker=worker, job=job, message=KIND, actor=client)


def _propose(client, worker, job):
    do_submit_proposal(job=job, worker=worker, data=PROPOSAL, actor=worker)


# Every path by which one of the two reaches the other; a new path belongs in this list.
PATHS = {
    "message from the client": _message_from_client,
    "message from the worker": _message_from_worker,
    "scout": _scout,
    "proposal": _propose,
}


def _stored():
    return (Message.objects.count(), Scout.objects.count(), Proposal.objects.count())


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("who_blocks", ["client", "worker"])
def test_a_block_bars_every_path_both_ways(path, who_blocks, client_user, worker_user):
    job = JobFactory(client=client_user)
    blocker, blocked = (
        (client_user, worker_user) if who_blocks == "client" else (worker_user, client_user)
    )
    do_block_user(blocked=blocked, actor=blocker)
    before = _stored()
    screened_before = ScreeningRecord.objects.count()
    with pytest.raises(ContactBlocked) as refused:
        PATHS[path](client_user, worker_user, job)
    assert refused.value.status == 403
    assert _stored() == before
    # Refused before the screening door: a block is not an attempt at a bad text.
    assert ScreeningRecord.objects.count() == screened_before


@pytest.mark.parametrize("path", PATHS)
def test_every_path_works_again_after_an_unblock(path, client_user, worker_user):
    job = JobFactory(client=client_user)
    do_block_user(blocked=worker_user, actor=client_user)
    assert do_unblock_user(blocked=worker_user, actor=client_user)
    before = _stored()
    PATHS[path](client_user, worker_user, job)
    assert _stored() != before


def test_a_scout_sent_before_the_block_cannot_be_accepted(client_user, worker_user):
    job = JobFactory(client=client_user)
    scout = do_send_scout(
        client=client_user, worker=worker_user, job=job, message=KIND, actor=client_user
    )
    do_block_user(blocked=client_user, actor=worker_user)
    with pytest.raises(ContactBlocked):
        do_accept_scout(scout, actor=worker_user)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.SENT
    assert Message.objects.count() == 0


def test_the_refusal_tells_each_side_what_it_means(client_user, worker_user):
    job = JobFactory(client=client_user)
    thread = ensure_thread(job, worker_user)
    do_block_user(blocked=worker_user, actor=client_user)
    with pytest.raises(ContactBlocked) as mine:
        do_send_message(
            thread=thread, sender=client_user, body=KIND, idempotency_key="a", actor=client_user
        )
    with pytest.raises(ContactBlocked) as theirs:
        do_send_message(
            thread=thread, sender=worker_user, body=KIND, idempotency_key="b", actor=worker_user
        )
    assert "ブロック" in str(mine.value.message) and "解除" in str(mine.value.message)
    assert str(theirs.value.message) != str(mine.value.message)


def test_blocking_twice_keeps_one_block_and_one_event(client_user, worker_user):
    first = do_block_user(blocked=worker_user, reason=BlockReason.SPAM, actor=client_user)
    second = do_block_user(blocked=worker_user, actor=client_user)
    assert first.pk == second.pk and second.reason == BlockReason.SPAM
    assert Block.objects.count() == 1
    assert list(BlockEvent.objects.values_list("event_type", flat=True)) == ["blocked"]
    assert do_unblock_user(blocked=worker_user, actor=client_user)
    assert not do_unblock_user(blocked=worker_user, actor=client_user)
    assert list(BlockEvent.objects.values_list("event_type", flat=True)) == [
        "blocked",
        "unblocked",
    ]


def test_one_cannot_block_oneself_or_the_secretariat(client_user, staff_user):
    with pytest.raises(BlockRefused):
        do_block_user(blocked=client_user, actor=client_user)
    with pytest.raises(BlockRefused):
        do_block_user(blocked=staff_user, actor=client_user)
    assert Block.objects.count() == 0


def test_the_block_pages_block_list_and_unblock(client, client_user, worker_user):
    client.force_login(client_user)
    empty = client.get(reverse("blocks:list"))
    assert "ブロックしている人はいません" in empty.content.decode()
    form = client.get(reverse("blocks:block", args=[worker_user.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("blocks:block", args=[worker_user.pk]), {"reason": BlockReason.HARASSMENT}
    )
    assert response.status_code == 302
    block = Block.objects.get()
    assert (block.blocker, block.blocked, block.reason) == (
        client_user,
        worker_user,
        BlockReason.HARASSMENT,
    )
    listing = client.get(reverse("blocks:list")).content.decode()
    assert worker_user.display_name in listing
    client.post(reverse("blocks:unblock", args=[worker_user.pk]))
    assert Block.objects.count() == 0


def test_the_profile_offers_the_block_link(client, client_user, worker_user):
    client.force_login(client_user)
    page = client.get(reverse("workers:profile", args=[worker_user.pk])).content.decode()
    assert reverse("blocks:block", args=[worker_user.pk]) in page


def test_nobody_blocks_from_a_signed_out_browser(client, worker_user):
    response = client.post(reverse("blocks:block", args=[worker_user.pk]), {"reason": "spam"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert Block.objects.count() == 0


def test_the_secretariat_sees_how_many_block_an_account(
    client, client_user, worker_user, outsider, staff_user
):
    do_block_user(blocked=worker_user, reason=BlockReason.SPAM, actor=client_user)
    do_block_user(blocked=worker_user, reason=BlockReason.SPAM, actor=outsider)
    signal = block_signal(worker_user.pk)
    assert (signal.blocked_by, signal.blocked_by_recent) == (2, 2)
    assert signal.reasons == [(str(BlockReason.SPAM.label), 2)]
    job = JobFactory(client=client_user)
    case = do_open_case(
        queue=CaseQueue.MESSAGES,
        content_object=job,
        subject_user=worker_user,
        reason_code="report",
        actor=client_user,
    )
    client.force_login(staff_user)
    page = client.get(reverse("console:case", args=[case.pk])).content.decode()
    assert "ブロックされた数" in page
    assert "2人" in page
