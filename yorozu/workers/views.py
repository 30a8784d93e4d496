"""Views for workers (thin: access_* / selectors, one action, render or redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yorozu.accounts.prefectures import prefecture_name
from yorozu.accounts.requests import SignedInRequest as HtmxRequest
from yorozu.core.errors import Refused, with_refusal
from yorozu.core.pages import cached_for_person
from yorozu.core.pagination import capped_count
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.portfolio.selectors import works_of
from yorozu.trust.screening import Blocked
from yorozu.workers.actions import (
    ScoutRefused,
    do_accept_scout,
    do_decline_scout,
    do_record_filter_usage,
    do_send_scout,
)
from yorozu.workers.forms import ScoutForm, WorkerSearchForm
from yorozu.workers.models import ScoutStatus
from yorozu.workers.selectors import (
    PAGE_SIZE,
    accepted_scout_threads,
    access_scout_for_worker,
    access_scout_target,
    access_worker_profile,
    first_page,
    scout_daily_quota,
    scouts_left_today,
    search_workers,
    top_category_counts,
    worker_category_record,
    worker_reviews_from_clients,
)
from yorozu.workers.selectors import scouts_received as received_scouts
from yorozu.workers.selectors import scouts_sent as sent_scouts

COUNT_CAP = 1_000  # the search button says "1,000人以上" beyond it
MAX_PAGE = 500  # deeper than anyone pages; beyond it OFFSET only burns database time
LIST_PAGE_SIZE = 20


def page_number(raw: str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int(raw or 1)))
    except ValueError:
        return 1


@login_required
@require_GET
@cached_for_person()
def worker_search(request: HtmxRequest) -> HttpResponse:
    """Worker search for scouting: clients only; anyone else is told what it is for."""
    if not request.user.acting_as_client:
        return render(request, "workers/worker_search_clients_only.html")
    form = WorkerSearchForm(request.GET)
    params = form.params(exclude_user_id=request.user.pk)
    number = page_number(request.GET.get("page"))
    profiles, has_next = first_page(search_workers(params), number)
    lang = request.LANGUAGE_CODE
    top = top_category_counts([p.user_id for p in profiles], lang)
    for profile in profiles:
        profile.top_categories = top.get(profile.user_id, [])  # type: ignore[attr-defined]
        profile.prefecture_label = prefecture_name(profile.prefecture, lang)  # type: ignore[attr-defined]
    if number == 1 and (params.genders or params.age_bands):
        do_record_filter_usage(
            searcher_id=request.user.pk,
            genders=list(params.genders),
            age_bands=list(params.age_bands),
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "params": params,
        "profiles": profiles,
        "page_number": number,
        "has_next": has_next and number < MAX_PAGE,
        "has_previous": number > 1,
        "first_index": (number - 1) * PAGE_SIZE + 1,
        "last_index": (number - 1) * PAGE_SIZE + len(profiles),
        "querystring": query.urlencode(),
    }
    if request.htmx:
        return render(request, "workers/worker_search.html#results", context)
    return render(request, "workers/worker_search.html", context)


@login_required
@require_GET
def worker_count(request: HtmxRequest) -> HttpResponse:
    """How many workers the filters as set would give: the search button's label, fetched as
    the filters change ("12人に絞り込む"). Counts up to a cap; records no filter use (only a
    search that is run counts)."""
    if not request.user.acting_as_client:
        return HttpResponse(status=403)
    params = WorkerSearchForm(request.GET).params(exclude_user_id=request.user.pk)
    counted = capped_count(search_workers(params).worker_ids(), COUNT_CAP)
    return render(
        request,
        "core/filter_apply.html",
        {"count": counted, "capped": counted > COUNT_CAP, "cap": COUNT_CAP, "unit": "worker"},
    )


@require_GET
def worker_profile(request: HtmxRequest, user_id: int) -> HttpResponse:
    profile = access_worker_profile(request.user, user_id)
    worker = profile.user
    viewer = request.user
    can_scout_here = viewer.is_authenticated and viewer.acting_as_client and viewer.pk != worker.pk
    return render(
        request,
        "workers/worker_profile.html",
        {
            "profile": profile,
            "worker": worker,
            "prefecture": prefecture_name(profile.prefecture, request.LANGUAGE_CODE),
            "category_record": worker_category_record(worker),
            "reviews": worker_reviews_from_clients(worker),
            "show_scout_button": can_scout_here,
            "works": works_of(worker, viewer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def scout_new(request: HtmxRequest, user_id: int) -> HttpResponse:
    """Write a scout to one worker about one of the client's open jobs."""
    profile = access_scout_target(request.user, user_id)
    worker = profile.user
    jobs = open_jobs_of_client(request.user)
    form = ScoutForm(request.POST or None, jobs=jobs)
    refusal_reasons: list[str] = []
    gate_refusal: Refused | None = None
    if request.method == "POST" and form.is_valid():
        try:
            scout = do_send_scout(
                client=request.user,
                worker=worker,
                job=form.cleaned_data["job"],
                message=form.cleaned_data["message"],
                actor=request.user,
            )
        except Refused as refused:
            form.add_error(None, refused.message)
            if isinstance(refused, Blocked):
                refusal_reasons = refused.shown()["messages"]
            elif not isinstance(refused, ScoutRefused):  # unconfirmed address (accounts.gates)
                gate_refusal = refused
        else:
            if scout.status == ScoutStatus.HELD:
                messages.info(
                    request,
                    _(
                        "Your scout is being checked by the secretariat. It will be delivered "
                        "if it follows the guidelines."
                    ),
                )
            else:
                messages.success(
                    request, _("Your scout was sent to %(name)s.") % {"name": worker.display_name}
                )
            return redirect("workers:scouts_sent")
    response = render(
        request,
        "workers/scout_form.html",
        {
            "form": form,
            "profile": profile,
            "worker": worker,
            "has_jobs": jobs.exists(),
            "quota": scout_daily_quota(request.user),
            "left_today": scouts_left_today(request.user),
            "refusal_reasons": refusal_reasons,
        },
    )
    return with_refusal(response, gate_refusal)


@login_required
@require_GET
def scouts_received(request: HtmxRequest) -> HttpResponse:
    page = Paginator(received_scouts(request.user), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    threads = accepted_scout_threads(request.user, list(page.object_list))
    for scout in page.object_list:
        scout.thread_pk = threads.get(scout.job_id)  # type: ignore[attr-defined]
    return render(request, "workers/scout_list.html", {"page": page})


@login_required
@require_GET
def scouts_sent(request: HtmxRequest) -> HttpResponse:
    page = Paginator(sent_scouts(request.user), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workers/scout_sent_list.html",
        {
            "page": page,
            "quota": scout_daily_quota(request.user),
            "left_today": scouts_left_today(request.user),
        },
    )


@login_required
@require_POST
def scout_accept(request: HtmxRequest, scout_id: int) -> HttpResponse:
    scout = access_scout_for_worker(request.user, scout_id)
    try:
        do_accept_scout(scout, actor=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _(
                "You accepted the scout. The message thread is open; send a proposal when you "
                "are ready."
            ),
        )
    return redirect("workers:scouts")


@login_required
@require_POST
def scout_decline(request: HtmxRequest, scout_id: int) -> HttpResponse:
    scout = access_scout_for_worker(request.user, scout_id)
    try:
        do_decline_scout(scout, actor=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("You declined the scout. The client has been told."))
    return redirect("workers:scouts")
