"""Reads of the files app; `access_attachment` fetches and authorizes every download."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.http import Http404

from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.files.hosts import host_of
from yorozu.files.models import VISIBLE_STATUSES, Attachment


def access_attachment(user: Any, attachment_id: int) -> Attachment:
    """An attachment, for its uploader, the secretariat (review permission), and the parties
    who may see its item (the host says who) once it has passed screening; 404 for everyone
    else, so nobody learns that a file exists. Asked on every download."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("no such file")
    attachment = Attachment.objects.select_related("content_type").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("no such file")
    if attachment.uploader_id == user.pk or has_staff_permission(user, REVIEW):
        return attachment
    if attachment.status in VISIBLE_STATUSES:
        owner = attachment.owner
        if owner is not None and host_of(owner).may_see(user, owner):
            return attachment
    raise Http404("no such file")


def attachments_by_owner(
    model: type[Model], owner_ids: Iterable[int], viewer: Any
) -> dict[int, list[Attachment]]:
    """The files of several items of one kind that `viewer` sees, by item id, in one query:
    their own files whatever their status, the others' once they passed. The caller lists only
    items the viewer may see."""
    ids = list(owner_ids)
    found: dict[int, list[Attachment]] = defaultdict(list)
    if not ids:
        return found
    content_type = ContentType.objects.get_for_model(model)
    rows = Attachment.objects.filter(content_type=content_type, object_id__in=ids).filter(
        Q(status__in=VISIBLE_STATUSES) | Q(uploader_id=getattr(viewer, "pk", None))
    )
    for attachment in rows.order_by("created_at", "id"):
        found[attachment.object_id].append(attachment)
    return found


def attachments_of(owner: Model) -> list[Attachment]:
    """Every file of one item, whatever its status (the secretariat's view)."""
    content_type = ContentType.objects.get_for_model(owner)
    return list(Attachment.objects.filter(content_type=content_type, object_id=owner.pk))
