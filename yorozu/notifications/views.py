"""Views for notifications (thin: access_* then one do_* then render/redirect)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

if TYPE_CHECKING:
    from yorozu.accounts.requests import SignedInRequest

from yorozu.notifications.actions import do_mark_all_notifications_read, do_mark_notification_read
from yorozu.notifications.selectors import (
    PAGE_SIZE,
    access_notification,
    notifications_for,
    safe_local_url,
)


@login_required
def notification_list(request: SignedInRequest) -> HttpResponse:
    """/notifications/: unread first, then the rest, newest first within each."""
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page_obj": page})


@login_required
@require_POST
def read(request: SignedInRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read and follow its link — only ever to a page on this site."""
    notification = access_notification(request.user, notification_id)
    do_mark_notification_read(notification, actor=request.user)
    return redirect(safe_local_url(notification.url) or "notifications:list")


@login_required
@require_POST
def read_all(request: SignedInRequest) -> HttpResponse:
    do_mark_all_notifications_read(actor=request.user)
    return redirect("notifications:list")
