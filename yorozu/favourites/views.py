"""Views for favourites (thin: access_* / selectors, one action, render or redirect)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.core.errors import Refused, with_refusal
from yorozu.favourites.actions import (
    MAX_INVITES,
    FavouriteRefused,
    do_add_favourite,
    do_invite_favourites,
    do_remove_favourite,
)
from yorozu.favourites.forms import InviteForm
from yorozu.favourites.models import FavouriteKind
from yorozu.favourites.selectors import (
    access_favourite_target,
    favourite_jobs,
    favourite_workers,
    followed_clients,
)
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.trust.screening import Blocked

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet

    from yorozu.accounts.models import User
    from yorozu.accounts.requests import SignedInRequest
    from yorozu.favourites.models import Favourite

PAGE_SIZE = 20
TABS: dict[str, Callable[[User], QuerySet[Favourite]]] = {
    FavouriteKind.WORKER.value: favourite_workers,
    FavouriteKind.JOB.value: favourite_jobs,
    FavouriteKind.CLIENT.value: followed_clients,
}


def _back(request, fallback: str) -> str:
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def favourite_list(request: SignedInRequest) -> HttpResponse:
    """/account/favourites/: favourite workers (with the invite form), jobs, followed clients."""
    user = request.user
    default = FavouriteKind.WORKER if user.acting_as_client else FavouriteKind.JOB
    tab = request.GET.get("tab") or default
    if tab not in TABS:
        raise Http404
    page = Paginator(TABS[tab](user), PAGE_SIZE).get_page(request.GET.get("page"))
    form = None
    result = None
    refused: Refused | None = None
    if tab == FavouriteKind.WORKER and user.acting_as_client:
        jobs = open_jobs_of_client(user)
        form = InviteForm(
            request.POST if request.method == "POST" else None,
            jobs=jobs,
            favourites=list(favourite_workers(user)[: MAX_INVITES * 5]),
        )
        if request.method == "POST" and form.is_valid():
            chosen = {f.person_id: f.person for f in favourite_workers(user) if f.person}
            try:
                result = do_invite_favourites(
                    job=form.cleaned_data["job"],
                    workers=[chosen[i] for i in form.cleaned_data["workers"] if i in chosen],
                    message=form.cleaned_data["message"],
                    actor=user,
                )
            except Refused as err:
                form.add_error(None, err.message)
                if isinstance(err, Blocked):
                    for reason in err.shown()["messages"]:
                        form.add_error("message", reason)
                else:
                    refused = err
            else:
                if result.sent:
                    messages.success(
                        request,
                        _("Invited %(count)s workers to “%(job)s”.")
                        % {"count": len(result.sent), "job": form.cleaned_data["job"].title},
                    )
                if result.held:
                    messages.info(
                        request,
                        _(
                            "%(count)s invitations are being checked by the secretariat before "
                            "they are delivered."
                        )
                        % {"count": len(result.held)},
                    )
                if not result.refused:
                    return redirect("workers:scouts_sent")
    elif request.method == "POST":
        return redirect("favourites:list")
    response = render(
        request,
        "favourites/favourite_list.html",
        {
            "tab": tab,
            "tabs": FavouriteKind,
            "page_obj": page,
            "form": form,
            "result": result,
            "has_jobs": form is not None and form.fields["job"].queryset.exists(),  # type: ignore[attr-defined]
        },
    )
    return with_refusal(response, refused)


@login_required
@require_POST
def toggle(request: SignedInRequest, kind: str, target_id: int) -> HttpResponse:
    """Keep or drop one favourite; back to the page the button was on."""
    if kind not in FavouriteKind.values:
        raise Http404
    target = access_favourite_target(request.user, kind, target_id)
    back = _back(request, "favourites:list")
    if request.POST.get("action") == "remove":
        do_remove_favourite(kind=kind, target_id=target.pk, actor=request.user)
        messages.success(request, _("Removed from your favourites."))
        return redirect(back)
    try:
        do_add_favourite(kind=kind, target=target, actor=request.user)
    except FavouriteRefused as err:
        messages.error(request, str(err.message))
    else:
        if kind == FavouriteKind.CLIENT:
            messages.success(request, _("You now follow this client."))
        else:
            messages.success(request, _("Added to your favourites."))
    return redirect(back)
