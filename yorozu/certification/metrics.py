"""The metrics behind the criteria: one aggregate query per metric over all accounts at once.

Each function answers for every client (or worker, for the worker metrics) in one `GROUP BY`
query, or for the accounts in `client_ids` / `worker_ids` when re-evaluating one after an event,
and returns `{user_id: value}`; an account missing from the result has no record for that metric
(`DEFAULTS` says what that means). The precise definitions are in `docs/certification.md`; the
constants below are part of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from yorozu.accounts.models import IdentityStatus, User
from yorozu.certification.models import CertificationStatus, Metric, WorkerTierStatus
from yorozu.contracts.models import (
    CLIENT_HIDDEN_PROPOSAL_STATUSES,
    Contract,
    ContractEvent,
    ContractStatus,
    Milestone,
    MilestoneStatus,
    Proposal,
    ProposalStatus,
)
from yorozu.enforcement.models import Restriction, RestrictionLevel
from yorozu.formats.models import SubmissionStatus, TaskSubmission
from yorozu.jobs.models import Job
from yorozu.messaging.models import VISIBLE_STATUSES, Message
from yorozu.moderation.models import CaseDecision, CaseStatus, ModerationCase
from yorozu.reviews.models import Direction, Review
from yorozu.workers.models import WORKER_VISIBLE_STATUSES, Scout, ScoutStatus

# A contract accepted by the worker must be funded (仮払い) within this long.
FUNDING_GRACE = datetime.timedelta(days=7)
# A proposal or a worker's message counts as answered when the client answers within this long.
RESPONSE_WINDOW = datetime.timedelta(hours=72)
# A posting younger than this has not had a fair chance to lead to a hire yet.
MIN_JOB_AGE = datetime.timedelta(days=7)
# A review from a worker with this many stars or more is "satisfied".
SATISFIED_STARS = 4
# What the client's own answers to a proposal are (withdrawn is the worker's own step).
CLIENT_ANSWERS = [ProposalStatus.SHORTLISTED, ProposalStatus.DECLINED, ProposalStatus.HIRED]

Values = dict[int, float | None]
ClientIds = Iterable[int] | None


def _scoped(queryset: QuerySet, field: str, client_ids: ClientIds) -> QuerySet:
    return queryset if client_ids is None else queryset.filter(**{f"{field}__in": client_ids})


def _plus(field: str | OuterRef | F, delta: datetime.timedelta) -> ExpressionWrapper:
    base = F(field) if isinstance(field, str) else field
    return ExpressionWrapper(base + delta, output_field=DateTimeField())


def _rate(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def clients_to_evaluate(client_ids: ClientIds) -> dict[int, str]:
    """{client id: identity status} of everyone evaluated: every user who has ever posted a
    job, plus everyone who already has a status (so a badge can be taken away)."""
    if client_ids is not None:
        users = User.objects.filter(pk__in=list(client_ids))
    else:
        users = User.objects.filter(
            Exists(Job.objects.filter(client_id=OuterRef("pk")))
            | Exists(CertificationStatus.objects.filter(client_id=OuterRef("pk")))
        )
    return dict(users.values_list("pk", "identity_status"))


def identity_verified(population: dict[int, str]) -> Values:
    """1 when the secretariat has verified the client's identity, else 0 (no extra query)."""
    return {pk: float(status == IdentityStatus.VERIFIED) for pk, status in population.items()}


