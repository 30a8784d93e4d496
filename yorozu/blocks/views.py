"""Views for blocks (thin: access_* / selectors, one action, render or redirect)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.blocks.actions import BlockRefused, do_block_user, do_unblock_user
from yorozu.blocks.forms import BlockForm
from yorozu.blocks.selectors import access_block_target, blocks_made_by, has_blocked

if TYPE_CHECKING:
    from yorozu.accounts.requests import SignedInRequest

PAGE_SIZE = 20


@login_required
def block_list(request: SignedInRequest) -> HttpResponse:
    """/account/blocks/: the people I blocked, newest first, each with an unblock button."""
    page = Paginator(blocks_made_by(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "blocks/block_list.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def block_user(request: SignedInRequest, user_id: int) -> HttpResponse:
    """Ask why, then block; already blocked, the page offers the unblock instead."""
    target = access_block_target(request.user, user_id)
    form = BlockForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            do_block_user(blocked=target, reason=form.cleaned_data["reason"], actor=request.user)
        except BlockRefused as exc:
            refused = exc
        else:
            messages.success(
                request,
                _("You blocked %(name)s. They can no longer scout, message or propose to you.")
                % {"name": target.display_name},
            )
            return redirect("blocks:list")
    return render(
        request,
        "blocks/block_form.html",
        {
            "target": target,
            "form": form,
            "refused": refused,
            "already": has_blocked(request.user, target.pk),
        },
        status=refused.status if refused else 200,
    )


@login_required
@require_POST
def unblock_user(request: SignedInRequest, user_id: int) -> HttpResponse:
    target = access_block_target(request.user, user_id)
    if do_unblock_user(blocked=target, actor=request.user):
        messages.success(request, _("You unblocked %(name)s.") % {"name": target.display_name})
    return redirect("blocks:list")
