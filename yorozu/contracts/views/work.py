"""Views for proposals, contracts and the work dashboard (thin: access_* → one do_* → render)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from yorozu.accounts.requests import SignedInRequest
from yorozu.contracts import selectors
from yorozu.contracts.actions import (
    TRANSITION_ACTIONS,
    ContractError,
    MilestoneTerms,
    client_may_withhold,
    do_decline_proposal,
    do_edit_offer,
    do_hire_proposal,
    do_shortlist_proposal,
    do_submit_proposal,
    do_withdraw_proposal,
)
from yorozu.contracts.forms import MilestoneFormSet, OfferForm, ProposalForm, TransitionForm
from yorozu.contracts.models import ContractStatus, Milestone, MilestoneStatus, ProposalStatus
from yorozu.contracts.money import total
from yorozu.contracts.payments import breakdown
from yorozu.contracts.transitions import allowed_transitions, party_of
from yorozu.core.errors import Refused, with_refusal
from yorozu.core.pages import cached_for_person
from yorozu.files.actions import FileBlocked
from yorozu.files.selectors import attachments_by_owner
from yorozu.reviews.selectors import has_reviewed
from yorozu.trust.screening import Blocked

PER_PAGE = 20


TRANSITION_DONE = {
    "accept": _("You accepted the contract. Please wait for the client to fund the escrow."),
    "fund": _("The escrow is funded (仮払い). The worker can now start."),
    "deliver": _("You delivered the work. Please wait for the client's approval."),
    "complete": _("The delivery was approved and the payment released."),
    "request_changes": _("Your request for changes was sent to the worker."),
    "cancel": _("The contract was cancelled."),
    "propose_cancellation": _(
        "Your cancellation proposal was sent. The other party has a week "
        "to answer; after that the secretariat decides."
    ),
    "accept_cancellation": _("The contract was cancelled as agreed."),
    "decline_cancellation": _(
        "You declined. The secretariat will review the contract and decide the escrow."
    ),
    "withdraw_cancellation": _("The cancellation proposal was withdrawn."),
    "dispute": _(
        "The problem was reported. The secretariat will review the contract and "
        "decide the escrow; you will be told the outcome."
    ),
    "add_statement": _("Your statement was added for the secretariat."),
}


def _page(request: HttpRequest, queryset, param: str = "page", per_page: int = PER_PAGE):
    """One page of a list; a missing, malformed or out-of-range page number never errors.

    The page carries ready-made `?…` links to its neighbours that keep the other parameters,
    so several lists on one page can each be paged on their own.
    """
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return "?" + query.urlencode()

    page.previous_link = link(page.previous_page_number()) if page.has_previous() else ""  # type: ignore[attr-defined]
    page.next_link = link(page.next_page_number()) if page.has_next() else ""  # type: ignore[attr-defined]
    return page


# ---- dashboard -----------------------------------------------------------------------------


@login_required
def dashboard(request: SignedInRequest) -> HttpResponse:
    """/work/: what needs doing, seen from the role chosen in the header."""
    user = request.user
    side = "client" if user.acting_as_client else "worker"
    status = request.GET.get("status") or "active"
    if status not in {"active", "all", *ContractStatus.values}:
        status = "active"
    counts = selectors.contract_status_counts(user, side=side)
    tabs = [("active", _("In progress"), sum(counts.get(s, 0) for s in selectors.ACTIVE_STATUSES))]
    tabs += [(value, label, counts.get(value, 0)) for value, label in ContractStatus.choices]
    tabs.append(("all", _("All"), sum(counts.values())))
    contracts = _page(request, selectors.contracts_for(user, side=side, status=status))
    context = {
        "side": side,
        "status": status,
        "tabs": tabs,
        "contracts": contracts,
        "contract_rows": selectors.with_next_steps(contracts.object_list, user),
    }
    if side == "client":
        context["jobs"] = _page(request, selectors.jobs_with_new_proposals(user), "jpage", 10)
    else:
        context["proposals"] = _page(request, selectors.proposals_by(user), "ppage", 10)
    return render(request, "contracts/contract_dashboard.html", context)


# ---- proposals -----------------------------------------------------------------------------


@login_required
def propose(request: SignedInRequest, job_id: int) -> HttpResponse:
    """The propose form, beside a summary of the job (for people acting as a worker)."""
    user = request.user
    job = selectors.access_job_to_propose(user, job_id)
    existing = selectors.proposal_of(user, job)
    if existing is not None:
        messages.info(request, _("You have already sent a proposal for this job."))
        return redirect("contracts:proposal_detail", proposal_id=existing.pk)
    blocked = selectors.reason_cannot_propose(user, job)
    form = ProposalForm(request.POST if request.method == "POST" else None)
    refused: Refused | None = None
    if request.method == "POST" and blocked is None and form.is_valid():
        if user.acting_as_client:
            form.add_error(None, _("Switch to acting as a worker to send a proposal."))
        else:
            try:
                proposal = do_submit_proposal(
                    job=job, worker=user, data=form.cleaned_data, actor=user
                )
            except Refused as err:
                form.add_error(None, err.message)
                if isinstance(err, Blocked):
                    for reason in err.shown()["messages"]:
                        form.add_error("message", reason)
                else:  # a refusal with its own status: unconfirmed, or past the quota (429)
                    refused = err
            else:
                if proposal.status == ProposalStatus.HELD:
                    messages.info(
                        request,
                        _(
                            "Your proposal is under review by the secretariat. It reaches the "
                            "client once it is approved; we will tell you the outcome."
                        ),
                    )
                else:
                    messages.success(request, _("Your proposal was sent to the client."))
                return redirect("contracts:proposal_detail", proposal_id=proposal.pk)
    response = render(
        request,
        "contracts/proposal_new.html",
        {
            "job": job,
            "form": form,
            "blocked": blocked,
            "fee_percent": settings.PLATFORM_FEE_PERCENT,
            "may_withhold": client_may_withhold(job.client),
        },
        status=400 if request.method == "POST" else 200,
    )
    return with_refusal(response, refused)


@login_required
def job_proposals(request: SignedInRequest, job_id: int) -> HttpResponse:
    """The client's view of the proposals on one of their jobs."""
    job = selectors.access_own_job(request.user, job_id)
    status = request.GET.get("status") or ""
    if status not in selectors.CLIENT_PROPOSAL_STATUSES:
        status = ""
    page = _page(request, selectors.job_proposals(job, status=status or None))
    proposals = list(page.object_list)
    threads = selectors.threads_for_proposals(proposals)
    for proposal in proposals:
        proposal.thread_id = threads.get(proposal.worker_id)  # type: ignore[attr-defined]
    return render(
        request,
        "contracts/proposal_list.html",
        {
            "job": job,
            "page": page,
            "proposals": proposals,
            "status": status,
            "statuses": [
                (value, label)
                for value, label in ProposalStatus.choices
                if value in selectors.CLIENT_PROPOSAL_STATUSES
            ],
        },
    )


