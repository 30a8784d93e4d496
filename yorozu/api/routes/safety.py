"""Reports, the trust engine's pre-send check, and the secretariat's queues and decisions.

`POST /trust/assess` screens a text as the send path would (the same door, `trust.screening.
screen`, which writes nothing): for everyone as a pre-send check, within the `assess` quota (429
with Retry-After past it); staff tokens are not counted. The staff operations need the `staff`
scope on a token made after the second factor (or a session that passed it) and call the
console's own selectors and `do_decide_case`.
"""

from __future__ import annotations

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from yorozu.accounts.requests import SignedInRequest
from yorozu.api.auth import signed_in, staff
from yorozu.api.errors import Invalid, spans_of
from yorozu.api.models import Scope
from yorozu.api.pagination import DEFAULT_LIMIT, cursor_page
from yorozu.api.routes.jobs import form_data
from yorozu.api.schemas import READ_ERRORS, WRITE_ERRORS, page
from yorozu.console.actions import do_decide_case
from yorozu.console.selectors import access_case, case_text, cases_in_queue, queue_counts
from yorozu.core.errors import Refused
from yorozu.core.quotas import spend_quota
from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.enforcement.actions import do_file_report
from yorozu.enforcement.forms import ReportForm
from yorozu.enforcement.selectors import access_report_target, reports_of_user
from yorozu.moderation.models import CaseQueue, ModerationCase
from yorozu.trust.screening import POLICIES, POST_CONTRACT, PRE_CONTRACT, Context, screen

router = Router(tags=["reports and safety"])


class ReportIn(Schema):
    target: str
    id: int
    reason: str
    details: str = ""


class ReportOut(Schema):
    id: int
    target: str
    reason: str
    status: str
    created_at: datetime.datetime


class ReportPage(Schema):
    items: list[ReportOut]
    next_cursor: str | None


class AssessIn(Schema):
    text: str
    kind: str = "message"
    stage: str = "pre_contract"
    sender_role: str = "worker"


class Span(Schema):
    start: int
    end: int
    code: str
    category: str
    message: str


class Verdict(Schema):
    verdict: str
    score: float
    spans: list[Span]
    messages: list[str]


class CaseOut(Schema):
    id: int
    queue: str
    status: str
    kind: str
    object_id: int
    subject_user_id: int | None
    reason_code: str
    priority: int
    text: str
    created_at: datetime.datetime


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None


class DecisionIn(Schema):
    decision: str
    reason: str = ""
    restrict_level: str = "permanent"


def report_out(report) -> dict:
    return {
        "id": report.pk,
        "target": report.target,
        "reason": report.reason,
        "status": report.status,
        "created_at": report.created_at,
    }


def case_out(case: ModerationCase, *, with_text: bool = False) -> dict:
    return {
        "id": case.pk,
        "queue": case.queue,
        "status": case.status,
        "kind": case.content_type.model,
        "object_id": case.object_id,
        "subject_user_id": case.subject_user_id,
        "reason_code": case.reason_code,
        "priority": case.priority,
        "text": case_text(case) if with_text else "",
        "created_at": case.created_at,
    }


@router.post("/reports", response={201: ReportOut, **WRITE_ERRORS}, auth=signed_in(Scope.READ))
def file_report(request: SignedInRequest, body: ReportIn):
    """Report a job, user, message, scout or proposal the caller can see (404 otherwise)."""
    item = access_report_target(request.user, body.target, body.id)
    form = ReportForm(form_data({"reason": body.reason, "details": body.details}))
    if not form.is_valid():
        raise Invalid.from_form(form)
    report = do_file_report(
        item=item,
        reason=form.cleaned_data["reason"],
        details=form.cleaned_data["details"],
        actor=request.user,
    )
    return Status(201, report_out(report))


