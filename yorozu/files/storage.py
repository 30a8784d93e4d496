"""Where attachments' bytes live: the `attachments` storage alias, never a public URL.

Everything goes through Django's storage API (`storages["attachments"]`), so the local
filesystem (the default, under var/attachments) and an S3-compatible store (django-storages,
configured in settings) are the same to the code. Looked up on every use rather than bound to a
model field at import, so a test (or a deployment) that changes STORAGES is obeyed.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone

ALIAS = "attachments"


def attachment_storage() -> Storage:
    return storages[ALIAS]


def new_name(extension: str) -> str:
    """A random name under the month's folder: nothing of the uploader's file name (which often
    holds a person's name) and nothing guessable."""
    return f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


def save_bytes(extension: str, data: bytes) -> str:
    """Store `data` under a new random name; returns the name the storage chose."""
    return attachment_storage().save(new_name(extension), ContentFile(data))


def read_bytes(name: str) -> bytes:
    with attachment_storage().open(name, "rb") as handle:
        return handle.read()


def delete(name: str) -> None:
    if name:
        attachment_storage().delete(name)
