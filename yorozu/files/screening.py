"""Screening a pending (large) file on the queue: the same door, the item's context as it is
when the task runs, and the verdict acted on as if the file had been screened when sent."""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.files import extraction, storage
from yorozu.files.hosts import host_of
from yorozu.files.models import Attachment, AttachmentStatus
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import (
    Blocked,
    Context,
    Screening,
    apply_verdict,
    refuse_if_blocked,
    screen,
)


def screen_file(parts: list, *, author: Any, context: Context) -> Screening:
    """The door's verdict on what was read in a file (`screen("file", …)`); a file a reader
    could not read (OCR failed) does not pass on its own: allowed or warned, it is held."""
    screened = screen("file", extraction.joined(parts), author=author, context=context)
    if extraction.unread(parts) and screened.verdict in ("allow", "warn"):
        return dataclasses.replace(screened, verdict="hold")
    return screened


STATUS_FOR_VERDICT = {
    "allow": AttachmentStatus.DELIVERED,
    "warn": AttachmentStatus.WARNED,
    "hold": AttachmentStatus.HELD,
}


def do_screen_pending_attachment(attachment_id: int) -> str | None:
    """Screen a pending (large) file completely, in its item's context as it is now, and act
    on the verdict. Idempotent: a file no longer pending is left alone. Returns the verdict.

    A block is recorded in its own transaction (as a blocked text is) before the file is marked
    not delivered and its uploader told why.
    """
    attachment = (
        Attachment.objects.select_related("uploader", "content_type")
        .filter(pk=attachment_id, status=AttachmentStatus.PENDING)
        .first()
    )
    if attachment is None:
        return None
    owner = attachment.owner
    if owner is None:
        return None
    host = host_of(owner)
    author = attachment.uploader
    data = storage.read_bytes(attachment.stored_name)
    parts = extraction.full_parts(attachment.name, attachment.media_type, data)
    screened = screen_file(parts, author=author, context=host.context(owner, author))
    if screened.verdict == "block":
        with contextlib.suppress(Blocked):
            refuse_if_blocked(screened, author=author, actor=author)
    _record_screening(attachment, parts, screened, host.url(owner))
    return screened.verdict


@transaction.atomic(durable=True)
def _record_screening(attachment: Attachment, parts: list, screened: Screening, url: str) -> None:
    locked = Attachment.objects.select_for_update(of=("self",)).get(pk=attachment.pk)
    if locked.status != AttachmentStatus.PENDING:
        return
    blocked = screened.verdict == "block"
    locked.status = AttachmentStatus.BLOCKED if blocked else STATUS_FOR_VERDICT[screened.verdict]
    locked.extracted = parts
    locked.assessment = screened.stored
    locked.screened_at = timezone.now()
    locked.save(update_fields=["status", "extracted", "assessment", "screened_at"])
    if blocked:
        do_notify(
            attachment.uploader,
            kind="attachment_blocked",
            title=_("Your file “%(name)s” was not delivered"),
            body=_(
                "It shows what cannot be shared at this stage: %(reasons)s. The other party "
                "cannot see it."
            ),
            params={"name": locked.name, "reasons": " / ".join(screened.reason_messages())},
            url=url,
        )
    else:
        apply_verdict(screened, content=locked, author=attachment.uploader, actor=None)
    attachment.status = locked.status
