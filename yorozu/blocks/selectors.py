"""Reads for blocks, and the one predicate every contact path asks before it writes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.blocks.models import Block, BlockEvent, BlockReason
from yorozu.core.errors import Refused

if TYPE_CHECKING:
    from yorozu.accounts.models import User

RECENT_DAYS = 30


class ContactBlocked(Refused):
    """A scout, message or proposal between two people one of whom blocked the other."""

    default_code = "contact_blocked"
    status = 403


def block_between(a_id: int, b_id: int) -> Block | None:
    """The block either of the two made against the other (the sender's own first), if any."""
    blocks = list(
        Block.objects.filter(
            Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
        )
    )
    blocks.sort(key=lambda b: b.blocker_id != a_id)
    return blocks[0] if blocks else None


def refuse_if_contact_blocked(sender: User, recipient_id: int) -> None:
    """The one predicate of every contact path (scout, message, proposal, accepting a scout).

    Raises `ContactBlocked` when either person blocked the other; says which way, so the person
    who blocked knows how to undo it and the one blocked knows not to try again.
    """
    block = block_between(sender.pk, recipient_id)
    if block is None:
        return
    if block.blocker_id == sender.pk:
        raise ContactBlocked(
            _(
                "You have blocked this person. Unblock them on your blocked users page "
                "if you want to contact them."
            )
        )
    raise ContactBlocked(_("This person does not accept contact from you."))


def has_blocked(user: User, other_id: int) -> bool:
    return Block.objects.filter(blocker_id=user.pk, blocked_id=other_id).exists()


def blocks_made_by(user: User) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at")


@dataclass(frozen=True)
class BlockSignal:
    """What the secretariat sees about an account: how many people block it, and lately."""

    blocked_by: int
    blocked_by_recent: int
    reasons: list[tuple[str, int]]  # (the reason in words, how many), commonest first

    @property
    def any(self) -> bool:
        return self.blocked_by > 0


def block_signal(user_id: int, *, now: datetime.datetime | None = None) -> BlockSignal:
    since = (now or timezone.now()) - datetime.timedelta(days=RECENT_DAYS)
    rows = Block.objects.filter(blocked_id=user_id)
    totals = rows.aggregate(total=Count("id"), recent=Count("id", filter=Q(created_at__gte=since)))
    counts = rows.values("reason").annotate(n=Count("id")).order_by("-n", "reason")
    reasons = [(str(BlockReason(row["reason"]).label), row["n"]) for row in counts]
    return BlockSignal(
        blocked_by=totals["total"], blocked_by_recent=totals["recent"], reasons=reasons
    )


def block_history(user_id: int) -> QuerySet[BlockEvent]:
    return BlockEvent.objects.filter(blocked_id=user_id).select_related("blocker")


def access_block_target(viewer: User, user_id: int) -> User:
    """Someone `viewer` may block or unblock: an active account other than their own; 404 else."""
    target = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if target is None or target.pk == viewer.pk:
        raise Http404
    return target
