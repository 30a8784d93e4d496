"""Views for saved searches (thin: access_* / selectors, one action, render or redirect)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.alerts.actions import (
    SavedSearchRefused,
    do_delete_saved_search,
    do_save_search,
    do_set_search_alerts,
)
from yorozu.alerts.selectors import (
    access_saved_search,
    saved_search_from_token,
    saved_searches_of,
    search_url,
)

if TYPE_CHECKING:
    from yorozu.accounts.requests import SignedInRequest

PAGE_SIZE = 20


@login_required
def saved_search_list(request: SignedInRequest) -> HttpResponse:
    """/account/searches/: my saved searches, each with its link, alert switch and delete."""
    page = Paginator(saved_searches_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for saved in page:
        saved.url = search_url(saved)  # type: ignore[attr-defined]
    return render(request, "alerts/saved_search_list.html", {"page_obj": page})


@login_required
@require_POST
def save(request: SignedInRequest) -> HttpResponse:
    """Save the search the person is looking at (its filters come as a query string)."""
    kind = request.POST.get("kind", "")
    try:
        saved = do_save_search(
            kind=kind,
            query=QueryDict(request.POST.get("query", "")),
            name=request.POST.get("name", ""),
            actor=request.user,
        )
    except SavedSearchRefused as err:
        messages.error(request, str(err.message))
        return redirect("alerts:list")
    messages.success(
        request,
        _("Saved “%(name)s”. New matches will come in a daily digest.") % {"name": saved.name},
    )
    return redirect(search_url(saved))


@login_required
@require_POST
def alerts(request: SignedInRequest, saved_id: int) -> HttpResponse:
    saved = access_saved_search(request.user, saved_id)
    do_set_search_alerts(saved, on=request.POST.get("on") == "on", actor=request.user)
    return redirect("alerts:list")


@login_required
@require_POST
def delete(request: SignedInRequest, saved_id: int) -> HttpResponse:
    saved = access_saved_search(request.user, saved_id)
    do_delete_saved_search(saved, actor=request.user)
    messages.success(request, _("Deleted “%(name)s”.") % {"name": saved.name})
    return redirect("alerts:list")


@csrf_exempt  # the signed token is the proof; no sign-in is needed to stop an alert
@require_http_methods(["GET", "POST"])
def stop(request, token: str) -> HttpResponse:
    """A digest's "stop this alert" link: GET asks for the one click (link scanners must not
    stop anything), POST stops the alert of that one saved search."""
    saved = saved_search_from_token(token)
    if saved is None:
        return render(request, "alerts/stop.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        do_set_search_alerts(saved, on=False, actor=saved.owner)
        done = True
    return render(request, "alerts/stop.html", {"saved": saved, "done": done})
