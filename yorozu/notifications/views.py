"""Views for notifications (thin: access_* then one do_* then render/redirect)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

if TYPE_CHECKING:
    from yorozu.accounts.requests import SignedInRequest

from yorozu.notifications.actions import (
    do_mark_all_notifications_read,
    do_mark_notification_read,
    do_set_notification_preferences,
    do_unsubscribe,
)
from yorozu.notifications.preferences import (
    ALL,
    CHANNELS,
    preference_rows,
    read_unsubscribe_token,
)
from yorozu.notifications.selectors import (
    PAGE_SIZE,
    access_notification,
    notifications_for,
    safe_local_url,
)
from yorozu.notifications.topics import TOPICS, optional_topics


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


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: SignedInRequest) -> HttpResponse:
    """/notifications/settings/: per topic, on yorozu and by e-mail (checkboxes)."""
    if request.method == "POST":
        choices = {
            topic.key: {
                channel: request.POST.get(f"{topic.key}-{channel}") == "on" for channel in CHANNELS
            }
            for topic in optional_topics()
        }
        do_set_notification_preferences(choices=choices, actor=request.user)
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/notification_settings.html",
        {"rows": preference_rows(request.user)},
    )


@csrf_exempt  # the signed token is the proof; mail programs post here for one-click (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str) -> HttpResponse:
    """An e-mail's unsubscribe link: no sign-in. GET asks for the one click (link scanners
    fetch links and must not unsubscribe anyone); POST — the button, or a mail program's own
    unsubscribe — stops the e-mails."""
    found = read_unsubscribe_token(token)
    user = None
    if found is not None:
        user = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    topic_key = found[1] if found else ALL
    topic = TOPICS.get(topic_key)
    done = None
    if request.method == "POST":
        done = do_unsubscribe(user=user, topic=topic_key)
    return render(
        request,
        "notifications/unsubscribe.html",
        {"topic": topic, "all": topic_key == ALL, "done": done is not None, "email": user.email},
    )
