"""The worker's portfolio pages (thin: access_* / selectors, one action, render or redirect)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.accounts.requests import SignedInRequest
from yorozu.core.errors import Refused
from yorozu.files.actions import FileBlocked
from yorozu.files.selectors import attachments_of
from yorozu.portfolio.actions import do_add_work, do_delete_work, do_edit_work, do_move_work
from yorozu.portfolio.forms import WorkForm
from yorozu.portfolio.selectors import access_own_work, works_of
from yorozu.trust.screening import Blocked


def _refusal(refused: Refused) -> dict:
    title = _("This work was not saved")
    if isinstance(refused, FileBlocked):
        return {
            "title": _("“%(name)s” cannot be shown in a portfolio") % {"name": refused.file_name},
            **refused.shown(),
        }
    if isinstance(refused, Blocked):
        return {"title": title, **refused.shown()}
    return {"title": title, "messages": [refused.message], "segments": []}


def _fields(form: WorkForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"].strip(),
        "description": data["description"].strip(),
        "category": data["category"],
        "link": data["link"],
        "files": data["files"],
    }


@login_required
def mine(request: SignedInRequest) -> HttpResponse:
    works = works_of(request.user, request.user)
    return render(
        request,
        "portfolio/work_list.html",
        {"works": works, "limit": settings.PORTFOLIO_MAX_WORKS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def add(request: SignedInRequest) -> HttpResponse:
    form = WorkForm(request.POST or None, request.FILES or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            do_add_work(request.user, actor=request.user, **_fields(form))
        except Refused as refused:
            refusal = _refusal(refused)
        else:
            messages.success(request, _("The work was added to your portfolio."))
            return redirect("portfolio:mine")
    return render(
        request,
        "portfolio/work_form.html",
        {"form": form, "refusal": refusal, "work": None},
        status=400 if refusal else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: SignedInRequest, work_id: int) -> HttpResponse:
    work = access_own_work(request.user, work_id)
    initial = {
        "title": work.title,
        "description": work.description,
        "category": work.category_id,
        "link": work.link,
    }
    form = WorkForm(request.POST or None, request.FILES or None, initial=initial)
    refusal = None
    if request.method == "POST" and form.is_valid():
        remove = [int(i) for i in request.POST.getlist("remove_file") if i.isdigit()]
        try:
            do_edit_work(work, actor=request.user, remove_file_ids=remove, **_fields(form))
        except Refused as refused:
            refusal = _refusal(refused)
        else:
            messages.success(request, _("The work was saved."))
            return redirect("portfolio:mine")
    return render(
        request,
        "portfolio/work_form.html",
        {"form": form, "refusal": refusal, "work": work, "files": attachments_of(work)},
        status=400 if refusal else 200,
    )


@login_required
@require_POST
def delete(request: SignedInRequest, work_id: int) -> HttpResponse:
    work = access_own_work(request.user, work_id)
    do_delete_work(work, actor=request.user)
    messages.success(request, _("The work was deleted."))
    return redirect("portfolio:mine")


@login_required
@require_POST
def move(request: SignedInRequest, work_id: int) -> HttpResponse:
    work = access_own_work(request.user, work_id)
    do_move_work(work, -1 if request.POST.get("direction") == "up" else 1, actor=request.user)
    return redirect("portfolio:mine")
