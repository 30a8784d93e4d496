"""Proposals and contracts: send and answer proposals, read contracts and their milestones, and
take the contract's steps (accept, fund, deliver, complete, request changes, cancel, propose /
accept / decline / withdraw a cancellation, dispute, add a statement) through the same actions
and forms as the contract page."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from yorozu.accounts.requests import SignedInRequest
from yorozu.api.auth import signed_in
from yorozu.api.errors import Invalid
from yorozu.api.models import Scope
from yorozu.api.pagination import DEFAULT_LIMIT, cursor_page
from yorozu.api.routes.jobs import form_data
from yorozu.api.schemas import READ_ERRORS, WRITE_ERRORS, Person, page
from yorozu.contracts import selectors
from yorozu.contracts.actions import (
    TRANSITION_ACTIONS,
    do_decline_proposal,
    do_hire_proposal,
    do_shortlist_proposal,
    do_submit_proposal,
    do_withdraw_proposal,
)
from yorozu.contracts.forms import ProposalForm, TransitionForm
from yorozu.contracts.models import Contract, Proposal, ProposalStatus
from yorozu.contracts.transitions import allowed_transitions
from yorozu.core.errors import Refused

router = Router(tags=["proposals and contracts"])


class JobRef(Schema):
    id: int
    title: str


class ProposalOut(Schema):
    id: int
    job: JobRef
    worker: Person
    price: int
    delivery_days: int
    message: str
    status: str
    contract_id: int | None
    created_at: datetime.datetime


class ProposalPage(Schema):
    items: list[ProposalOut]
    next_cursor: str | None


class ProposalIn(Schema):
    price: int
    delivery_days: int
    message: str


class MilestoneOut(Schema):
    position: int
    title: str
    amount: int
    status: str
    due_date: datetime.date | None
    acceptance_due_at: datetime.datetime | None


class ContractOut(Schema):
    id: int
    job_id: int
    title: str
    amount: int
    status: str
    client: Person
    worker: Person
    withholding: bool
    terms_version: int
    created_at: datetime.datetime
    funded_at: datetime.datetime | None
    completed_at: datetime.datetime | None


class ContractDetail(ContractOut):
    milestones: list[MilestoneOut]
    next_steps: list[str]


class ContractPage(Schema):
    items: list[ContractOut]
    next_cursor: str | None


class StepIn(Schema):
    note: str = ""
    refund: int | None = None
    terms_version: int | None = None


def proposal_out(proposal: Proposal) -> dict:
    contract = getattr(proposal, "contract", None) if proposal.status == "hired" else None
    return {
        "id": proposal.pk,
        "job": {"id": proposal.job_id, "title": proposal.job.title},
        "worker": {"id": proposal.worker_id, "display_name": proposal.worker.display_name},
        "price": proposal.price,
        "delivery_days": proposal.delivery_days,
        "message": proposal.message,
        "status": proposal.status,
        "contract_id": contract.pk if contract else None,
        "created_at": proposal.created_at,
    }


def contract_out(contract: Contract) -> dict:
    return {
        "id": contract.pk,
        "job_id": contract.job_id,
        "title": contract.title,
        "amount": contract.amount,
        "status": contract.status,
        "client": {"id": contract.client_id, "display_name": contract.client.display_name},
        "worker": {"id": contract.worker_id, "display_name": contract.worker.display_name},
        "withholding": contract.withholding,
        "terms_version": contract.terms_version,
        "created_at": contract.created_at,
        "funded_at": contract.funded_at,
        "completed_at": contract.completed_at,
    }


def contract_detail(contract: Contract, user) -> dict:
    cancellation = selectors.open_cancellation(contract)
    return {
        **contract_out(contract),
        "milestones": [
            {
                "position": m.position,
                "title": m.title,
                "amount": m.amount,
                "status": m.status,
                "due_date": m.due_date,
                "acceptance_due_at": m.acceptance_due_at,
            }
            for m in selectors.contract_milestones(contract)
        ],
        "next_steps": [
            t.name for t in allowed_transitions(contract, user, cancellation=cancellation)
        ],
    }


# -- proposals ---------------------------------------------------------------------------------


@router.post(
    "/jobs/{id:job_id}/proposals",
    response={201: ProposalOut, 202: ProposalOut, **WRITE_ERRORS},
    auth=signed_in(Scope.PROPOSALS),
)
def propose(request: SignedInRequest, job_id: int, body: ProposalIn):
    """Propose on a job (as a worker): 201 sent to the client, 202 held for the secretariat.
    The message goes through the screening door; a refused one answers 400 `blocked` with spans."""
    user = request.user
    job = selectors.access_job_to_propose(user, job_id)
    if user.acting_as_client:
        raise Refused(
            _("Switch to acting as a worker to send a proposal."), "workers_only", status=403
        )
    form = ProposalForm(form_data(body.dict()))
    if not form.is_valid():
        raise Invalid.from_form(form)
    proposal = do_submit_proposal(job=job, worker=user, data=form.cleaned_data, actor=user)
    return Status(202 if proposal.status == ProposalStatus.HELD else 201, proposal_out(proposal))


@router.get(
    "/jobs/{id:job_id}/proposals",
    response={200: ProposalPage, **READ_ERRORS},
    auth=signed_in(Scope.READ),
)
def job_proposals(
    request: SignedInRequest,
    job_id: int,
    status: str = "",
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
):
    """The proposals on one's own job, as its client sees them (held ones are not shown)."""
    job = selectors.access_own_job(request.user, job_id)
    rows, next_cursor = cursor_page(
        selectors.job_proposals(job, status=status or None).select_related("job"), cursor, limit
    )
    return page([proposal_out(p) for p in rows], next_cursor)


