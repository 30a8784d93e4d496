"""Proposals: a worker proposes on a job; the client shortlists, declines or hires.

Each action locks what it changes, checks who is asking and the current state, and raises
`ContractError` before writing anything it refuses.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.blocks.selectors import refuse_if_contact_blocked
from yorozu.contracts.errors import ContractError
from yorozu.contracts.models import (
    Contract,
    ContractEvent,
    ContractStatus,
    Milestone,
    Proposal,
    ProposalStatus,
)
from yorozu.contracts.notices import notify
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.enforcement.selectors import can_use, is_visible, restricted_message
from yorozu.jobs.models import Job, JobStatus
from yorozu.messaging.actions import ensure_thread
from yorozu.messaging.screening import proposal_context
from yorozu.trust.screening import (
    Screening,
    apply_verdict,
    check_slowdown,
    do_clear_screening,
    refuse_if_blocked,
    screen,
)

if TYPE_CHECKING:
    from yorozu.accounts.models import User

# A proposal the client has not answered yet: it can still be withdrawn, declined or hired.
PENDING = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)
# Contracts that use up one of a job's hires (a cancelled one frees its place).
LIVE_CONTRACT_STATUSES = [s for s in ContractStatus.values if s != ContractStatus.CANCELLED]


def _lock_proposal(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("job").get(pk=proposal.pk)


def _sync(target, source, fields: list[str]) -> None:
    """Copy the written fields back onto the caller's instance so it is not left stale."""
    for field in fields:
        setattr(target, field, getattr(source, field))


def do_submit_proposal(*, job: Job, worker, data: dict, actor: User) -> Proposal:
    """Propose on an open job: one proposal per worker per job, never on one's own job.

    A worker barred from messaging cannot propose (a proposal is a message to the client).
    The proposal's message goes through the screening door before the proposal's transaction:
    block refuses with `trust.screening.Blocked` (the form keeps the draft; the attempt is
    recorded and counts toward the slow-down); hold stores it and opens a case for the
    secretariat without telling the client; warn tells the client with the reasons.
    """
    if actor.pk != worker.pk:
        raise ContractError(_("You can only propose for yourself."))
    admit(worker, "proposal")
    if not can_use(worker, "message"):
        raise ContractError(restricted_message("message"), "restricted", status=403)
    refuse_if_contact_blocked(worker, job.client_id)
    check_slowdown(worker)
    screened = screen("proposal", data["message"], author=worker, context=proposal_context(job))
    refuse_if_blocked(screened, author=worker, actor=actor)
    return _submit_proposal(job=job, worker=worker, data=data, actor=actor, screened=screened)


@transaction.atomic(durable=True)
def _submit_proposal(*, job: Job, worker, data: dict, actor: User, screened: Screening) -> Proposal:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.client_id == worker.pk:
        raise ContractError(_("You cannot propose on your own job."))
    if job.status != JobStatus.OPEN or not job.is_public or not is_visible("job", job.client):
        raise ContractError(_("This job is no longer accepting proposals."))
    if not job.is_project:
        raise ContractError(_("Tasks and competitions take answers and entries, not proposals."))
    if job.deadline < timezone.localdate():
        raise ContractError(_("The application deadline for this job has passed."))
    if Proposal.objects.filter(job=job, worker=worker).exists():
        raise ContractError(_("You have already sent a proposal for this job."))
    now = timezone.now()
    held = screened.verdict == "hold"
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                job=job,
                worker=worker,
                price=data["price"],
                delivery_days=data["delivery_days"],
                message=data["message"],
                status=ProposalStatus.HELD if held else ProposalStatus.SUBMITTED,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError as exc:  # a concurrent double submit lost the race
        raise ContractError(_("You have already sent a proposal for this job.")) from exc
    apply_verdict(screened, content=proposal, author=worker, actor=actor)
    if held:
        # Nothing reaches the client (no count, no thread, no notice) until the secretariat
        # releases it.
        return proposal
    reasons = screened.reason_messages() if screened.verdict == "warn" else []
    _deliver_to_client(proposal, job=job, reasons=reasons)
    return proposal


def _deliver_to_client(proposal: Proposal, *, job: Job, reasons: list[str]) -> None:
    """Count the proposal on its job, open the thread and tell the client."""
    worker = proposal.worker
    Job.objects.filter(pk=job.pk).update(proposal_count=F("proposal_count") + 1)
    ensure_thread(job, worker)
    params = {"job": job.title, "worker": worker.display_name, "price": f"{proposal.price:,}"}
    body = _("%(worker)s sent a proposal for ¥%(price)s.")
    if reasons:
        body = _("%(worker)s sent a proposal for ¥%(price)s. Please read it with care: %(reasons)s")
        params["reasons"] = "／".join(dict.fromkeys(reasons))
    notify(
        job.client,
        kind="proposal_received",
        title=_("New proposal for “%(job)s”"),
        body=body,
        url=reverse("contracts:proposal_detail", args=[proposal.pk]),
        params=params,
    )


@transaction.atomic
def do_release_held_proposal(proposal: Proposal, *, actor: User) -> bool:
    """The secretariat lets a held proposal through: the client sees it from now on.

    False (and nothing written) when the proposal is no longer held.
    """
    require_staff_permission(actor, REVIEW, about=[proposal.worker_id])
    locked = _lock_proposal(proposal)
    if locked.status != ProposalStatus.HELD:
        return False
    _set_status(locked, ProposalStatus.SUBMITTED)
    _sync(proposal, locked, ["status", "updated_at"])
    do_clear_screening(locked)
    _deliver_to_client(locked, job=locked.job, reasons=[])
    return True


