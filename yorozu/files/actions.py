"""Every write of the files app: attaching files to an item, screening them, the secretariat's
decisions on held ones, and an account's files when the account is deleted.

A file goes: read → inspected (its kind by content, limits, the quota; an image re-encoded
without metadata) → its text read (`extraction`) and screened through the one door
(`trust.screening`, kind "file") in the context of the item it is attached to (the host's: a
thread's stage, the sender's role) → a blocked file is recorded and refused with its reasons (the
item's draft kept) → stored with the status its verdict gives, inside the item's transaction.
A file larger than FILES_SCREEN_INLINE_MAX_BYTES is checked quickly while it is sent (its name
and codes), stored as pending and screened completely by a task on the queue; until it has
passed, nobody but its uploader and the secretariat sees it.

Two steps for apps that attach files while they store their own item (messaging, contracts,
competition entries): `prepare_attachments` before the item's transaction (it may refuse),
`store_attachments` inside it; `files_guard` deletes the stored bytes if that transaction
fails. `do_attach_files` does both for an item that already exists.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.core.side_effects import on_commit
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.files import extraction, storage
from yorozu.files.hosts import host_of
from yorozu.files.inspection import AttachmentRefused, Inspected, human_size, inspect
from yorozu.files.models import Attachment, AttachmentStatus
from yorozu.files.screening import STATUS_FOR_VERDICT, screen_file
from yorozu.files.tasks import screen_attachment
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import (
    Blocked,
    Context,
    Screening,
    apply_verdict,
    do_clear_screening,
    refuse_if_blocked,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from yorozu.accounts.models import User


class FileBlocked(Blocked):
    """Screening refused a file, as it would have refused the same text typed. Carries the
    file's name, so the form says which file, beside the kept draft."""

    def __init__(self, screening: Screening, file_name: str) -> None:
        super().__init__(screening)
        self.file_name = file_name


@dataclass
class PreparedFile:
    inspected: Inspected
    parts: list[extraction.Part]
    # None: screened on the queue after it is stored (a large file).
    screening: Screening | None


@dataclass
class Prepared:
    """Files checked and screened for one item, ready to store in the item's transaction."""

    author: Any
    files: list[PreparedFile]
    stored_names: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.files)


NOTHING = Prepared(author=None, files=[])


def read_upload(upload: UploadedFile) -> tuple[str, bytes]:
    """An upload's name and bytes, reading no more than one byte past the size limit."""
    upload.seek(0)
    data = upload.read(settings.FILES_MAX_BYTES + 1)
    return upload.name or "", data


def prepare_attachments(
    uploads: Sequence[UploadedFile], *, author: User, context: Context
) -> Prepared:
    """Check, clean and screen files `author` attaches to an item judged in `context`.

    Call it before the item's transaction: a refused file raises `AttachmentRefused` (its kind,
    a limit, the quota) or `FileBlocked` (screening, after recording the attempt in a
    transaction of its own), and nothing is stored.
    """
    uploads = [u for u in uploads if u is not None]
    if not uploads:
        return NOTHING
    if len(uploads) > settings.FILES_MAX_COUNT:
        raise AttachmentRefused(
            _("At most %(limit)s files can be attached at once (%(count)s were chosen).")
            % {"limit": settings.FILES_MAX_COUNT, "count": len(uploads)}
        )
    inspected = [inspect(*read_upload(u)) for u in uploads]
    total = sum(i.size for i in inspected)
    if total > settings.FILES_MAX_TOTAL_BYTES:
        raise AttachmentRefused(
            _("The files come to %(size)s; at most %(limit)s can be attached at once.")
            % {"size": human_size(total), "limit": human_size(settings.FILES_MAX_TOTAL_BYTES)}
        )
    used = used_bytes(author)
    if used + total > settings.FILES_ACCOUNT_QUOTA_BYTES:
        raise AttachmentRefused(
            _(
                "Your files on yorozu take %(used)s of your %(quota)s; these %(size)s do not fit. "
                "If your work needs more room, please contact the secretariat."
            )
            % {
                "used": human_size(used),
                "quota": human_size(settings.FILES_ACCOUNT_QUOTA_BYTES),
                "size": human_size(total),
            },
            "attachment_quota",
        )
    prepared = Prepared(author=author, files=[])
    for item in inspected:
        inline = item.size <= settings.FILES_SCREEN_INLINE_MAX_BYTES
        reader = extraction.full_parts if inline else extraction.quick_parts
        parts = reader(item.name, item.media_type, item.data)
        screened = screen_file(parts, author=author, context=context)
        try:
            refuse_if_blocked(screened, author=author, actor=author)
        except Blocked:
            raise FileBlocked(screened, item.name) from None
        prepared.files.append(
            PreparedFile(inspected=item, parts=parts, screening=screened if inline else None)
        )
    return prepared