@router.get("/proposals", response={200: ProposalPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def my_proposals(request: SignedInRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT):
    """The proposals the caller sent, newest first."""
    rows, next_cursor = cursor_page(
        selectors.proposals_by(request.user).select_related("worker"), cursor, limit
    )
    return page([proposal_out(p) for p in rows], next_cursor)


@router.get(
    "/proposals/{id:proposal_id}",
    response={200: ProposalOut, **READ_ERRORS},
    auth=signed_in(Scope.READ),
)
def proposal(request: SignedInRequest, proposal_id: int):
    return proposal_out(selectors.access_proposal(request.user, proposal_id))


@router.post(
    "/proposals/{id:proposal_id}/hire",
    response={201: ContractDetail, **WRITE_ERRORS},
    auth=signed_in(Scope.PROPOSALS),
    operation_id="hire_proposal",
)
def hire(request: SignedInRequest, proposal_id: int):
    """The job's client hires: a contract is offered to the worker (201, with its location)."""
    found = selectors.access_proposal(request.user, proposal_id)
    contract = do_hire_proposal(found, actor=request.user)
    contract = selectors.access_contract(request.user, contract.pk)
    return Status(201, contract_detail(contract, request.user))


PROPOSAL_STEPS = {
    "shortlist": do_shortlist_proposal,
    "decline": do_decline_proposal,
    "withdraw": do_withdraw_proposal,
}


@router.post(
    "/proposals/{id:proposal_id}/{step}",
    response={200: ProposalOut, **WRITE_ERRORS},
    auth=signed_in(Scope.PROPOSALS),
)
def answer_proposal(request: SignedInRequest, proposal_id: int, step: str):
    """`shortlist` or `decline` (the job's client), `withdraw` (the worker who sent it)."""
    action = PROPOSAL_STEPS.get(step)
    if action is None:
        raise Http404("no such step")
    found = selectors.access_proposal(request.user, proposal_id)
    action(found, actor=request.user)
    return proposal_out(selectors.access_proposal(request.user, proposal_id))


# -- contracts ---------------------------------------------------------------------------------


@router.get("/contracts", response={200: ContractPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def contracts(
    request: SignedInRequest,
    side: str = "client",
    status: str = "all",
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
):
    """The caller's contracts on one side (`client` or `worker`), by status, `active` or `all`."""
    if side not in ("client", "worker"):
        raise Invalid({"side": [str(_("Choose client or worker."))]})
    queryset = selectors.contracts_for(request.user, side=side, status=status).select_related(
        "client", "worker"
    )
    rows, next_cursor = cursor_page(queryset, cursor, limit)
    return page([contract_out(c) for c in rows], next_cursor)


@router.get(
    "/contracts/{id:contract_id}",
    response={200: ContractDetail, **READ_ERRORS},
    auth=signed_in(Scope.READ),
)
def contract(request: SignedInRequest, contract_id: int):
    """One contract with its milestones and the steps the caller may take now."""
    found = selectors.access_contract(request.user, contract_id)
    return contract_detail(found, request.user)


@router.post(
    "/contracts/{id:contract_id}/steps/{step}",
    response={200: ContractDetail, **WRITE_ERRORS},
    auth=signed_in(Scope.CONTRACTS),
)
def take_step(request: SignedInRequest, contract_id: int, step: str, body: StepIn):
    """Take one step of the contract's state machine (`next_steps` lists the caller's); the
    action decides whether it is allowed now and answers 409 when it is not."""
    action = TRANSITION_ACTIONS.get(step)
    if action is None:
        raise Http404("no such step")
    found = selectors.access_contract(request.user, contract_id)
    form = TransitionForm(form_data(body.dict()), transition_name=step)
    if not form.is_valid():
        raise Invalid.from_form(form)
    action(found, actor=request.user, note=form.cleaned_data["note"], **form.extras())
    return contract_detail(selectors.access_contract(request.user, contract_id), request.user)