@transaction.atomic
def do_reject_held_proposal(proposal: Proposal, *, reason: str, actor: User) -> bool:
    """The secretariat refuses a held proposal; the worker is told why, the client never knows."""
    require_staff_permission(actor, REVIEW, about=[proposal.worker_id])
    locked = _lock_proposal(proposal)
    if locked.status != ProposalStatus.HELD:
        return False
    _set_status(locked, ProposalStatus.REJECTED)
    _sync(proposal, locked, ["status", "updated_at"])
    notify(
        locked.worker,
        kind="proposal_rejected",
        title=_("Your proposal for “%(job)s” was not delivered"),
        body=_("The secretariat did not deliver it to the client: %(reason)s"),
        url=reverse("contracts:proposal_detail", args=[locked.pk]),
        params={"job": locked.job.title, "reason": reason},
    )
    return True


def _set_status(proposal: Proposal, status: str) -> None:
    proposal.status = status
    proposal.updated_at = timezone.now()
    proposal.save(update_fields=["status", "updated_at"])


@transaction.atomic(durable=True)
def do_withdraw_proposal(proposal: Proposal, *, actor: User) -> Proposal:
    """The worker takes back a proposal the client has not yet answered."""
    locked = _lock_proposal(proposal)
    if locked.worker_id != actor.pk:
        raise ContractError(_("Only the worker who sent this proposal can withdraw it."))
    if locked.status not in PENDING:
        raise ContractError(_("This proposal can no longer be withdrawn."))
    _set_status(locked, ProposalStatus.WITHDRAWN)
    _sync(proposal, locked, ["status", "updated_at"])
    return locked


@transaction.atomic(durable=True)
def do_shortlist_proposal(proposal: Proposal, *, actor: User) -> Proposal:
    """The client marks a proposal as a candidate. A private note, so nobody is notified."""
    locked = _lock_proposal(proposal)
    if locked.job.client_id != actor.pk:
        raise ContractError(_("Only the client who posted this job can do this."))
    if locked.status != ProposalStatus.SUBMITTED:
        raise ContractError(_("Only a new proposal can be shortlisted."))
    _set_status(locked, ProposalStatus.SHORTLISTED)
    _sync(proposal, locked, ["status", "updated_at"])
    return locked


@transaction.atomic(durable=True)
def do_decline_proposal(proposal: Proposal, *, actor: User) -> Proposal:
    """The client turns a proposal down; the worker is told so they can move on."""
    locked = _lock_proposal(proposal)
    if locked.job.client_id != actor.pk:
        raise ContractError(_("Only the client who posted this job can do this."))
    if locked.status not in PENDING:
        raise ContractError(_("This proposal can no longer be declined."))
    _set_status(locked, ProposalStatus.DECLINED)
    notify(
        locked.worker,
        kind="proposal_declined",
        title=_("Your proposal for “%(job)s” was not selected"),
        body=_("Thank you for proposing. Please try other jobs."),
        url=reverse("contracts:proposal_detail", args=[locked.pk]),
        params={"job": locked.job.title},
    )
    _sync(proposal, locked, ["status", "updated_at"])
    return locked


@transaction.atomic(durable=True)
def do_hire_proposal(proposal: Proposal, *, actor: User) -> Contract:
    """The client hires: the proposal becomes a contract offer the worker must accept.

    The job row is locked while counting its live contracts, so two quick hires cannot both
    slip past `hires_wanted`.
    """
    job = Job.objects.select_for_update().get(pk=proposal.job_id)
    locked = _lock_proposal(proposal)
    if job.client_id != actor.pk:
        raise ContractError(_("Only the client who posted this job can do this."))
    if job.status != JobStatus.OPEN:
        raise ContractError(_("This job is closed; reopen it before hiring."))
    if locked.status not in PENDING:
        raise ContractError(_("This proposal can no longer be hired."))
    live = Contract.objects.filter(job=job, status__in=LIVE_CONTRACT_STATUSES).count()
    if live >= job.hires_wanted:
        raise ContractError(
            _("This job already has as many hires as it wanted (%(n)s).") % {"n": job.hires_wanted}
        )
    _set_status(locked, ProposalStatus.HIRED)
    contract = Contract.objects.create(
        job=job,
        proposal=locked,
        client_id=job.client_id,
        worker_id=locked.worker_id,
        title=job.title,
        category_id=job.category_id,
        amount=locked.price,
        status=ContractStatus.OFFERED,
    )
    # One milestone for the whole price, due after the proposal's delivery days; the client may
    # split it into several (`do_edit_offer`) until the worker accepts.
    Milestone.objects.create(
        contract=contract,
        position=1,
        title=job.title,
        amount=contract.amount,
        due_date=timezone.localdate() + datetime.timedelta(days=locked.delivery_days),
    )
    ContractEvent.objects.create(
        contract=contract,
        actor=actor,
        action="offer",
        from_status="",
        to_status=ContractStatus.OFFERED,
    )
    notify(
        locked.worker,
        kind="contract_offered",
        title=_("You have a contract offer for “%(job)s”"),
        body=_("The client wants to hire you for ¥%(amount)s. Please review and accept the offer."),
        url=reverse("contracts:detail", args=[contract.pk]),
        params={"job": job.title, "amount": f"{contract.amount:,}"},
    )
    _sync(proposal, locked, ["status", "updated_at"])
    return contract
