"""Home page and the header's role switch."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from yorozu.accounts.actions import do_switch_role
from yorozu.accounts.models import Role
from yorozu.jobs.selectors import latest_open_jobs


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"latest_jobs": latest_open_jobs(limit=6)})


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return fallback


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    role = request.POST.get("role", "")
    if role in Role.values:
        do_switch_role(request.user, role, actor=request.user)
    return redirect(safe_next(request))