def late_or_failed_funding(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> Values:
    """Contracts accepted by the worker in the window whose escrow the client funded late
    (more than FUNDING_GRACE after acceptance, or still unfunded past it, or cancelled unfunded
    past it) or failed to fund (the client cancelled it from "accepted")."""
    cancelled_by_client = ContractEvent.objects.filter(
        contract_id=OuterRef("pk"),
        from_status=ContractStatus.ACCEPTED,
        to_status=ContractStatus.CANCELLED,
        actor_id=OuterRef("client_id"),
    )
    deadline = _plus("accepted_at", FUNDING_GRACE)
    late = (
        Q(funded_at__gt=deadline)
        | Q(
            funded_at__isnull=True,
            status=ContractStatus.ACCEPTED,
            accepted_at__lt=now - FUNDING_GRACE,
        )
        | Q(funded_at__isnull=True, status=ContractStatus.CANCELLED, cancelled_at__gt=deadline)
    )
    failed = Q(funded_at__isnull=True, status=ContractStatus.CANCELLED) & Q(
        Exists(cancelled_by_client)
    )
    rows = (
        _scoped(Contract.objects.all(), "client_id", client_ids)
        .filter(accepted_at__gte=since, accepted_at__lte=now)
        .values("client_id")
        .annotate(n=Count("pk", filter=late | failed))
        .values_list("client_id", "n")
    )
    return {client_id: float(n) for client_id, n in rows}


def completed_order_value(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> Values:
    """The yen amount of the client's contracts completed (検収) in the window."""
    rows = (
        _scoped(Contract.objects.all(), "client_id", client_ids)
        .filter(status=ContractStatus.COMPLETED, completed_at__gte=since, completed_at__lte=now)
        .values("client_id")
        .annotate(total=Sum("amount"))
        .values_list("client_id", "total")
    )
    return {client_id: float(total or 0) for client_id, total in rows}


def hire_rate(since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds) -> Values:
    """% of the jobs the client posted in the window, and at least MIN_JOB_AGE ago, on which
    they hired someone (a contract was offered, whatever became of it)."""
    hired = Exists(Contract.objects.filter(job_id=OuterRef("pk")))
    rows = (
        _scoped(Job.objects.all(), "client_id", client_ids)
        # Tasks and competitions pay without a contract: only projects lead to a hire.
        .filter(created_at__gte=since, created_at__lte=now - MIN_JOB_AGE, format="project")
        .order_by()
        .values("client_id")
        .annotate(posted=Count("pk"), hired=Count("pk", filter=Q(hired)))
        .values_list("client_id", "posted", "hired")
    )
    return {client_id: _rate(h, posted) for client_id, posted, h in rows}


def satisfied_review_rate(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> Values:
    """% of the reviews workers left the client in the window with SATISFIED_STARS or more."""
    rows = (
        _scoped(Review.objects.all(), "reviewee_id", client_ids)
        .filter(direction=Direction.WORKER_TO_CLIENT, created_at__gte=since, created_at__lte=now)
        .order_by()
        .values("reviewee_id")
        .annotate(n=Count("pk"), satisfied=Count("pk", filter=Q(overall__gte=SATISFIED_STARS)))
        .values_list("reviewee_id", "n", "satisfied")
    )
    return {client_id: _rate(s, n) for client_id, n, s in rows}


def proposal_answers(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> dict[int, tuple[int, int]]:
    """{client: (proposals due an answer, answered within RESPONSE_WINDOW)}.

    Due: received in the window at least RESPONSE_WINDOW ago, not withdrawn by the worker before
    the window ran out, and shown to the client (one the secretariat holds or refused is not).
    Answered: the client shortlisted, declined or hired it within the window
    (its status and `updated_at`), or wrote in the job's thread with that worker within it.
    """
    client_wrote = Message.objects.filter(
        thread__job_id=OuterRef("job_id"),
        thread__worker_id=OuterRef("worker_id"),
        sender_id=OuterRef("job__client_id"),
        status__in=VISIBLE_STATUSES,
        created_at__gte=OuterRef("created_at"),
        created_at__lte=_plus(OuterRef("created_at"), RESPONSE_WINDOW),
    )
    answered = Q(
        status__in=CLIENT_ANSWERS, updated_at__lte=_plus("created_at", RESPONSE_WINDOW)
    ) | Q(Exists(client_wrote))
    rows = (
        _scoped(Proposal.objects.all(), "job__client_id", client_ids)
        .filter(created_at__gte=since, created_at__lte=now - RESPONSE_WINDOW)
        .exclude(
            status=ProposalStatus.WITHDRAWN,
            updated_at__lte=_plus("created_at", RESPONSE_WINDOW),
        )
        .exclude(status__in=CLIENT_HIDDEN_PROPOSAL_STATUSES)
        .order_by()
        .values("job__client_id")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered))
        .values_list("job__client_id", "n", "answered")
    )
    return {client_id: (n, a) for client_id, n, a in rows}


def message_answers(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> dict[int, tuple[int, int]]:
    """{client: (workers' messages due an answer, answered within RESPONSE_WINDOW)}.

    Due: a message the worker sent (and the client could see) in the window at least
    RESPONSE_WINDOW ago. Answered: the client's next message in that thread came within it.
    """
    client_replied = Message.objects.filter(
        thread_id=OuterRef("thread_id"),
        sender_id=OuterRef("thread__client_id"),
        status__in=VISIBLE_STATUSES,
        created_at__gt=OuterRef("created_at"),
        created_at__lte=_plus(OuterRef("created_at"), RESPONSE_WINDOW),
    )
    rows = (
        _scoped(Message.objects.all(), "thread__client_id", client_ids)
        .filter(
            sender_id=F("thread__worker_id"),
            status__in=VISIBLE_STATUSES,
            created_at__gte=since,
            created_at__lte=now - RESPONSE_WINDOW,
        )
        .order_by()
        .values("thread__client_id")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(Exists(client_replied))))
        .values_list("thread__client_id", "n", "answered")
    )
    return {client_id: (n, a) for client_id, n, a in rows}


def response_rate(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> Values:
    """% of proposals and workers' messages answered within RESPONSE_WINDOW (two queries)."""
    proposals = proposal_answers(since, now, client_ids)
    messages = message_answers(since, now, client_ids)
    values: Values = {}
    for client_id in proposals.keys() | messages.keys():
        pn, pa = proposals.get(client_id, (0, 0))
        mn, ma = messages.get(client_id, (0, 0))
        values[client_id] = _rate(pa + ma, pn + mn)
    return values


def upheld_violations_by_client(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> Values:
    """Confirmed violations per client in the window: cases about the client that the
    secretariat decided against them (a rejected posting, message, scout or proposal, an
    upheld report, a confirmed repeat offence), plus restrictions above a warning imposed on
    them. Two aggregate queries (GROUP BY user each); the criterion fails as soon as this is
    more than 0.
    """
    cases = (
        _scoped(ModerationCase.objects.all(), "subject_user_id", client_ids)
        .filter(
            status=CaseStatus.DECIDED,
            decision__in=(CaseDecision.REJECT, CaseDecision.REJECT_AND_RESTRICT),
            decided_at__gte=since,
            decided_at__lte=now,
        )
        .order_by()
        .values("subject_user_id")
        .annotate(n=Count("pk"))
        .values_list("subject_user_id", "n")
    )
    restrictions = (
        _scoped(Restriction.objects.all(), "user_id", client_ids)
        .exclude(level=RestrictionLevel.WARNING)
        .filter(starts_at__gte=since, starts_at__lte=now)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    values: Values = {}
    for user_id, n in [*cases, *restrictions]:
        values[user_id] = (values.get(user_id) or 0) + n
    return values


def task_approval_rate(
    since: datetime.datetime, now: datetime.datetime, client_ids: ClientIds
) -> Values:
    """% of the answers to the client's tasks decided in the window that were approved (by the
    client, or automatically when the approval period ended). No decided answer: no record."""
    rows = (
        _scoped(
            TaskSubmission.objects.exclude(status=SubmissionStatus.PENDING),
            "task__job__client_id",
            client_ids,
        )
        .filter(decided_at__gte=since, decided_at__lte=now)
        .order_by()
        .values("task__job__client_id")
        .annotate(
            decided=Count("pk"), approved=Count("pk", filter=Q(status=SubmissionStatus.APPROVED))
        )
        .values_list("task__job__client_id", "decided", "approved")
    )
    return {client_id: _rate(approved, decided) for client_id, decided, approved in rows}


def workers_to_evaluate(worker_ids: ClientIds) -> dict[int, str]:
    """{worker id: identity status} of every worker evaluated for a tier: everyone who has ever
    been hired under a contract, plus everyone who already has a tier status (so a tier can be
    taken away)."""
    if worker_ids is not None:
        users = User.objects.filter(pk__in=list(worker_ids))
    else:
        users = User.objects.filter(
            Exists(Contract.objects.filter(worker_id=OuterRef("pk")))
            | Exists(WorkerTierStatus.objects.filter(worker_id=OuterRef("pk")))
        )
    return dict(users.values_list("pk", "identity_status"))


def completed_contracts(
    since: datetime.datetime, now: datetime.datetime, worker_ids: ClientIds
) -> Values:
    """The worker's contracts completed (検収) in the window."""
    rows = (
        _scoped(Contract.objects.all(), "worker_id", worker_ids)
        .filter(status=ContractStatus.COMPLETED, completed_at__gte=since, completed_at__lte=now)
        .order_by()
        .values("worker_id")
        .annotate(n=Count("pk"))
        .values_list("worker_id", "n")
    )
    return {worker_id: float(n) for worker_id, n in rows}


def average_rating(
    since: datetime.datetime, now: datetime.datetime, worker_ids: ClientIds
) -> Values:
    """The mean overall stars of the reviews clients left the worker in the window (two
    places); no review, no record."""
    rows = (
        _scoped(Review.objects.all(), "reviewee_id", worker_ids)
        .filter(direction=Direction.CLIENT_TO_WORKER, created_at__gte=since, created_at__lte=now)
        .order_by()
        .values("reviewee_id")
        .annotate(n=Count("pk"), stars=Sum("overall"))
        .values_list("reviewee_id", "n", "stars")
    )
    return {worker_id: round(stars / n, 2) for worker_id, n, stars in rows if n}


def on_time_delivery_rate(
    since: datetime.datetime, now: datetime.datetime, worker_ids: ClientIds
) -> Values:
    """% of the worker's funded milestones whose due date fell in the window (and has passed)
    that were delivered on or before that date (in the site's time zone). A milestone past its
    due date and still not delivered counts as late; one without a due date does not count."""
    today = timezone.localdate(now)
    on_time = Q(delivered_at__isnull=False, delivered_on__lte=F("due_date"))
    rows = (
        _scoped(Milestone.objects.all(), "contract__worker_id", worker_ids)
        .filter(
            funded_at__isnull=False,
            due_date__gte=timezone.localdate(since),
            due_date__lt=today,
        )
        .exclude(status=MilestoneStatus.REFUNDED)
        .annotate(delivered_on=TruncDate("delivered_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("contract__worker_id")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=on_time))
        .values_list("contract__worker_id", "n", "on_time")
    )
    return {worker_id: _rate(o, n) for worker_id, n, o in rows}


def worker_message_answers(
    since: datetime.datetime, now: datetime.datetime, worker_ids: ClientIds
) -> dict[int, tuple[int, int]]:
    """{worker: (clients' messages due an answer, answered within RESPONSE_WINDOW)}: the mirror
    of `message_answers` — a message the client sent in the window at least RESPONSE_WINDOW ago,
    answered when the worker wrote in that thread within it."""
    worker_replied = Message.objects.filter(
        thread_id=OuterRef("thread_id"),
        sender_id=OuterRef("thread__worker_id"),
        status__in=VISIBLE_STATUSES,
        created_at__gt=OuterRef("created_at"),
        created_at__lte=_plus(OuterRef("created_at"), RESPONSE_WINDOW),
    )
    rows = (
        _scoped(Message.objects.all(), "thread__worker_id", worker_ids)
        .filter(
            sender_id=F("thread__client_id"),
            status__in=VISIBLE_STATUSES,
            created_at__gte=since,
            created_at__lte=now - RESPONSE_WINDOW,
        )
        .order_by()
        .values("thread__worker_id")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(Exists(worker_replied))))
        .values_list("thread__worker_id", "n", "answered")
    )
    return {worker_id: (n, a) for worker_id, n, a in rows}


def scout_answers(
    since: datetime.datetime, now: datetime.datetime, worker_ids: ClientIds
) -> dict[int, tuple[int, int]]:
    """{worker: (scouts due an answer, answered within RESPONSE_WINDOW)}: scouts the worker
    could see, received in the window at least RESPONSE_WINDOW ago; answered when accepted or
    declined within it."""
    answered = Q(
        status__in=(ScoutStatus.ACCEPTED, ScoutStatus.DECLINED),
        decided_at__lte=_plus("created_at", RESPONSE_WINDOW),
    )
    rows = (
        _scoped(Scout.objects.all(), "worker_id", worker_ids)
        .filter(
            status__in=WORKER_VISIBLE_STATUSES,
            created_at__gte=since,
            created_at__lte=now - RESPONSE_WINDOW,
        )
        .order_by()
        .values("worker_id")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered))
        .values_list("worker_id", "n", "answered")
    )
    return {worker_id: (n, a) for worker_id, n, a in rows}


def worker_response_rate(
    since: datetime.datetime, now: datetime.datetime, worker_ids: ClientIds
) -> Values:
    """% of clients' messages and scouts answered within RESPONSE_WINDOW (two queries)."""
    messages = worker_message_answers(since, now, worker_ids)
    scouts = scout_answers(since, now, worker_ids)
    values: Values = {}
    for worker_id in messages.keys() | scouts.keys():
        mn, ma = messages.get(worker_id, (0, 0))
        sn, sa = scouts.get(worker_id, (0, 0))
        values[worker_id] = _rate(ma + sa, mn + sn)
    return values


# metric → (function of (since, now, client_ids), value for a client absent from its result)
WindowedMetric = Callable[[datetime.datetime, datetime.datetime, ClientIds], Values]
WINDOWED: dict[str, WindowedMetric] = {
    Metric.LATE_OR_FAILED_FUNDING: late_or_failed_funding,
    Metric.COMPLETED_ORDER_VALUE: completed_order_value,
    Metric.HIRE_RATE: hire_rate,
    Metric.SATISFIED_REVIEW_RATE: satisfied_review_rate,
    Metric.RESPONSE_RATE: response_rate,
    Metric.UPHELD_VIOLATIONS: upheld_violations_by_client,
    Metric.TASK_APPROVAL_RATE: task_approval_rate,
    Metric.COMPLETED_CONTRACTS: completed_contracts,
    Metric.AVERAGE_RATING: average_rating,
    Metric.ON_TIME_DELIVERY_RATE: on_time_delivery_rate,
    Metric.WORKER_RESPONSE_RATE: worker_response_rate,
}
# Counts and sums are 0 without a record; a rate without a record is None (no track record,
# which never meets a criterion).
DEFAULTS: dict[str, float | None] = {
    Metric.IDENTITY_VERIFIED: 0.0,
    Metric.LATE_OR_FAILED_FUNDING: 0.0,
    Metric.COMPLETED_ORDER_VALUE: 0.0,
    Metric.HIRE_RATE: None,
    Metric.SATISFIED_REVIEW_RATE: None,
    Metric.RESPONSE_RATE: None,
    Metric.UPHELD_VIOLATIONS: 0.0,
    Metric.TASK_APPROVAL_RATE: None,
    Metric.COMPLETED_CONTRACTS: 0.0,
    Metric.AVERAGE_RATING: None,
    Metric.ON_TIME_DELIVERY_RATE: None,
    Metric.WORKER_RESPONSE_RATE: None,
}
