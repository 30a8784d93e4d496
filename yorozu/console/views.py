"""The secretariat's review console (staff only; everyone else gets the login page or a 404)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yorozu.accounts.requests import SignedInRequest
from yorozu.console.actions import do_decide_case, do_draft_monthly_roundup
from yorozu.console.charts import bar_chart
from yorozu.console.forms import (
    BacktestForm,
    DecisionForm,
    NoticeDraftForm,
    RoundupMonthForm,
    RuleForm,
)
from yorozu.console.selectors import (
    CONSOLE_QUEUES,
    access_case,
    account_history,
    case_events,
    case_text,
    case_versions,
    cases_in_queue,
    queue_counts,
    related_items,
)
from yorozu.console.selectors import (
    dashboard as dashboard_figures,
)
from yorozu.content.actions import do_edit_notice_draft, do_publish_notice
from yorozu.content.models import Notice
from yorozu.core.errors import Refused
from yorozu.core.pages import cached_for_person
from yorozu.core.staff import MANAGE_RULES, REVIEW, staff_view
from yorozu.moderation.actions import CaseError, do_claim_case
from yorozu.moderation.models import CaseQueue, CaseStatus
from yorozu.moderation.registry import kind_of
from yorozu.trust.actions import (
    RuleError,
    do_create_rule,
    do_edit_rule,
    do_record_backtest,
    do_set_rule_state,
    do_start_rescan,
)
from yorozu.trust.models import Rescan, RuleHitDaily, TrustRule
from yorozu.trust.rules import SHIPPED_CODES, pattern_problems
from yorozu.trust.services import highlight
from yorozu.trust.tasks import backtest_rule

PAGE_SIZE = 25


def _tabs(current: str) -> list[dict]:
    counts = queue_counts()
    return [
        {
            "queue": q.value,
            "label": q.label,
            "count": counts.get(q.value, 0),
            "current": q == current,
        }
        for q in CONSOLE_QUEUES
    ]


@staff_view(REVIEW)
@require_GET
@cached_for_person()
def queue(request: SignedInRequest, queue: str = CaseQueue.JOBS) -> HttpResponse:
    """One queue's undecided cases, with a tab and a count per queue."""
    if queue not in [q.value for q in CONSOLE_QUEUES]:
        raise Http404("no such queue")
    status = request.GET.get("status", "")
    page = Paginator(cases_in_queue(queue, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "console/console_queue.html",
        {
            "tabs": _tabs(queue),
            "queue": queue,
            "status": status if status in CaseStatus.values else "",
            "page_obj": page,
        },
    )


@staff_view(REVIEW)
@require_GET
def case_detail(request: SignedInRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    assessment = case.assessment if isinstance(case.assessment, dict) else {}
    reasons = [r for r in assessment.get("reasons", []) if isinstance(r, dict)]
    text = case_text(case)
    lang = get_language() or "ja"
    versions = [
        {
            "version": v,
            "segments": highlight(v.text, v.reasons, lang=lang, with_codes=True),
        }
        for v in case_versions(case)
    ]
    return render(
        request,
        "console/console_case.html",
        {
            "tabs": _tabs(case.queue),
            "case": case,
            "content": case.content_object,
            "segments": highlight(text, reasons, lang=lang, with_codes=True),
            "versions": versions if len(versions) > 1 else [],
            "reasons": reasons,
            "shadow": [r for r in assessment.get("shadow", []) if isinstance(r, dict)],
            "history": account_history(case.subject_user, exclude_case=case.pk),
            "related": related_items(case),
            "events": case_events(case),
            "form": DecisionForm(),
            "is_report": case.queue == CaseQueue.REPORTS,
            "reports": case.reports.select_related("reporter").order_by("created_at")
            if case.queue == CaseQueue.REPORTS
            else [],
            "decide_url": _decide_url(case),
            "preview_template": _preview_template(case),
            "mine": case.claimed_by_id == request.user.pk,
        },
    )


def _preview_template(case) -> str:
    """The template a kind shows its item with on the case page (an attached file), or ""."""
    try:
        return kind_of(case.content_type).preview_template
    except LookupError:
        return ""


def _decide_url(case) -> str:
    """Where a kind decided on its own page (a dispute) is decided, or ""."""
    content = case.content_object
    try:
        kind = kind_of(case.content_type)
    except LookupError:
        return ""
    return kind.decide_url(content) if kind.decide_url and content is not None else ""


@staff_view(REVIEW)
@require_POST
def claim(request: SignedInRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    try:
        do_claim_case(case, actor=request.user)
    except CaseError:
        messages.error(request, _("Another reviewer has already taken this case."))
    else:
        messages.success(request, _("You have claimed this case."))
    return redirect("console:case", case_id=case.pk)


@staff_view(REVIEW)
@require_POST
def decide(request: SignedInRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:  # an ErrorList yields each error's message as a str
                messages.error(request, cast(str, error))
        return redirect("console:case", case_id=case.pk)
    try:
        do_decide_case(
            case,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            restrict_level=form.cleaned_data["restrict_level"],
            actor=request.user,
        )
    except (Refused, PermissionDenied) as exc:
        messages.error(request, _("The decision was not recorded: %(error)s") % {"error": exc})
        return redirect("console:case", case_id=case.pk)
    messages.success(request, _("Decision recorded."))
    return redirect("console:queue", queue=case.queue)


@staff_view(REVIEW)
@require_GET
def dashboard(request: SignedInRequest) -> HttpResponse:
    figures = dashboard_figures(days=14)
    days = figures["days"]
    series = [
        ("postings", _("Postings")),
        ("holds", _("Holds")),
        ("blocks", _("Blocks")),
        ("reports", _("Reports")),
        ("decisions", _("Decisions")),
    ]
    charts = [
        bar_chart(label, [(d.day.strftime("%m/%d"), getattr(d, key)) for d in days])
        for key, label in series
    ]
    top = figures["top_rules"]
    charts.append(bar_chart(_("Top rules (hits)"), [(r["code"], r["hits"] or 0) for r in top]))
    median = figures["median_seconds"]
    return render(
        request,
        "console/console_dashboard.html",
        {
            "tabs": _tabs(""),
            "figures": figures,
            "charts": charts,
            "median_minutes": None if median is None else round(median / 60, 1),
        },
    )


# -- rules ---------------------------------------------------------------------------------------


def _rule(rule_id: int) -> TrustRule:
    return get_object_or_404(TrustRule, pk=rule_id)


@staff_view(REVIEW)
@require_GET
def rules(request: SignedInRequest) -> HttpResponse:
    page = Paginator(TrustRule.objects.order_by("state", "code"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "console/console_rules.html",
        {"tabs": _tabs(""), "page_obj": page, "shipped_count": len(SHIPPED_CODES)},
    )


@staff_view(MANAGE_RULES)
def rule_new(request: SignedInRequest) -> HttpResponse:
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = do_create_rule(
                code=form.cleaned_data["code"], data=form.rule_data(), actor=request.user
            )
        except RuleError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The rule is saved as a draft."))
            return redirect("console:rule_detail", rule_id=rule.pk)
    return render(
        request,
        "console/console_rule_form.html",
        {"tabs": _tabs(""), "form": form, "rule": None},
    )


@staff_view(MANAGE_RULES)
def rule_edit(request: SignedInRequest, rule_id: int) -> HttpResponse:
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    rule = _rule(rule_id)
    form = RuleForm(request.POST or None, rule=rule, initial=RuleForm.initial_for(rule))
    if request.method == "POST" and form.is_valid():
        state = rule.state
        try:
            changed = do_edit_rule(rule, form.rule_data(), actor=request.user)
        except RuleError as exc:
            form.add_error(None, exc.message)
        else:
            if changed:
                messages.success(request, _("The rule is saved."))
            if rule.state != state:
                messages.warning(
                    request,
                    _(
                        "What the rule matches changed, so it is back in draft: run a backtest "
                        "before it goes to shadow again."
                    ),
                )
            return redirect("console:rule_detail", rule_id=rule.pk)
    return render(
        request,
        "console/console_rule_form.html",
        {"tabs": _tabs(""), "form": form, "rule": rule},
    )


@staff_view(REVIEW)
@require_GET
def rule_detail(request: SignedInRequest, rule_id: int) -> HttpResponse:
    rule = _rule(rule_id)
    hits = RuleHitDaily.objects.filter(code=rule.code).order_by("-day")[:14]
    return render(
        request,
        "console/console_rule.html",
        {
            "tabs": _tabs(""),
            "rule": rule,
            "hits": hits,
            "chart": bar_chart(
                _("Hits per day"),
                [(h.day.strftime("%m/%d"), h.hits + h.shadow_hits) for h in reversed(hits)],
            ),
            "events": rule.events.select_related("actor").order_by("-created_at")[:20],
            "backtest_form": BacktestForm(),
            "pattern_problems": pattern_problems(rule.patterns or ()),
        },
    )


@staff_view(MANAGE_RULES)
@require_POST
def rule_state(request: SignedInRequest, rule_id: int) -> HttpResponse:
    rule = _rule(rule_id)
    state = request.POST.get("state", "")
    try:
        do_set_rule_state(rule, state=state, actor=request.user)
    except RuleError as exc:
        messages.error(request, _("The rule did not change: %(error)s") % {"error": exc})
    else:
        messages.success(
            request, _("The rule is now %(state)s.") % {"state": rule.get_state_display()}
        )
    return redirect("console:rule_detail", rule_id=rule.pk)


@staff_view(MANAGE_RULES)
@require_POST
def rule_backtest(request: SignedInRequest, rule_id: int) -> HttpResponse:
    rule = _rule(rule_id)
    form = BacktestForm(request.POST)
    if pattern_problems(rule.patterns or ()):
        messages.error(request, _("Fix the rule's regular expressions before a backtest."))
    elif form.is_valid():
        result = backtest_rule(rule, days=form.cleaned_data["days"])
        do_record_backtest(rule, result=result, actor=request.user)
        messages.success(request, _("Backtest done."))
    else:
        messages.error(request, _("Enter a number of days between 1 and 365."))
    return redirect("console:rule_detail", rule_id=rule.pk)


# -- rescans -------------------------------------------------------------------------------------


@staff_view(REVIEW)
def rescans(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        do_start_rescan(reason=_("Started from the console"), actor=request.user)
        messages.success(request, _("A rescan has started."))
        return redirect("console:rescans")
    if request.method != "GET":
        return HttpResponse(status=405)
    page = Paginator(Rescan.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"tabs": _tabs(""), "page_obj": page}
    if getattr(request, "htmx", False):
        return render(request, "console/console_rescans.html#list", context)
    return render(request, "console/console_rescans.html", context)


@staff_view(REVIEW)
@require_http_methods(["GET", "POST"])
def roundup(request: SignedInRequest) -> HttpResponse:
    """The monthly 「ユーザー体験改善チームからのお知らせ」: draft it from the month's records, then
    edit and publish it; earlier round-ups are listed with their state."""
    form = RoundupMonthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year, month = form.year_month()
        try:
            notice = do_draft_monthly_roundup(year, month, actor=request.user)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The draft is ready. Check the figures and the wording."))
            return redirect("console:roundup_edit", notice_id=notice.pk)
    page = Paginator(
        Notice.objects.filter(slug__startswith="monthly-roundup-").order_by("-slug"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request, "console/console_roundup.html", {"tabs": _tabs(""), "form": form, "page_obj": page}
    )


@staff_view(REVIEW)
@require_http_methods(["GET", "POST"])
def roundup_edit(request: SignedInRequest, notice_id: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=notice_id, is_draft=True)
    form = NoticeDraftForm(
        request.POST or None,
        initial={
            "title_ja": notice.title_ja,
            "body_ja": notice.body_ja,
            "title_en": notice.title_en,
            "body_en": notice.body_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_edit_notice_draft(notice, actor=request.user, **form.cleaned_data)
            if request.POST.get("action") == "publish":
                do_publish_notice(notice, actor=request.user)
                messages.success(request, _("The notice is published."))
                return redirect(notice.get_absolute_url())
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The draft is saved. Only the secretariat can see it."))
            return redirect("console:roundup_edit", notice_id=notice.pk)
    return render(
        request,
        "console/console_roundup_edit.html",
        {"tabs": _tabs(""), "form": form, "notice": notice},
    )
