"""Messages carry files: what the files app needs to know about them (who sees a message, the
context its files are judged in), registered from `MessagingConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from yorozu.files.hosts import AttachmentHost, register
from yorozu.messaging.models import Message
from yorozu.messaging.screening import message_context
from yorozu.messaging.selectors import visible_messages
from yorozu.trust.screening import Context


def _may_see(user: Any, message: Message) -> bool:
    thread = message.thread
    return thread.has_party(getattr(user, "pk", None)) and (
        visible_messages(thread, user).filter(pk=message.pk).exists()
    )


def _context(message: Message, author: Any) -> Context:
    """A file is judged where its message is said: the thread's stage now, the sender's role,
    the posting."""
    return message_context(message.thread, author)


def _url(message: Message) -> str:
    return reverse("messaging:thread", args=[message.thread_id]) + f"#message-{message.pk}"


def _title(message: Message) -> str:
    return f"{message.thread.job.title} — {message.body[:40]}"


def register_hosts() -> None:
    register(
        AttachmentHost(
            model=Message,
            name="message",
            may_see=_may_see,
            context=_context,
            url=_url,
            title=_title,
        )
    )
