"""What the secretariat's tools need about attached files, registered with the moderation
registry: a held file opens in its case with the text screening read in it (name, codes, OCR,
the document's text) and the spans that triggered, and is released or rejected like a
message."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.files.actions import do_reject_held_attachment, do_release_held_attachment
from yorozu.files.models import Attachment
from yorozu.files.selectors import access_attachment
from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, register


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=Attachment,
            name="attachment",
            label=_("attached file"),
            queue=CaseQueue.MESSAGES,
            text=lambda a: a.text,
            title=lambda a: a.name,
            author=lambda a: a.uploader,
            screening_kind="message",
            url=lambda a: reverse("files:download", args=[a.pk]),
            access=access_attachment,
            approve=do_release_held_attachment,
            reject=do_reject_held_attachment,
            take_down=do_reject_held_attachment,
            select_related=("uploader",),
            preview_template="files/attachment_case.html",
        )
    )


__all__ = ["register_kinds"]
