"""Views for messaging (thin: access_* then one do_* then render)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from yorozu.accounts.requests import SignedInRequest
from yorozu.core.errors import Refused, with_refusal
from yorozu.core.pages import cached_for_person
from yorozu.files.selectors import attachments_by_owner
from yorozu.messaging import screening
from yorozu.messaging.actions import (
    MAX_BODY_LENGTH,
    ContactRequestRefused,
    do_mark_thread_read,
    do_request_contact,
    do_send_message,
    do_set_read_receipts,
)
from yorozu.messaging.forms import ContactRequestForm, MessageForm
from yorozu.messaging.models import Message, Thread
from yorozu.messaging.selectors import (
    INBOX_PAGE_SIZE,
    MESSAGES_PAGE_SIZE,
    access_thread,
    caution_for,
    contact_request_for,
    contract_for_thread,
    newest_first_messages,
    read_by_other_until,
    shares_read_state,
    threads_for,
)
from yorozu.trust.screening import Blocked

THREAD_TEMPLATE = "messaging/thread_detail.html"


@login_required
@cached_for_person()
def inbox(request: SignedInRequest) -> HttpResponse:
    """/messages/: every thread the user is a party to, as client and as worker."""
    page = Paginator(threads_for(request.user), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "messaging/thread_inbox.html",
        {"page_obj": page, "shares_read_state": shares_read_state(request.user)},
    )


@login_required
@cached_for_person()
def thread(request: SignedInRequest, thread_id: int) -> HttpResponse:
    """One conversation. Opening it marks it read for the viewer."""
    thread = access_thread(request.user, thread_id)
    do_mark_thread_read(thread, actor=request.user)
    return render(request, THREAD_TEMPLATE, _thread_context(request, thread, MessageForm.fresh()))


@login_required
@require_POST
def send(request: SignedInRequest, thread_id: int) -> HttpResponse:
    """Send a message. With htmx the conversation is swapped in place; without, a redirect.

    A refused message comes back in the form with its reason and the draft intact. htmx does
    not swap 4xx responses, so its refusals are 200; a plain form post gets a 400.
    """
    thread = access_thread(request.user, thread_id)
    form = MessageForm(request.POST)
    refused: Refused | None = None
    if form.is_valid():
        try:
            do_send_message(
                thread=thread,
                sender=request.user,
                body=form.cleaned_data["body"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                actor=request.user,
                files=request.FILES.getlist("files"),
            )
        except Refused as refusal:  # screening, a restriction, unconfirmed, past the quota, a file
            form.add_error("body", refusal.message)
            refused = refusal
        else:
            if request.htmx:
                context = _thread_context(request, thread, MessageForm.fresh(), page_number=1)
                return render(request, f"{THREAD_TEMPLATE}#conversation", context)
            return redirect(reverse("messaging:thread", args=[thread.pk]) + "#send-form")
    context = _thread_context(request, thread, form, page_number=1)
    if isinstance(refused, Blocked):
        shown = refused.shown()
        context["refusal"] = {
            "segments": shown["segments"],
            "reasons": shown["messages"],
            "file": getattr(refused, "file_name", ""),
        }
    if request.htmx and refused is not None and request.FILES:
        # Files were chosen: only the reason is swapped in, so the form keeps the draft and the
        # chosen files as they are (a browser cannot put files back into a re-rendered input).
        context["files_refused"] = True
        response = render(request, f"{THREAD_TEMPLATE}#feedback", context)
        response["HX-Retarget"] = "#send-feedback"
        response["HX-Reswap"] = "innerHTML"
        if refused.retry_after is not None:
            response["Retry-After"] = str(refused.retry_after)
        return response
    if request.htmx:
        # htmx swaps only 2xx answers: the draft comes back with 200 (and Retry-After).
        response = render(request, f"{THREAD_TEMPLATE}#conversation", context)
        if refused is not None and refused.retry_after is not None:
            response["Retry-After"] = str(refused.retry_after)
        return response
    response = render(request, THREAD_TEMPLATE, context, status=400)
    return with_refusal(response, refused)


def _nudge_allowed(user_id: int) -> bool:
    """Count this user's nudges in the current minute (the cache is shared by all processes):
    the nudge runs the engine on every pause in typing, so past MESSAGING_NUDGE_PER_MINUTE it
    stays quiet until the next minute."""
    key = f"messaging:nudge:{user_id}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=90):
        return True
    try:
        return cache.incr(key) <= settings.MESSAGING_NUDGE_PER_MINUTE
    except ValueError:  # expired between add and incr
        return cache.add(key, 1, timeout=90)


@login_required
@require_POST
def nudge(request: SignedInRequest, thread_id: int) -> HttpResponse:
    """The pre-send nudge: what the current draft would trigger here, and why. Stores nothing.

    Always 200 with a fragment (htmx does not swap 4xx): empty for a clean or unusable draft,
    a quiet note when the user is over the rate limit.
    """
    thread = access_thread(request.user, thread_id)
    body = request.POST.get("body", "")
    body = body.strip() if isinstance(body, str) else ""
    context: dict[str, object] = {"thread": thread, "nudge": None, "limited": False}
    if body and len(body) <= MAX_BODY_LENGTH and "\x00" not in body:
        if _nudge_allowed(request.user.pk):
            context["nudge"] = screening.nudge_for(thread=thread, sender=request.user, body=body)
        else:
            context["limited"] = True
    return render(request, f"{THREAD_TEMPLATE}#nudge", context)


@login_required
@require_POST
def contact_request(request: SignedInRequest, thread_id: int) -> HttpResponse:
    """Ask the secretariat, before escrow, for permission to exchange contact details."""
    thread = access_thread(request.user, thread_id)
    form = ContactRequestForm(request.POST)
    if form.is_valid():
        try:
            do_request_contact(
                thread=thread, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ContactRequestRefused as refusal:
            form.add_error("reason", refusal.message)
        else:
            messages.success(
                request,
                _("Your request was sent to the secretariat. You will be told of the decision."),
            )
            return redirect(reverse("messaging:thread", args=[thread.pk]) + "#contact-request")
    context = _thread_context(request, thread, MessageForm.fresh())
    context["contact_form"] = form
    return render(request, THREAD_TEMPLATE, context, status=400)


def _thread_context(
    request: SignedInRequest, thread: Thread, form: MessageForm, page_number=None
) -> dict[str, object]:
    user = request.user
    if page_number is None:
        page_number = request.GET.get("page")
    page = Paginator(newest_first_messages(thread, user), MESSAGES_PAGE_SIZE).get_page(page_number)
    shown = list(reversed(page.object_list))
    files = attachments_by_owner(Message, [m.pk for m in shown], user)
    for message in shown:
        setattr(message, "attached", files.get(message.pk, []))  # noqa: B010
    as_client = user.pk == thread.client_id
    reader_role = "client" if as_client else "worker"
    funded = screening.escrow_funded(thread)
    contact = contact_request_for(thread)
    return {
        "thread": thread,
        "other": thread.worker if as_client else thread.client,
        # Whose eyes read this page: the caution panel is worded for them.
        "reader_role": reader_role,
        "caution": caution_for(reader_role),
        "contract": contract_for_thread(thread),
        "escrow_funded": funded,
        "contact_request": contact,
        "contact_form": None if funded or contact else ContactRequestForm(),
        "page_obj": page,
        "thread_messages": shown,
        # 既読: up to when the other party has read, if both show their read state.
        "read_until": read_by_other_until(thread, user),
        "shares_read_state": shares_read_state(user),
        "form": form,
    }


@login_required
@require_POST
def read_receipts(request: SignedInRequest) -> HttpResponse:
    """Turn showing one's own read state (既読) on or off; back to the page it was changed on."""
    shares = request.POST.get("shares") == "on"
    do_set_read_receipts(shares=shares, actor=request.user)
    if shares:
        messages.success(request, _("The people you talk to now see when you have read."))
    else:
        messages.success(
            request,
            _(
                "The people you talk to no longer see when you have read, and you no longer "
                "see when they have."
            ),
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("messaging:inbox")
    return redirect(back)
