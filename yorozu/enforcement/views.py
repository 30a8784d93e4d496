"""Views for enforcement (thin: access_* then one do_* then render).

Public: the report form, the statement of reasons, appeals, the transparency page. Staff only
(under /secretariat/): a minimal report-decision page, appeals, lifting, and the audit log with
CSV export. The console (issue 7) shows the reports queue and calls the same actions.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

if TYPE_CHECKING:
    from yorozu.accounts.requests import SignedInRequest

from yorozu.core.errors import Refused
from yorozu.core.staff import DECIDE_APPEALS, RESTRICT, REVIEW, VIEW_AUDIT, staff_view
from yorozu.enforcement.actions import (
    AppealError,
    ReportRefused,
    do_decide_appeal,
    do_file_appeal,
    do_file_report,
    do_lift_restriction,
)
from yorozu.enforcement.forms import (
    AppealDecisionForm,
    AppealForm,
    AuditFilterForm,
    LiftForm,
    ReportForm,
)
from yorozu.enforcement.models import Appeal, ReportTarget, Restriction
from yorozu.enforcement.selectors import (
    AuditFilters,
    access_own_restriction,
    access_report_target,
    audit_log,
    existing_report,
    open_report_cases,
    pending_appeals,
    reports_of_user,
    restrictions_for_statement,
    transparency_figures,
    with_item_titles,
)
from yorozu.moderation.models import CaseQueue, ModerationCase

PAGE_SIZE = 50


# --- reporting ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request: SignedInRequest) -> HttpResponse:
    """Report an item: ?target=job|user|message|scout|proposal&id=N (404 if not visible)."""
    target = request.GET.get("target", "")
    if target not in ReportTarget.values:
        raise Http404("unknown report target")
    item = access_report_target(request.user, target, request.GET.get("id"))
    form = ReportForm(request.POST if request.method == "POST" else None)
    own = item.subject_user.pk == request.user.pk
    already = existing_report(request.user, item.obj)
    if request.method == "POST" and form.is_valid():
        try:
            do_file_report(
                item=item,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                actor=request.user,
            )
        except ReportRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you for your report. The secretariat will review it and tell you "
                    "the outcome in your notifications."
                ),
            )
            return redirect("enforcement:my_reports")
    context = {
        "form": form,
        "item": item,
        "target_label": ReportTarget(item.target).label,
        "own": own,
        "already": already,
    }
    return render(request, "enforcement/report_new.html", context)


@login_required
def my_reports(request: SignedInRequest) -> HttpResponse:
    page = Paginator(reports_of_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_item_titles(page.object_list)
    return render(request, "enforcement/report_mine.html", {"page_obj": page})


# --- statement of reasons and appeals ----------------------------------------------------------


@login_required
def statement(request: SignedInRequest) -> HttpResponse:
    """The statement of reasons for every restriction decision on the signed-in account."""
    restrictions = list(restrictions_for_statement(request.user))
    return render(request, "enforcement/statement.html", {"restrictions": restrictions})


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: SignedInRequest, restriction_id: int) -> HttpResponse:
    restriction = access_own_restriction(request.user, restriction_id)
    existing = Appeal.objects.filter(restriction=restriction).first()
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_file_appeal(restriction, text=form.cleaned_data["text"], actor=request.user)
        except AppealError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _(
                    "Your appeal has been received. A different member of the secretariat "
                    "will review it and tell you the outcome."
                ),
            )
            return redirect("enforcement:statement")
    context = {"form": form, "restriction": restriction, "existing": existing}
    return render(request, "enforcement/appeal_new.html", context)


# --- public figures ----------------------------------------------------------------------------


def transparency(request: SignedInRequest) -> HttpResponse:
    return render(request, "enforcement/transparency.html", {"quarters": transparency_figures()})


# --- the secretariat ---------------------------------------------------------------------------


@staff_view(REVIEW)
def secretariat_reports(request: SignedInRequest) -> HttpResponse:
    page = Paginator(open_report_cases(), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_item_titles(page.object_list)
    return render(request, "enforcement/secretariat_reports.html", {"page_obj": page})


@staff_view(REVIEW)
@require_GET
def secretariat_report_case(request: SignedInRequest, case_id: int) -> HttpResponse:
    """A report case is decided in one place, the review console's case page (the reports,
    the reported text, the account's history and a decision that names its consequence): this
    older address leads there."""
    case = get_object_or_404(ModerationCase, pk=case_id, queue=CaseQueue.REPORTS)
    return redirect("console:case", case_id=case.pk)


@staff_view(DECIDE_APPEALS)
def secretariat_appeals(request: SignedInRequest) -> HttpResponse:
    page = Paginator(pending_appeals(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enforcement/secretariat_appeals.html", {"page_obj": page})


@staff_view(DECIDE_APPEALS)
@require_http_methods(["GET", "POST"])
def secretariat_appeal(request: SignedInRequest, appeal_id: int) -> HttpResponse:
    appeal_obj = get_object_or_404(
        Appeal.objects.select_related("restriction", "restriction__user", "appellant"),
        pk=appeal_id,
    )
    form = AppealDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_decide_appeal(
                appeal_obj,
                upheld=form.cleaned_data["upheld"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The appeal is decided and the user is told."))
            return redirect("enforcement:secretariat_appeals")
    context = {"appeal": appeal_obj, "form": form}
    return render(request, "enforcement/secretariat_appeal.html", context)


@staff_view(RESTRICT)
@require_http_methods(["GET", "POST"])
def secretariat_lift(request: SignedInRequest, restriction_id: int) -> HttpResponse:
    restriction = get_object_or_404(Restriction.objects.select_related("user"), pk=restriction_id)
    form = LiftForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lifted = do_lift_restriction(
                restriction, reason=form.cleaned_data["reason"], actor=request.user
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            if lifted:
                messages.success(request, _("The restriction is lifted and the user is told."))
            return redirect("enforcement:audit")
    return render(
        request, "enforcement/secretariat_lift.html", {"restriction": restriction, "form": form}
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@staff_view(VIEW_AUDIT)
def audit(request: SignedInRequest) -> HttpResponse | StreamingHttpResponse:
    """The append-only enforcement log, filtered; ?format=csv exports what the filters select."""
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = AuditFilters(
            event_type=data["event_type"] or "",
            subject_user_id=data["subject"],
            actor_id=data["actor"],
            since=data["since"],
            until=data["until"],
        )
    rows = audit_log(filters)
    if request.GET.get("format") == "csv":
        writer = csv.writer(_Echo())
        header = ["id", "created_at", "event_type", "actor_id", "subject_user_id", "case_id"]
        header += ["report_id", "restriction_id", "appeal_id", "data"]

        def lines():
            yield writer.writerow(header)
            for row in rows.iterator(chunk_size=1000):
                yield writer.writerow(
                    [
                        row.pk,
                        row.created_at.isoformat(),
                        row.event_type,
                        row.actor_id or "",
                        row.subject_user_id or "",
                        row.case_id or "",
                        row.report_id or "",
                        row.restriction_id or "",
                        row.appeal_id or "",
                        row.data,
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="enforcement-log.csv"'
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page_obj": page, "query": query.urlencode()}
    return render(request, "enforcement/audit.html", context)
