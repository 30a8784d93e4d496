"""What the secretariat's tools need about proposals, registered with the moderation registry."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.contracts.actions import do_reject_held_proposal, do_release_held_proposal
from yorozu.contracts.models import Proposal
from yorozu.contracts.selectors import access_proposal
from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, register


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=Proposal,
            name="proposal",
            label=_("proposal"),
            queue=CaseQueue.MESSAGES,
            text=lambda p: p.message,
            title=lambda p: p.message[:60],
            author=lambda p: p.worker,
            screening_kind="proposal",
            url=lambda p: reverse("contracts:proposal_detail", args=[p.pk]),
            access=access_proposal,
            approve=do_release_held_proposal,
            reject=do_reject_held_proposal,
            select_related=("worker", "job"),
        )
    )
