"""Every write to blocks: block and unblock, each with its audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from yorozu.blocks.models import Block, BlockEvent, BlockReason
from yorozu.core.errors import Refused

if TYPE_CHECKING:
    from yorozu.accounts.models import User


class BlockRefused(Refused):
    default_code = "block_refused"


@transaction.atomic(durable=True)
def do_block_user(*, blocked: User, reason: str = BlockReason.UNWANTED, actor: User) -> Block:
    """`actor` blocks `blocked`; blocking again keeps the first block (and its reason)."""
    if blocked.pk == actor.pk:
        raise BlockRefused(_("You cannot block yourself."))
    if blocked.is_staff:
        raise BlockRefused(_("The secretariat cannot be blocked."))
    if reason not in BlockReason.values:
        raise BlockRefused(_("Please choose a reason."))
    existing = Block.objects.filter(blocker=actor, blocked=blocked).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            block = Block.objects.create(blocker=actor, blocked=blocked, reason=reason)
    except IntegrityError:  # a double submit: the other request made it
        return Block.objects.get(blocker=actor, blocked=blocked)
    BlockEvent.objects.create(
        actor=actor, blocker=actor, blocked=blocked, event_type="blocked", data={"reason": reason}
    )
    return block


@transaction.atomic(durable=True)
def do_unblock_user(*, blocked: User, actor: User) -> bool:
    """`actor` lifts their block on `blocked`; False when there was none."""
    deleted, _rows = Block.objects.filter(blocker=actor, blocked=blocked).delete()
    if deleted:
        BlockEvent.objects.create(
            actor=actor, blocker=actor, blocked=blocked, event_type="unblocked"
        )
    return bool(deleted)
