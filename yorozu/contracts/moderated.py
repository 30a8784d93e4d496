"""What the secretariat's tools need about proposals and disputes, registered with the
moderation registry."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.contracts.actions import do_reject_held_proposal, do_release_held_proposal
from yorozu.contracts.models import Dispute, Proposal
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
    register(
        ModeratedKind(
            model=Dispute,
            name="dispute",
            label=_("dispute"),
            queue=CaseQueue.DISPUTES,
            text=_dispute_text,
            title=lambda d: d.contract.title,
            author=lambda d: d.opened_by or d.contract.client,
            screening_kind="report",
            url=lambda d: reverse("contracts:dispute", args=[d.pk]),
            access=_no_report,
            decide_url=lambda d: reverse("contracts:dispute", args=[d.pk]),
            select_related=("contract", "opened_by"),
        )
    )


_SIDES = {"client": _("Client"), "worker": _("Worker")}


def _dispute_text(dispute: Dispute) -> str:
    """Both sides' statements, as the reviewer reads them."""
    return "\n\n".join(
        f"[{_SIDES.get(s.side, s.side)}] {s.text}" for s in dispute.statements.order_by("pk")
    )


def _no_report(user: Any, pk: int) -> Dispute:
    raise Http404("disputes are not reported")
