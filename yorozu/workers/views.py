"""Views for workers (thin: access_* then render)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from yorozu.accounts.prefectures import prefecture_name
from yorozu.workers.forms import WorkerSearchForm
from yorozu.workers.selectors import (
    access_worker_profile,
    search_workers,
    worker_category_record,
    worker_reviews_from_clients,
)

WORKERS_PER_PAGE = 20


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


@login_required
@require_GET
def worker_search(request: HtmxRequest) -> HttpResponse:
    form = WorkerSearchForm(request.GET)
    keyword = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(search_workers(keyword=keyword), WORKERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "keyword": keyword}
    if request.htmx:
        return render(request, "workers/worker_search.html#results", context)
    return render(request, "workers/worker_search.html", context)


@require_GET
def worker_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    profile = access_worker_profile(request.user, user_id)
    worker = profile.user
    return render(
        request,
        "workers/worker_profile.html",
        {
            "profile": profile,
            "worker": worker,
            "prefecture": prefecture_name(profile.prefecture, request.LANGUAGE_CODE),
            "category_record": worker_category_record(worker),
            "reviews": worker_reviews_from_clients(worker),
        },
    )
