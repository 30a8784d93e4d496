"""Reads for proposals, contracts and the work dashboard.

`access_*` functions fetch and authorize in one call: a person who may not see a thing gets a
404, never a hint that it exists.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.blocks.selectors import block_between
from yorozu.contracts.models import (
    CLIENT_HIDDEN_PROPOSAL_STATUSES,
    CLOSED_MILESTONE_STATUSES,
    CancellationRequest,
    CancellationStatus,
    Contract,
    ContractStatus,
    Dispute,
    DisputeStatement,
    LedgerAccount,
    LedgerEntry,
    LedgerKind,
    Milestone,
    Proposal,
    ProposalStatus,
)
from yorozu.contracts.transitions import allowed_transitions
from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.enforcement.selectors import is_visible, visible_q
from yorozu.jobs.models import Job, JobStatus
from yorozu.messaging.models import Thread

# Contracts still in motion: what the dashboard shows first.
ACTIVE_STATUSES = [
    ContractStatus.OFFERED,
    ContractStatus.ACCEPTED,
    ContractStatus.FUNDED,
    ContractStatus.DELIVERED,
    ContractStatus.DISPUTED,
]
# The statuses a client filters their job's proposals by.
CLIENT_PROPOSAL_STATUSES = [
    s for s in ProposalStatus.values if s not in CLIENT_HIDDEN_PROPOSAL_STATUSES
]


def access_job_to_propose(user, job_id: int) -> Job:
    """Any signed-in person may open the propose page of a public job; its client always may.

    A posting under review or refused by the secretariat is not there for anyone else (404).
    """
    try:
        job = Job.objects.select_related("category", "client", "client__client_profile").get(
            pk=job_id
        )
    except Job.DoesNotExist as exc:
        raise Http404 from exc
    if job.client_id != user.pk and (not job.is_public or not is_visible("job", job.client)):
        raise Http404
    return job


def access_own_job(user, job_id: int) -> Job:
    """A job whose proposals `user` may read and act on: only its client's."""
    try:
        return Job.objects.select_related("category").get(pk=job_id, client_id=user.pk)
    except Job.DoesNotExist as exc:
        raise Http404 from exc


def access_proposal(user, proposal_id: int) -> Proposal:
    """A proposal, for the job's client or the worker who sent it; 404 for everyone else."""
    try:
        return (
            Proposal.objects.select_related(
                "job", "job__category", "job__client", "worker", "worker__worker_profile"
            )
            .filter(
                Q(worker_id=user.pk)
                | (Q(job__client_id=user.pk) & ~Q(status__in=CLIENT_HIDDEN_PROPOSAL_STATUSES))
            )
            .get(pk=proposal_id)
        )
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


def access_contract(user, contract_id: int, *, staff_may_view: bool = True) -> Contract:
    """A contract, for its two parties (and the secretariat, read-only); 404 for others."""
    visible = Q(client_id=user.pk) | Q(worker_id=user.pk)
    qs = Contract.objects.select_related("job", "category", "client", "worker", "proposal")
    if not (staff_may_view and has_staff_permission(user, REVIEW)):
        qs = qs.filter(visible)
    try:
        return qs.get(pk=contract_id)
    except Contract.DoesNotExist as exc:
        raise Http404 from exc


def proposal_of(user, job: Job) -> Proposal | None:
    return Proposal.objects.filter(job=job, worker_id=user.pk).first()


def job_proposals(job: Job, *, status: str | None = None):
    """A job's proposals as its client sees them (held and refused ones are not theirs to see)."""
    qs = (
        job.proposals.exclude(status__in=CLIENT_HIDDEN_PROPOSAL_STATUSES)
        .filter(visible_q("proposal", "worker"))
        # The tier joined so each proposal's badge costs no query.
        .select_related("worker", "worker__worker_profile", "worker__worker_tier")
        .order_by("-created_at", "-id")
    )
    if status in CLIENT_PROPOSAL_STATUSES:
        qs = qs.filter(status=status)
    return qs


def thread_between(job_id: int, worker_id: int) -> Thread | None:
    """The message thread for a (job, worker) pair, if it exists."""
    return Thread.objects.filter(job_id=job_id, worker_id=worker_id).first()


def threads_for_proposals(proposals) -> dict[int, int]:
    """worker_id → thread id for a page of one job's proposals, in one query."""
    proposals = list(proposals)
    if not proposals:
        return {}
    job_id = proposals[0].job_id
    rows = Thread.objects.filter(
        job_id=job_id, worker_id__in=[p.worker_id for p in proposals]
    ).values_list("worker_id", "id")
    return dict(rows)


def contract_timeline(contract: Contract):
    return contract.events.select_related("actor", "milestone").order_by("created_at", "id")


def contract_milestones(contract: Contract) -> list[Milestone]:
    return list(contract.milestones.order_by("position"))


def current_milestone(milestones: list[Milestone]) -> Milestone | None:
    """The first milestone not closed: the one the contract's status is about."""
    return next((m for m in milestones if m.status not in CLOSED_MILESTONE_STATUSES), None)


def open_cancellation(contract: Contract) -> CancellationRequest | None:
    return (
        CancellationRequest.objects.filter(contract=contract, status=CancellationStatus.OPEN)
        .select_related("proposed_by", "milestone")
        .first()
    )


