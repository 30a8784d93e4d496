"""Proposal and contract factories that go through the real actions.

`ContractFactory(status="funded")` hires a proposal and then accepts and funds it with the real
actions, so every contract a test sees has its milestones, events, ledger rows and counters
exactly as production would have written them. `milestones=[30000, 50000]` splits the offer
before the worker accepts; `withholding=True` makes the client a company that withholds.
"""

from __future__ import annotations

import factory

from yorozu.accounts.models import ClientKind, ClientProfile, Role
from yorozu.accounts.tests.factories import StaffFactory, UserFactory
from yorozu.contracts.actions import (
    MilestoneTerms,
    do_accept_contract,
    do_cancel_contract,
    do_complete_contract,
    do_deliver_contract,
    do_dispute_contract,
    do_edit_offer,
    do_fund_contract,
    do_hire_proposal,
    do_resolve_dispute,
    do_submit_proposal,
)
from yorozu.contracts.models import Contract, ContractStatus, Dispute, Proposal
from yorozu.jobs.tests.factories import JobFactory

# The steps (action, who takes it) that bring a fresh offer to each state.
PATHS = {
    ContractStatus.OFFERED: [],
    ContractStatus.ACCEPTED: ["accept"],
    ContractStatus.FUNDED: ["accept", "fund"],
    ContractStatus.DELIVERED: ["accept", "fund", "deliver"],
    ContractStatus.COMPLETED: ["accept", "fund", "deliver", "complete"],
    ContractStatus.CANCELLED: ["cancel"],
    ContractStatus.DISPUTED: ["accept", "fund", "dispute"],
    ContractStatus.RESOLVED: ["accept", "fund", "dispute", "resolve"],
}

DELIVERY_NOTE = "納品物はこちらのリンクからご確認ください。"

STEPS = {
    "accept": (do_accept_contract, "worker", {}),
    "fund": (do_fund_contract, "client", {}),
    "deliver": (do_deliver_contract, "worker", {"note": DELIVERY_NOTE}),
    "complete": (do_complete_contract, "client", {}),
    "cancel": (do_cancel_contract, "client", {"note": ""}),
    "dispute": (do_dispute_contract, "client", {"note": "納品物が届きません。"}),
}


def secretariat_member():
    return StaffFactory(role="reviewer")


def resolve_half(contract: Contract, *, staff=None) -> Dispute:
    """The secretariat splits the open dispute's milestone in half."""
    dispute = Dispute.objects.get(contract=contract, status="open")
    amount = dispute.milestone.amount
    return do_resolve_dispute(
        dispute,
        release=amount // 2,
        refund=amount - amount // 2,
        note="双方の主張を確認し、半額ずつとしました。",
        actor=staff or secretariat_member(),
    )


def bring_contract_to(contract: Contract, status: str) -> Contract:
    """Run the real actions, as the right party, until a fresh offer reaches `status`."""
    if contract.status != ContractStatus.OFFERED:
        raise ValueError("bring_contract_to starts from a fresh offer")
    for step in PATHS[ContractStatus(status)]:
        if step == "resolve":
            resolve_half(contract)
            contract.refresh_from_db()
            continue
        action, side, kwargs = STEPS[step]
        actor = contract.client if side == "client" else contract.worker
        contract = action(contract, actor=actor, **kwargs)
    return contract


def make_company(user) -> None:
    ClientProfile.objects.filter(user=user).update(
        kind=ClientKind.COMPANY, company_name=f"株式会社テスト{user.pk}"
    )
    user.refresh_from_db()


class ProposalFactory(factory.Factory):
    """A proposal submitted through `do_submit_proposal` (so the count and thread exist)."""

    class Meta:
        model = Proposal

    job = factory.SubFactory(JobFactory)
    worker = factory.SubFactory(UserFactory, role=Role.WORKER)
    price = 80000
    delivery_days = 7
    message = "はじめまして。同様の案件の実績があります。ぜひお任せください。"

    @classmethod
    def _create(cls, model_class, job, worker, price, delivery_days, message, **extra):
        data = {"price": price, "delivery_days": delivery_days, "message": message}
        proposal = do_submit_proposal(job=job, worker=worker, data=data, actor=worker)
        if extra.get("status"):
            Proposal.objects.filter(pk=proposal.pk).update(status=extra["status"])
            proposal.refresh_from_db()
        return proposal

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("use create(): proposals go through do_submit_proposal")


class ContractFactory(factory.Factory):
    """A contract hired from a proposal and brought to `status` through the real actions.

    Pass `client=` and/or `worker=` to cast the parties, `job=` to hire on a given job, or
    `proposal=` to hire an existing proposal; `price` sets the contract amount, `milestones`
    (a list of amounts) splits it, `withholding=True` has a company client withhold.
    """

    class Meta:
        model = Contract

    status = ContractStatus.OFFERED
    price = 80000

    @classmethod
    def _create(cls, model_class, status, price, **kwargs):
        milestones = kwargs.pop("milestones", None)
        withholding = kwargs.pop("withholding", False)
        proposal = kwargs.pop("proposal", None)
        if proposal is None:
            job = kwargs.pop("job", None)
            if job is None:
                client = kwargs.pop("client", None) or UserFactory(role=Role.CLIENT)
                job_kwargs = {"client": client}
                if "category" in kwargs:
                    category = kwargs.pop("category")
                    job_kwargs.update(category=category, main_category=category.parent or category)
                job = JobFactory(**job_kwargs)
            worker = kwargs.pop("worker", None) or UserFactory(role=Role.WORKER)
            proposal = ProposalFactory(job=job, worker=worker, price=price)
        contract = do_hire_proposal(proposal, actor=proposal.job.client)
        if milestones or withholding:
            if withholding:
                make_company(contract.client)
            amounts = milestones or [contract.amount]
            do_edit_offer(
                contract,
                milestones=[
                    MilestoneTerms(f"マイルストーン{n}", amount)
                    for n, amount in enumerate(amounts, start=1)
                ],
                withholding=withholding,
                actor=contract.client,
            )
        return bring_contract_to(contract, status)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("use create(): contracts go through the real actions")
