"""Background work of the files app: screening large files on the real queue."""

from __future__ import annotations

from django.tasks import task

from yorozu.files.screening import do_screen_pending_attachment


@task()
def screen_attachment(attachment_id: int) -> str | None:
    """Screen one pending file completely (OCR, every page); idempotent, takes an id."""
    return do_screen_pending_attachment(attachment_id)
