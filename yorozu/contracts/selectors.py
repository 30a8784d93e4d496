"""Reads for proposals, contracts and the work dashboard.

`access_*` functions fetch and authorize in one call: a person who may not see a thing gets a
404, never a hint that it exists.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.contracts.models import (
    CLIENT_HIDDEN_PROPOSAL_STATUSES,
    Contract,
    ContractStatus,
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
        .select_related("worker", "worker__worker_profile")
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
    return contract.events.select_related("actor").order_by("created_at", "id")


def contract_ledger(contract: Contract):
    return contract.ledger.order_by("created_at", "id")


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


def with_next_steps(contracts, user) -> list[Contract]:
    """Attach the step that moves each contract forward, if it is the viewer's to take.

    Cancelling and reporting a problem are always possible in some states, so they are not
    "your turn"; the list says what the viewer is expected to do next, or nothing.
    """
    contracts = list(contracts)
    for contract in contracts:
        forward = [t for t in allowed_transitions(contract, user) if not t.danger]
        contract.next_step = forward[0] if forward else None
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
    return None


def ledger_summary(entries) -> dict[str, int]:
    """Totals per ledger kind and what escrow still holds (deposit less what left it)."""
    totals = {"deposit": 0, "release": 0, "refund": 0, "fee": 0}
    for entry in entries:
        totals[entry.kind] += entry.amount
    totals["held"] = totals["deposit"] - totals["release"] - totals["refund"] - totals["fee"]
    return totals