def store_attachments(prepared: Prepared, *, owner: Any, actor: User) -> list[Attachment]:
    """Store prepared files on `owner` (an item of a registered host), inside the caller's
    transaction: each with its verdict's status, acted on by the door (a case for a hold);
    a large file pending, its screening enqueued once the transaction commits."""
    if not prepared:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("store_attachments runs inside the item's transaction")
    host_of(owner)  # refuse an item whose app did not say who may see it
    content_type = ContentType.objects.get_for_model(owner)
    stored = []
    now = timezone.now()
    for item in prepared.files:
        name = storage.save_bytes(item.inspected.extension, item.inspected.data)
        prepared.stored_names.append(name)
        screened = item.screening
        attachment = Attachment.objects.create(
            uploader=prepared.author,
            content_type=content_type,
            object_id=owner.pk,
            stored_name=name,
            name=item.inspected.name,
            media_type=item.inspected.media_type,
            size=item.inspected.size,
            sha256=item.inspected.sha256,
            status=STATUS_FOR_VERDICT[screened.verdict] if screened else AttachmentStatus.PENDING,
            extracted=item.parts,
            assessment=screened.stored if screened else {},
            created_at=now,
            screened_at=now if screened else None,
        )
        if screened is not None:
            apply_verdict(screened, content=attachment, author=prepared.author, actor=actor)
        else:
            on_commit(screen_attachment.enqueue, attachment.pk)
        stored.append(attachment)
    return stored


@contextlib.contextmanager
def files_guard(prepared: Prepared) -> Iterator[None]:
    """Delete the bytes `store_attachments` wrote if the item's transaction fails after it."""
    try:
        yield
    except BaseException:
        for name in prepared.stored_names:
            storage.delete(name)
        raise


@transaction.atomic(durable=True)
def _store(prepared: Prepared, owner: Any, actor: User) -> list[Attachment]:
    return store_attachments(prepared, owner=owner, actor=actor)


def do_attach_files(
    owner: Any,
    files: Sequence[UploadedFile],
    *,
    actor: User,
    context: Context | None = None,
) -> list[Attachment]:
    """Attach `files` from `actor` to an item that already exists (a competition entry, say).

    The item's host must be registered (`hosts.register`) and `actor` one who may see it; the
    files are judged in `context`, by default the host's for this item and author. Raises
    `AttachmentRefused` or `FileBlocked` with nothing stored.
    """
    host = host_of(owner)
    if not host.may_see(actor, owner):
        raise AttachmentRefused(_("You cannot attach files here."), "forbidden", status=403)
    prepared = prepare_attachments(
        files, author=actor, context=context or host.context(owner, actor)
    )
    with files_guard(prepared):
        return _store(prepared, owner, actor)


def used_bytes(user: Any) -> int:
    """What `user`'s stored files take, against FILES_ACCOUNT_QUOTA_BYTES."""
    total = Attachment.objects.filter(uploader_id=user.pk).aggregate(total=Sum("size"))["total"]
    return int(total or 0)