@login_required
def proposal_detail(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.access_proposal(request.user, proposal_id)
    contract = getattr(proposal, "contract", None) if proposal.status == "hired" else None
    return render(
        request,
        "contracts/proposal_detail.html",
        {
            "proposal": proposal,
            "job": proposal.job,
            "is_client": proposal.job.client_id == request.user.pk,
            "is_worker": proposal.worker_id == request.user.pk,
            "contract": contract,
            "thread": selectors.thread_between(proposal.job_id, proposal.worker_id),
            "money": breakdown(proposal.price, withholding=False),
            "may_withhold": client_may_withhold(proposal.job.client),
            "fee_percent": settings.PLATFORM_FEE_PERCENT,
        },
    )


def _proposal_step(
    request: SignedInRequest, proposal_id: int, action, done_message
) -> HttpResponse:
    """Run one proposal action; answer htmx with the refreshed row, others with a redirect."""
    proposal = selectors.access_proposal(request.user, proposal_id)
    error = None
    result: Any = None
    try:
        result = action(proposal, actor=request.user)
    except ContractError as err:
        error = err.message
    is_hire = action is do_hire_proposal
    if request.htmx and request.POST.get("from") == "list":
        if is_hire and error is None:
            messages.success(request, done_message)
            return HttpResponseClientRedirect(result.get_absolute_url())
        thread = selectors.thread_between(proposal.job_id, proposal.worker_id)
        proposal.thread_id = thread.pk if thread else None  # type: ignore[attr-defined]
        return render(
            request,
            "contracts/proposal_list.html#proposal-row",
            {"proposal": proposal, "job": proposal.job, "row_error": error},
        )
    if error is not None:
        messages.error(request, error)
    else:
        messages.success(request, done_message)
        if is_hire:
            return redirect(result)
    if request.POST.get("from") == "list":
        return redirect("contracts:job_proposals", job_id=proposal.job_id)
    return redirect("contracts:proposal_detail", proposal_id=proposal.pk)


@login_required
@require_POST
def shortlist(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    return _proposal_step(
        request, proposal_id, do_shortlist_proposal, _("Added to your shortlist.")
    )


@login_required
@require_POST
def decline(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    return _proposal_step(
        request, proposal_id, do_decline_proposal, _("The proposal was declined.")
    )


@login_required
@require_POST
def withdraw(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    return _proposal_step(
        request, proposal_id, do_withdraw_proposal, _("Your proposal was withdrawn.")
    )


@login_required
@require_POST
def hire(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    return _proposal_step(
        request,
        proposal_id,
        do_hire_proposal,
        _("A contract offer was sent. It starts once the worker accepts."),
    )


# ---- contracts -----------------------------------------------------------------------------


def _detail_context(request: SignedInRequest, contract, bound=None) -> dict:
    user = request.user
    cancellation = selectors.open_cancellation(contract)
    steps = []
    for transition in allowed_transitions(contract, user, cancellation=cancellation):
        if bound is not None and bound.transition.name == transition.name:
            form = bound
        else:
            form = TransitionForm(transition_name=transition.name)
        steps.append((transition, form))
    party = party_of(contract, user)
    milestones = selectors.contract_milestones(contract)
    files = attachments_by_owner(Milestone, [m.pk for m in milestones], user)
    for milestone in milestones:
        setattr(milestone, "attached", files.get(milestone.pk, []))  # noqa: B010
    current = selectors.current_milestone(milestones)
    rows = [(m, breakdown(m.amount, withholding=contract.withholding)) for m in milestones]
    return {
        "contract": contract,
        "party": party,
        "steps": steps,
        "step_names": {t.name for t, _form in steps},
        "milestones": rows,
        "current": current,
        "current_money": (
            breakdown(current.amount, withholding=contract.withholding) if current else None
        ),
        "money": total([b for _m, b in rows if _m.status != MilestoneStatus.CANCELLED]),
        "fee_percent": settings.PLATFORM_FEE_PERCENT,
        "acceptance_days": settings.ACCEPTANCE_PERIOD.days,
        "cancellation": cancellation,
        "disputes": selectors.contract_disputes(contract),
        "events": selectors.contract_timeline(contract),
        "movements": selectors.contract_movements(contract),
        "totals": selectors.ledger_summary(contract),
        "thread": selectors.thread_between(contract.job_id, contract.worker_id),
        "can_edit_offer": party == "client" and contract.status == ContractStatus.OFFERED,
        "has_documents": party is not None and contract.accepted_at is not None,
        "can_review": (
            party is not None
            and contract.status == ContractStatus.COMPLETED
            and not has_reviewed(contract, user)
        ),
    }


@login_required
@cached_for_person()
def contract_detail(request: SignedInRequest, contract_id: int) -> HttpResponse:
    """A contract for its parties (and, read-only, the secretariat)."""
    contract = selectors.access_contract(request.user, contract_id)
    return render(request, "contracts/contract_detail.html", _detail_context(request, contract))


@login_required
@require_POST
def contract_transition(
    request: SignedInRequest, contract_id: int, transition: str
) -> HttpResponse:
    """POST one named step of the state machine; the action decides whether it is allowed."""
    action = TRANSITION_ACTIONS.get(transition)
    if action is None:
        raise Http404
    contract = selectors.access_contract(request.user, contract_id)
    form = TransitionForm(request.POST, transition_name=transition)
    if not form.is_valid():
        context = _detail_context(request, contract, bound=form)
        return render(request, "contracts/contract_detail.html", context, status=400)
    extras = form.extras()
    if transition == "deliver":
        extras["files"] = request.FILES.getlist("files")
    try:
        action(contract, actor=request.user, note=form.cleaned_data["note"], **extras)
    except ContractError as err:
        messages.error(request, err.message)
    except Refused as refusal:  # a delivered file refused: the note comes back with the reason
        form.add_error(None, refusal.message)
        context = _detail_context(request, contract, bound=form)
        if isinstance(refusal, FileBlocked):
            shown = refusal.shown()
            context["file_refusal"] = {
                "file": refusal.file_name,
                "segments": shown["segments"],
                "reasons": shown["messages"],
            }
        response = render(request, "contracts/contract_detail.html", context, status=400)
        return with_refusal(response, refusal)
    else:
        messages.success(request, TRANSITION_DONE[transition])
    return redirect("contracts:detail", contract_id=contract.pk)


@login_required
def edit_offer(request: SignedInRequest, contract_id: int) -> HttpResponse:
    """The client splits the offer into milestones and sets withholding before it is accepted."""
    contract = selectors.access_contract(request.user, contract_id, staff_may_view=False)
    if party_of(contract, request.user) != "client" or contract.status != ContractStatus.OFFERED:
        messages.error(request, _("The offer can only be changed before the worker accepts it."))
        return redirect("contracts:detail", contract_id=contract.pk)
    may_withhold = client_may_withhold(contract.client)
    milestones = selectors.contract_milestones(contract)
    if request.method == "POST":
        formset = MilestoneFormSet(request.POST, prefix="ms")
        form = OfferForm(request.POST)
        if formset.is_valid() and form.is_valid():
            terms = [
                MilestoneTerms(
                    f.cleaned_data["title"],
                    f.cleaned_data["amount"],
                    f.cleaned_data.get("due_date"),
                )
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                do_edit_offer(
                    contract,
                    milestones=terms,
                    withholding=may_withhold and form.cleaned_data["withholding"],
                    actor=request.user,
                )
            except ContractError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, _("The offer was updated and the worker was told."))
                return redirect("contracts:detail", contract_id=contract.pk)
    else:
        formset = MilestoneFormSet(
            prefix="ms",
            initial=[
                {"title": m.title, "amount": m.amount, "due_date": m.due_date} for m in milestones
            ],
        )
        form = OfferForm(initial={"withholding": contract.withholding})
    return render(
        request,
        "contracts/offer_edit.html",
        {
            "contract": contract,
            "formset": formset,
            "form": form,
            "may_withhold": may_withhold,
            "fee_percent": settings.PLATFORM_FEE_PERCENT,
        },
        status=400 if request.method == "POST" else 200,
    )
