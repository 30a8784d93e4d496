"""Deliveries carry files, per milestone: what the files app needs to know about a milestone
(its parties see its files; they are judged as the contract's messages are), registered from
`ContractsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from yorozu.contracts.models import Milestone
from yorozu.files.hosts import AttachmentHost, register
from yorozu.trust.screening import POST_CONTRACT, PRE_CONTRACT, Context


def _may_see(user: Any, milestone: Milestone) -> bool:
    contract = milestone.contract
    return getattr(user, "pk", None) in (contract.client_id, contract.worker_id)


def milestone_context(milestone: Milestone, author: Any) -> Context:
    """A delivery's files are judged like a message in the contract's thread: after escrow once
    the contract was funded (contact details the work needs are fine then; scams never are)."""
    contract = milestone.contract
    job = contract.job
    return Context(
        stage=POST_CONTRACT if contract.is_funded_or_later else PRE_CONTRACT,
        sender_role="client" if getattr(author, "pk", None) == contract.client_id else "worker",
        job_title=job.title,
        job_text=job.description,
        scope=f"contract:{contract.pk}",
    )


def _url(milestone: Milestone) -> str:
    return reverse("contracts:detail", args=[milestone.contract_id]) + (
        f"#milestone-{milestone.position}"
    )


def _title(milestone: Milestone) -> str:
    return f"{milestone.contract.title} — {milestone.title}"


def register_hosts() -> None:
    register(
        AttachmentHost(
            model=Milestone,
            name="milestone",
            may_see=_may_see,
            context=milestone_context,
            url=_url,
            title=_title,
        )
    )
