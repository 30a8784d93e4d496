"""Views for certification (thin: access_* then render). Nothing here recomputes a metric."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yorozu.certification.metrics import MIN_JOB_AGE, RESPONSE_WINDOW
from yorozu.certification.models import WORKER_TIERS, Metric, Programme
from yorozu.certification.progress import criterion_rows, tier_sections
from yorozu.certification.selectors import (
    access_own_certification,
    access_own_worker_tier,
    enabled_criteria,
    enabled_worker_criteria,
)


def programme(request: HttpRequest) -> HttpResponse:
    """The public page: what the badge means and the current criteria, read from the data."""
    return render(
        request,
        "certification/programme.html",
        {
            "criteria": enabled_criteria(),
            "Metric": Metric,
            "min_job_age": MIN_JOB_AGE.days,
            "response_hours": int(RESPONSE_WINDOW.total_seconds() // 3600),
        },
    )


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    """The signed-in client's own status and progress; a worker is told it is for clients."""
    try:
        status = access_own_certification(request.user)
    except PermissionDenied:
        return render(request, "certification/progress_clients_only.html", status=403)
    rows = criterion_rows(enabled_criteria(), status)
    return render(
        request,
        "certification/progress.html",
        {
            "status": status,
            "rows": rows,
            "met": sum(row.met for row in rows),
        },
    )


def tier_programme(request: HttpRequest) -> HttpResponse:
    """The public page: what the worker tiers mean and their current criteria, from the data."""
    criteria = enabled_worker_criteria()
    tiers = [
        (tier, Programme(tier).label, [c for c in criteria if c.programme == tier])
        for tier in WORKER_TIERS
    ]
    return render(
        request,
        "certification/tier_programme.html",
        {
            "tiers": [t for t in tiers if t[2]],
            "response_hours": int(RESPONSE_WINDOW.total_seconds() // 3600),
        },
    )


@login_required
def tier_progress(request: HttpRequest) -> HttpResponse:
    """The signed-in worker's tier, and each tier's criteria with their value and what is
    missing (from the stored evaluation; nothing is recomputed here)."""
    status = access_own_worker_tier(request.user)
    sections = tier_sections(enabled_worker_criteria(), status)
    next_section = next((s for s in sections if not s.held), None)
    return render(
        request,
        "certification/tier_progress.html",
        {
            "status": status,
            "sections": sections,
            "next_section": next_section,
            "response_hours": int(RESPONSE_WINDOW.total_seconds() // 3600),
        },
    )
