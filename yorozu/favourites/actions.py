"""Every write to favourites: keep, drop, and invite favourite workers to a job (as scouts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.favourites.models import Favourite, FavouriteKind
from yorozu.trust.screening import Blocked, SlowDown
from yorozu.workers.actions import clean_scout_message, do_send_scout

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from yorozu.accounts.models import User

MAX_INVITES = 20


class FavouriteRefused(Refused):
    default_code = "favourite_refused"


def _target_fields(kind: str, target) -> dict:
    return {"job": target} if kind == FavouriteKind.JOB else {"person": target}


@transaction.atomic(durable=True)
def do_add_favourite(*, kind: str, target, actor: User) -> Favourite:
    """Keep a worker (as a client), a job (anyone) or follow a client (as a worker); once."""
    if kind == FavouriteKind.WORKER and not actor.acting_as_client:
        raise FavouriteRefused(_("Switch to acting as a client to keep favourite workers."))
    if kind == FavouriteKind.CLIENT and actor.acting_as_client:
        raise FavouriteRefused(_("Switch to acting as a worker to follow clients."))
    if kind == FavouriteKind.JOB:
        if target.client_id == actor.pk:
            raise FavouriteRefused(_("This is your own job."))
    elif target.pk == actor.pk:
        raise FavouriteRefused(_("You cannot add yourself."))
    fields = _target_fields(kind, target)
    existing = Favourite.objects.filter(owner=actor, kind=kind, **fields).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Favourite.objects.create(owner=actor, kind=kind, **fields)
    except IntegrityError:  # a double click: the other request kept it
        return Favourite.objects.get(owner=actor, kind=kind, **fields)


@transaction.atomic(durable=True)
def do_remove_favourite(*, kind: str, target_id: int, actor: User) -> bool:
    target = {"job_id": target_id} if kind == FavouriteKind.JOB else {"person_id": target_id}
    deleted, _rows = Favourite.objects.filter(owner=actor, kind=kind, **target).delete()
    return bool(deleted)


@dataclass
class InviteResult:
    """Per worker: sent (possibly held for review) or refused with the reason."""

    sent: list[User] = field(default_factory=list)
    held: list[User] = field(default_factory=list)
    refused: list[tuple[User, str | _StrPromise]] = field(default_factory=list)


def do_invite_favourites(*, job, workers: list[User], message: str, actor: User) -> InviteResult:
    """Invite favourite workers to one of `actor`'s open jobs: one scout each, through
    `workers.actions.do_send_scout` — so each is screened, counted against the daily scout
    quota, refused by a block, and told like any scout. Not one transaction: each scout is
    its own, and one refusal (a worker who turned scouts off) does not stop the others.
    """
    message = clean_scout_message(message)
    if not workers:
        raise FavouriteRefused(_("Choose at least one worker to invite."))
    if len(workers) > MAX_INVITES:
        raise FavouriteRefused(
            _("You can invite at most %(count)s workers at a time.") % {"count": MAX_INVITES}
        )
    kept = set(
        Favourite.objects.filter(
            owner=actor, kind=FavouriteKind.WORKER, person__in=workers
        ).values_list("person_id", flat=True)
    )
    result = InviteResult()
    for index, worker in enumerate(workers):
        if worker.pk not in kept:
            result.refused.append((worker, _("Not one of your favourite workers.")))
            continue
        try:
            scout = do_send_scout(
                client=actor, worker=worker, job=job, message=message, actor=actor
            )
        except Blocked:
            raise  # the text itself: the same for every worker, so the form shows why
        except Refused as refused:
            result.refused.append((worker, refused.message))
            if isinstance(refused, SlowDown) or refused.status == 429:
                # The pace or today's quota: the rest would be refused the same way.
                result.refused += [(rest, refused.message) for rest in workers[index + 1 :]]
                break
        else:
            (result.held if scout.status == "held" else result.sent).append(worker)
    return result