# ---- held files: the secretariat releases or rejects ----------------------------------------
# Called by the review console after it recorded its decision on the file's case (through the
# moderated-kind registration in `moderated.py`), inside the console's transaction.


def _lock(attachment: Attachment) -> Attachment:
    return (
        Attachment.objects.select_for_update(of=("self",))
        .select_related("uploader")
        .get(pk=attachment.pk)
    )


def _url(attachment: Attachment) -> str:
    owner = attachment.owner
    return host_of(owner).url(owner) if owner is not None else ""


@transaction.atomic
def do_release_held_attachment(attachment: Attachment, *, actor: User) -> bool:
    """The secretariat lets a held file through: the item's other parties see it now."""
    require_staff_permission(actor, REVIEW, about=[attachment.uploader_id])
    locked = _lock(attachment)
    if locked.status != AttachmentStatus.HELD:
        return False
    locked.status = AttachmentStatus.DELIVERED
    locked.save(update_fields=["status"])
    do_clear_screening(locked)
    do_notify(
        locked.uploader,
        kind="attachment_released",
        title=_("Your file “%(name)s” was delivered after review"),
        body=_("The secretariat reviewed your file and delivered it."),
        params={"name": locked.name},
        url=_url(locked),
    )
    attachment.status = locked.status
    return True


@transaction.atomic
def do_reject_held_attachment(attachment: Attachment, *, reason: str, actor: User) -> bool:
    """The secretariat keeps a file from the item's other parties; the uploader is told why.
    Also what an upheld report does to a delivered file. False when already rejected."""
    require_staff_permission(actor, REVIEW, about=[attachment.uploader_id])
    locked = _lock(attachment)
    if locked.status == AttachmentStatus.REJECTED:
        return False
    locked.status = AttachmentStatus.REJECTED
    locked.save(update_fields=["status"])
    do_notify(
        locked.uploader,
        kind="attachment_rejected",
        title=_("Your file “%(name)s” was not delivered"),
        body=_("The secretariat did not deliver your file. Reason: %(reason)s"),
        params={"name": locked.name, "reason": reason},
        url=_url(locked),
    )
    attachment.status = locked.status
    return True


# ---- an account's files when the account is deleted ------------------------------------------

# The files kept with the anonymised account: those the other party received (the record of a
# conversation or of delivered work). The rest — held, rejected, blocked or pending files only
# their uploader ever saw — are erased with the account's personal data (docs/files.md).
ERASED_ON_DELETION = (
    AttachmentStatus.PENDING,
    AttachmentStatus.HELD,
    AttachmentStatus.BLOCKED,
    AttachmentStatus.REJECTED,
)


def erase_undelivered_attachments(user: Any) -> int:
    """Inside the account deletion's transaction: delete the rows of `user`'s files nobody else
    received, and their bytes once it commits. Returns how many."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("erase_undelivered_attachments runs inside the deletion's transaction")
    doomed = Attachment.objects.filter(uploader_id=user.pk, status__in=ERASED_ON_DELETION)
    names = list(doomed.values_list("stored_name", flat=True))
    _count, _deleted = doomed.delete()
    for name in names:
        on_commit(storage.delete, name)
    return len(names)


def discard_attachments(owner: Any, ids: Sequence[int] | None = None) -> int:
    """Inside the owner's transaction: delete an item's files (those of `ids`, or all), their
    bytes once it commits. For items their author may edit or delete and that nobody received
    as a record (a portfolio work), never for a message or a delivery. Returns how many."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("discard_attachments runs inside the item's transaction")
    content_type = ContentType.objects.get_for_model(owner)
    doomed = Attachment.objects.filter(content_type=content_type, object_id=owner.pk)
    if ids is not None:
        doomed = doomed.filter(pk__in=list(ids))
    names = list(doomed.values_list("stored_name", flat=True))
    doomed.delete()
    for name in names:
        on_commit(storage.delete, name)
    return len(names)
