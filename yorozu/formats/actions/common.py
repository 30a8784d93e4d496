"""What posting a task and a competition share: the gates, the screened posting, the job row,
and money moved through the contracts ledger with the posting as its subject."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.contracts import ledger
from yorozu.contracts.payments import get_gateway, platform_fee
from yorozu.core.errors import Refused
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.jobs.actions import screen_job
from yorozu.jobs.models import Job, JobEvent, JobModeration, JobStatus, PayType
from yorozu.trust.screening import (
    PRE_CONTRACT,
    Context,
    Screening,
    apply_verdict,
    refuse_if_blocked,
    screen,
)

if TYPE_CHECKING:
    from yorozu.accounts.models import User


class FormatRefused(Refused):
    """A step a task or competition cannot take now; `message` says why."""

    default_code = "format_refused"
    status = 409


def require_poster(client: User, actor: User) -> None:
    if actor is None or actor.pk != client.pk:
        raise PermissionDenied("a posting is made by its own client")
    admit(client, "job")
    if not can_use(client, "post"):
        raise PermissionDenied(restricted_message("post"))


def require_owner(job: Job, actor: User) -> None:
    if actor is None or job.client_id != actor.pk:
        raise PermissionDenied("only the client who posted it may do this")


def screen_posting(
    title: str, description: str, extra: str, *, client: User, actor: User
) -> Screening:
    """A task or competition is screened as a posting (the same door and policy as a job),
    with what the format adds (the question and its choices) read after the description."""
    screened = screen_job(title, f"{description}\n\n{extra}".strip(), author=client)
    refuse_if_blocked(screened, author=client, actor=actor)
    return screened


def create_job(
    *,
    client: User,
    data: Mapping[str, Any],
    job_format: str,
    budget: int,
    hires: int,
    screened: Screening,
    actor: User,
) -> Job:
    """The posting row of a task or competition, awaiting escrow (only its owner sees it)."""
    category = data["category"]
    now = timezone.now()
    job = Job.objects.create(
        client=client,
        title=data["title"],
        category=category,
        main_category=category.parent,
        description=data["description"],
        pay_type=PayType.FIXED,
        budget_min=budget,
        budget_max=budget,
        deadline=data["deadline"],
        hires_wanted=min(hires, 32767),
        format=job_format,
        status=JobStatus.UNFUNDED,
        moderation=JobModeration.HELD if screened.verdict == "hold" else JobModeration.PUBLIC,
        assessment=screened.stored,
        created_at=now,
        updated_at=now,
    )
    record(job, "posted", actor=actor, verdict=screened.verdict, format=job_format)
    apply_verdict(screened, content=job, author=client, actor=actor)
    return job


def record(job: Job, event_type: str, *, actor: User | None, **data: Any) -> JobEvent:
    """The posting's audit row (one audit trail per posting, whatever its format)."""
    return JobEvent.objects.create(
        job=job, actor=actor, event_type=event_type, data=data, created_at=timezone.now()
    )


def key(kind: str, pk: int, what: str) -> str:
    """A ledger movement key, also the gateway's idempotency key: `task:12:deposit`."""
    return f"{kind}:{pk}:{what}"


def deposit(job: Job, amount: int, *, movement: str) -> None:
    reference = get_gateway().deposit(idempotency_key=movement, contract_id=None, amount=amount)
    ledger.post(
        movement,
        ledger.deposit_postings(client_id=job.client_id, cash=amount),
        job=job,
        reference=reference,
    )


def release(job: Job, amount: int, *, worker_id: int, movement: str) -> dict[str, int]:
    """Pay `amount` out of the posting's escrow to a worker, less the platform fee (as for any
    payment on yorozu). Returns what moved."""
    fee = platform_fee(amount)
    reference = get_gateway().release(
        idempotency_key=movement, contract_id=None, amount=amount, fee=fee
    )
    ledger.post(
        movement,
        ledger.release_postings(worker_id=worker_id, cash=amount, fee=fee),
        job=job,
        reference=reference,
    )
    return {"paid": amount, "fee": fee, "take_home": amount - fee}


def refund(job: Job, amount: int, *, movement: str) -> int:
    """Return `amount` of the posting's escrow to its client (nothing for zero)."""
    if amount <= 0:
        return 0
    reference = get_gateway().refund(idempotency_key=movement, contract_id=None, amount=amount)
    ledger.post(
        movement,
        ledger.refund_postings(client_id=job.client_id, cash=amount),
        job=job,
        reference=reference,
    )
    return amount


NOT_OPEN = _("This task is not taking answers.")


def require_publishable(job: Job) -> None:
    """Money goes into escrow only for a posting the secretariat lets be public: a held one is
    funded once approved, so a posting that is then not published never holds a client's money."""
    if job.moderation != JobModeration.PUBLIC:
        raise FormatRefused(
            _(
                "The secretariat is checking this posting. You can fund it once it is approved; "
                "we will let you know."
            )
        )


def refuse_unfit_client_note(job: Job, text: str, *, actor: User, held: Exception) -> None:
    """A client's note to a worker before any contract (a rejection's reason, a comment on an
    entry) is screened as a message from the client about this job: refused when blocked, and
    `held` is raised when it would be held — the client rewrites it rather than wait."""
    screened = screen(
        "message",
        text,
        author=actor,
        context=Context(
            stage=PRE_CONTRACT, sender_role="client", job_title=job.title, job_text=job.description
        ),
    )
    refuse_if_blocked(screened, author=actor, actor=actor)
    if screened.verdict == "hold":
        raise held
