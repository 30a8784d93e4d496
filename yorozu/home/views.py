"""Home page and the header's role switch."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yorozu.accounts.actions import do_switch_role
from yorozu.accounts.models import Role
from yorozu.accounts.requests import SignedInRequest
from yorozu.core.pages import cached_for_visitors
from yorozu.core.redirects import safe_next
from yorozu.jobs.selectors import latest_open_jobs


@cached_for_visitors("public")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", {"latest_jobs": latest_open_jobs(limit=6)})


@login_required
@require_POST
def switch_role(request: SignedInRequest) -> HttpResponse:
    role = request.POST.get("role", "")
    if role in Role.values:
        do_switch_role(request.user, role, actor=request.user)
    return redirect(safe_next(request))
