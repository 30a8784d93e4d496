"""Writes for reviews: one review per side of a completed contract, and the ratings they drive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import ClientProfile, WorkerProfile
from yorozu.certification.tasks import evaluate_client, evaluate_worker
from yorozu.contracts.models import Contract, ContractStatus
from yorozu.contracts.notices import notify
from yorozu.contracts.transitions import CLIENT, WORKER, party_of
from yorozu.core.errors import Refused
from yorozu.core.side_effects import on_commit
from yorozu.reviews.models import Direction, Review
from yorozu.trust.screening import (
    POST_CONTRACT,
    Context,
    Screening,
    apply_verdict,
    refuse_if_blocked,
    screen,
)
from yorozu.workers.actions import do_refresh_worker_search_rows

if TYPE_CHECKING:
    from yorozu.accounts.models import User

AXES = ("overall", "quality", "communication", "timeliness")


class ReviewError(Refused):
    """A refused review; `message` is shown to the reviewer and nothing was written."""

    default_code = "review_refused"


def _recompute(reviewee_id: int, direction: str) -> None:
    """Derive the reviewee's average and count from all their reviews in one aggregate."""
    agg = Review.objects.filter(reviewee_id=reviewee_id, direction=direction).aggregate(
        avg=Avg("overall"), n=Count("id")
    )
    avg = round(agg["avg"], 2) if agg["avg"] is not None else None
    if direction == Direction.CLIENT_TO_WORKER:
        WorkerProfile.objects.filter(user_id=reviewee_id).update(
            rating_avg=avg, rating_count=agg["n"]
        )
        do_refresh_worker_search_rows([reviewee_id])
    else:
        ClientProfile.objects.filter(user_id=reviewee_id).update(
            satisfaction_avg=avg, satisfaction_count=agg["n"]
        )


def do_leave_review(*, contract: Contract, reviewer: User, data: dict, actor: User) -> Review:
    """A party reviews the other side of a completed contract, once.

    A client's review feeds the worker's rating; a worker's review feeds the client's
    satisfaction (満足度). The comment is public text: it goes through the screening door first
    (refused with `Blocked`, the draft kept).
    """
    if actor.pk != reviewer.pk:
        raise ReviewError(_("You can only leave a review yourself."))
    comment = (data.get("comment") or "").strip()
    screened = None
    if comment:
        screened = screen("review", comment, author=reviewer, context=Context(stage=POST_CONTRACT))
        refuse_if_blocked(screened, author=reviewer, actor=actor)
    return _leave_review(
        contract=contract,
        reviewer=reviewer,
        data=data,
        comment=comment,
        screened=screened,
        actor=actor,
    )


@transaction.atomic(durable=True)
def _leave_review(
    *,
    contract: Contract,
    reviewer: User,
    data: dict,
    comment: str,
    screened: Screening | None,
    actor: User,
) -> Review:
    contract = (
        Contract.objects.select_for_update().select_related("client", "worker").get(pk=contract.pk)
    )
    side = party_of(contract, reviewer)
    if side is None:
        raise ReviewError(_("Only the two parties to this contract can review it."))
    if contract.status != ContractStatus.COMPLETED:
        raise ReviewError(_("You can leave a review once the contract is completed."))
    if Review.objects.filter(contract=contract, reviewer=reviewer).exists():
        raise ReviewError(_("You have already reviewed this contract."))
    for axis in AXES:
        if data.get(axis) not in {1, 2, 3, 4, 5}:
            raise ReviewError(_("Please rate every item from 1 to 5 stars."))
    if side == CLIENT:
        reviewee, direction = contract.worker, Direction.CLIENT_TO_WORKER
    else:
        assert side == WORKER
        reviewee, direction = contract.client, Direction.WORKER_TO_CLIENT
    try:
        with transaction.atomic():
            review = Review.objects.create(
                contract=contract,
                reviewer=reviewer,
                reviewee=reviewee,
                direction=direction,
                comment=comment,
                **{axis: data[axis] for axis in AXES},
            )
    except IntegrityError as exc:  # a concurrent double submit lost the race
        raise ReviewError(_("You have already reviewed this contract.")) from exc
    if screened is not None:
        apply_verdict(screened, content=review, author=reviewer, actor=actor)
    _recompute(reviewee.pk, direction)
    on_commit(evaluate_client.enqueue, contract.client_id)  # satisfaction counts for the badge
    if reviewee.pk == contract.worker_id:
        on_commit(evaluate_worker.enqueue, contract.worker_id)  # the rating counts for the tier
    notify(
        reviewee,
        kind="review_received",
        title=_("%(name)s left you a review for “%(title)s”"),
        body=_("Overall rating: %(stars)s"),
        url=reverse("contracts:detail", args=[contract.pk]),
        params={
            "name": reviewer.display_name,
            "title": contract.title,
            "stars": "★" * review.overall + "☆" * (5 - review.overall),
        },
    )
    return review