def contract_disputes(contract: Contract) -> list[Dispute]:
    """The contract's disputes with their statements (oldest first), in two queries."""
    return list(
        Dispute.objects.filter(contract=contract)
        .select_related("milestone", "resolved_by", "opened_by")
        .prefetch_related(
            Prefetch(
                "statements",
                queryset=DisputeStatement.objects.select_related("author").order_by(
                    "created_at", "id"
                ),
            )
        )
        .order_by("created_at", "id")
    )


def contract_movements(contract: Contract) -> list[dict]:
    """The contract's money, one line per movement as a person reads it: what went into escrow,
    what was released (and what the worker received), fees, withholding, refunds."""
    rows = (
        LedgerEntry.objects.filter(contract=contract)
        .select_related("milestone")
        .order_by("created_at", "id")
    )
    lines: list[dict] = []
    for row in rows:
        if row.account == LedgerAccount.ESCROW and row.kind == LedgerKind.DEPOSIT:
            label, amount = LedgerKind.DEPOSIT.label, row.amount
        elif row.account == LedgerAccount.WORKER:
            label, amount = LedgerKind.RELEASE.label, row.amount
        elif row.account == LedgerAccount.PLATFORM:
            label, amount = LedgerKind.FEE.label, row.amount
        elif row.account == LedgerAccount.TAX:
            label, amount = LedgerKind.WITHHOLDING.label, row.amount
        elif row.account == LedgerAccount.CLIENT and row.kind == LedgerKind.REFUND:
            label, amount = LedgerKind.REFUND.label, row.amount
        else:
            continue
        lines.append(
            {
                "label": label,
                "kind": row.kind,
                "amount": amount,
                "milestone": row.milestone,
                "created_at": row.created_at,
            }
        )
    return lines


def contract_status_counts(user, *, side: str) -> dict[str, int]:
    """How many of the user's contracts (as client or as worker) sit in each state."""
    field = "client" if side == "client" else "worker"
    rows = (
        Contract.objects.filter(**{field: user}).order_by().values("status").annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def contracts_for(user, *, side: str, status: str):
    """The user's contracts on one side, filtered by a status or "active"/"all"."""
    field = "client" if side == "client" else "worker"
    other = "worker" if side == "client" else "client"
    qs = (
        Contract.objects.filter(**{field: user})
        .select_related(other)
        .order_by("-created_at", "-id")
    )
    if status == "active":
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    elif status in ContractStatus.values:
        qs = qs.filter(status=status)
    return qs


def open_cancellations(contracts) -> dict[int, CancellationRequest]:
    """contract id → its open cancellation request, for a page of contracts in one query."""
    ids = [c.pk for c in contracts]
    rows = CancellationRequest.objects.filter(contract_id__in=ids, status=CancellationStatus.OPEN)
    return {row.contract_id: row for row in rows}


def with_next_steps(contracts, user) -> list[Contract]:
    """Attach the step that is the viewer's to take next, if any.

    Moving the work forward (accept, fund, deliver, approve) and answering a cancellation
    proposal are "your turn"; cancelling or reporting a problem are always possible in some
    states, so they are not.
    """
    contracts = list(contracts)
    pending = open_cancellations(contracts)
    for contract in contracts:
        cancellation = pending.get(contract.pk)
        steps = [
            t
            for t in allowed_transitions(contract, user, cancellation=cancellation)
            if t.forward or t.name == "accept_cancellation"
        ]
        contract.next_step = steps[0] if steps else None  # type: ignore[attr-defined]
    return contracts


def jobs_with_new_proposals(user):
    """The client's open jobs that have proposals nobody has answered yet."""
    return (
        Job.objects.filter(client=user, status=JobStatus.OPEN)
        .annotate(
            new_proposals=Count("proposals", filter=Q(proposals__status=ProposalStatus.SUBMITTED))
        )
        .filter(new_proposals__gt=0)
        .select_related("category")
        .order_by("-created_at", "-id")
    )


def proposals_by(user):
    return (
        Proposal.objects.filter(worker=user)
        .select_related("job", "job__category", "contract")
        .order_by("-created_at", "-id")
    )


def reason_cannot_propose(user, job: Job):
    """Why the propose form should not be offered (display only; the action decides)."""
    if job.client_id == user.pk:
        return _("This is your own job, so you cannot propose on it.")
    if job.status != JobStatus.OPEN or not job.is_public:
        return _("This job is no longer accepting proposals.")
    if job.deadline < timezone.localdate():
        return _("The application deadline for this job has passed.")
    if block_between(user.pk, job.client_id) is not None:
        return _("You cannot propose on this job: one of you has blocked the other.")
    return None


def ledger_summary(contract: Contract) -> dict[str, int]:
    """The contract's totals per account, and what escrow holds now, in one query."""
    rows = (
        LedgerEntry.objects.filter(contract=contract)
        .values("account")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    sums = {row["account"]: row["total"] for row in rows}
    return {
        "held": sums.get(LedgerAccount.ESCROW, 0),
        "paid_in": -sums.get(LedgerAccount.CLIENT, 0) - sums.get(LedgerAccount.TAX, 0),
        "to_worker": sums.get(LedgerAccount.WORKER, 0),
        "fees": sums.get(LedgerAccount.PLATFORM, 0),
        "withholding": sums.get(LedgerAccount.TAX, 0),
    }
