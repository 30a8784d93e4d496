"""Views for messaging (thin: access_* then one do_* then render)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from yorozu.accounts.models import User
from yorozu.messaging.actions import MessageRefused, do_mark_thread_read, do_send_message
from yorozu.messaging.forms import MessageForm
from yorozu.messaging.models import Thread
from yorozu.messaging.selectors import (
    INBOX_PAGE_SIZE,
    MESSAGES_PAGE_SIZE,
    access_thread,
    contract_for_thread,
    newest_first_messages,
    threads_for,
)

THREAD_TEMPLATE = "messaging/thread_detail.html"


class SignedInRequest(HttpRequest):
    """What these views receive: a signed-in User, and django-htmx's details."""

    user: User
    htmx: HtmxDetails


@login_required
def inbox(request: SignedInRequest) -> HttpResponse:
    """/messages/: every thread the user is a party to, as client and as worker."""
    page = Paginator(threads_for(request.user), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "messaging/thread_inbox.html", {"page_obj": page})


@login_required
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
    if form.is_valid():
        try:
            do_send_message(
                thread=thread,
                sender=request.user,
                body=form.cleaned_data["body"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                actor=request.user,
            )
        except MessageRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            if request.htmx:
                context = _thread_context(request, thread, MessageForm.fresh(), page_number=1)
                return render(request, f"{THREAD_TEMPLATE}#conversation", context)
            return redirect(reverse("messaging:thread", args=[thread.pk]) + "#send-form")
    context = _thread_context(request, thread, form, page_number=1)
    if request.htmx:
        return render(request, f"{THREAD_TEMPLATE}#conversation", context)
    return render(request, THREAD_TEMPLATE, context, status=400)


def _thread_context(
    request: SignedInRequest, thread: Thread, form: MessageForm, page_number=None
) -> dict[str, object]:
    user = request.user
    if page_number is None:
        page_number = request.GET.get("page")
    page = Paginator(newest_first_messages(thread, user), MESSAGES_PAGE_SIZE).get_page(page_number)
    as_client = user.pk == thread.client_id
    return {
        "thread": thread,
        "other": thread.worker if as_client else thread.client,
        # Whose eyes read this page: the safe-messaging issue words the caution panel for it.
        "reader_role": "client" if as_client else "worker",
        "contract": contract_for_thread(thread),
        "page_obj": page,
        "thread_messages": list(reversed(page.object_list)),
        "form": form,
    }