@router.get("/reports", response={200: ReportPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def my_reports(request: SignedInRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT):
    """The reports the caller filed, with where each stands."""
    rows, next_cursor = cursor_page(reports_of_user(request.user), cursor, limit)
    return page([report_out(r) for r in rows], next_cursor)


ASSESSED_KINDS = ("message", "scout", "proposal", "job", "profile", "review")


@router.post("/trust/assess", response={200: Verdict, **WRITE_ERRORS}, auth=signed_in(None))
def assess(request: SignedInRequest, body: AssessIn):
    """The verdict and flagged spans for a text, as the send path would screen it (nothing is
    stored or counted against the author). At most 5,000 characters."""
    errors: dict[str, list[str]] = {}
    if body.kind not in ASSESSED_KINDS or body.kind not in POLICIES:
        errors["kind"] = [f"one of {', '.join(ASSESSED_KINDS)}"]
    if body.stage not in (PRE_CONTRACT, POST_CONTRACT):
        errors["stage"] = [f"{PRE_CONTRACT} (before escrow) or {POST_CONTRACT}"]
    if body.sender_role not in ("client", "worker"):
        errors["sender_role"] = ["one of client, worker"]
    if not body.text.strip() or len(body.text) > 5000:
        errors["text"] = ["between 1 and 5,000 characters"]
    if errors:
        raise Invalid(errors)
    if not has_staff_permission(request.user, REVIEW):
        spend_quota("assess", account=request.user)
    screened = screen(
        body.kind,
        body.text,
        context=Context(stage=body.stage, sender_role=body.sender_role),
    )
    lang = get_language() or "ja"
    return {
        "verdict": screened.verdict,
        "score": round(screened.assessment.score, 4),
        "spans": spans_of(screened.reasons, lang),
        "messages": screened.reason_messages(lang),
    }


# -- the secretariat ---------------------------------------------------------------------------


def _reviewer(request: SignedInRequest) -> None:
    if not has_staff_permission(request.user, REVIEW):
        raise Refused(_("Only the secretariat may do this."), "staff_only", status=403)


class QueueCount(Schema):
    queue: str
    open: int


@router.get(
    "/staff/queues", response={200: list[QueueCount], **READ_ERRORS}, auth=staff(), tags=["staff"]
)
def queues(request: SignedInRequest):
    """Each review queue and how many cases wait in it."""
    _reviewer(request)
    counts = queue_counts()
    return [{"queue": q, "open": counts.get(q, 0)} for q in CaseQueue.values]


@router.get(
    "/staff/queues/{queue}",
    response={200: CasePage, **READ_ERRORS},
    auth=staff(),
    tags=["staff"],
)
def queue(
    request: SignedInRequest,
    queue: str,
    status: str = "",
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
):
    """A queue's undecided cases (or those with `status`), highest priority first."""
    _reviewer(request)
    if queue not in CaseQueue.values:
        raise Invalid({"queue": [f"one of {', '.join(CaseQueue.values)}"]})
    rows, next_cursor = cursor_page(cases_in_queue(queue, status=status), cursor, limit)
    return page([case_out(c) for c in rows], next_cursor)


@router.get(
    "/staff/cases/{id:case_id}",
    response={200: CaseOut, **READ_ERRORS},
    auth=staff(),
    tags=["staff"],
)
def case(request: SignedInRequest, case_id: int):
    """One case with the text under review."""
    return case_out(access_case(request.user, case_id), with_text=True)


@router.post(
    "/staff/cases/{id:case_id}/decision",
    response={200: CaseOut, **WRITE_ERRORS},
    auth=staff(),
    tags=["staff"],
)
def decide(request: SignedInRequest, case_id: int, body: DecisionIn):
    """Decide a case as the console does: `approve`, `reject` or `reject_restrict` (a reason
    the author will read is needed to reject). Nobody decides a case about themselves."""
    found = access_case(request.user, case_id)
    decided = do_decide_case(
        found,
        decision=body.decision,
        reason=body.reason,
        actor=request.user,
        restrict_level=body.restrict_level,
    )
    return case_out(decided, with_text=True)
