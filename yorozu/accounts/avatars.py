"""Avatars: the picture beside a person's name, uploaded or generated.

An upload is decoded pixel by pixel (the kind its bytes announce, nothing else), turned upright
by its EXIF orientation, cropped to the centre square and re-encoded from its pixels at
AVATAR_SIZE — so no metadata (GPS position, camera, comments) survives. What the square shows is
read as the files app reads an image (QR codes, OCR) and screened as profile text through the one
door: contact details in an avatar are refused like contact details in a bio, the draft (the
current avatar) kept. A picture the reader could not read is held for the secretariat, the
generated default shown meanwhile.

Without an upload a person has a generated default: their initial on a colour derived from
their id, drawn as inline SVG (no request, no file).

Bytes live in the `avatars` storage (Django's storage API: the local filesystem by default, any
backend by settings) under a random name that changes with every upload, served by
`accounts:avatar` to anyone (an avatar is as public as the profile it is on) and cached for a
year.
"""

from __future__ import annotations

import io
import posixpath
import secrets
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

from yorozu.accounts.models import AccountEvent, Avatar, AvatarStatus, User
from yorozu.core.errors import Refused
from yorozu.core.side_effects import on_commit
from yorozu.core.staff import REVIEW, has_staff_permission, require_staff_permission
from yorozu.files import extraction
from yorozu.files.inspection import clean_name, human_size, sniff
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import (
    Blocked,
    Context,
    Screening,
    apply_verdict,
    do_clear_screening,
    refuse_if_blocked,
    screen,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.utils.safestring import SafeString

ALIAS = "avatars"
PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}


def avatar_storage() -> Storage:
    return storages[ALIAS]


class AvatarRefused(Refused):
    """The picture cannot be an avatar (its kind, its size); nothing was stored."""

    default_code = "avatar_refused"


class AvatarBlocked(Blocked):
    """Screening read what cannot be shown in an avatar (an ID, a QR code to a chat app)."""

    def __init__(self, screening: Screening) -> None:
        super().__init__(screening)
        self.message = _(
            "This picture cannot be your avatar: it shows what cannot be shared on yorozu. "
            "Please choose another one."
        )


# -- the picture --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Squared:
    """An upload as it will be shown: `data` (AVATAR_SIZE square, re-encoded) and `extension`,
    and `readable`, the same square at its full resolution as PNG, for screening to read."""

    data: bytes
    extension: str
    readable: bytes


def square(name: str, data: bytes) -> Squared:
    """Decode, turn upright, crop to the centre square and re-encode without metadata.
    Raises AvatarRefused for anything that is not a picture within the limits."""
    if not data:
        raise AvatarRefused(_("The file is empty."))
    if len(data) > settings.AVATAR_MAX_BYTES:
        raise AvatarRefused(
            _("The picture is %(size)s; an avatar can be at most %(limit)s.")
            % {"size": human_size(len(data)), "limit": human_size(settings.AVATAR_MAX_BYTES)}
        )
    media_type = sniff(data)
    if media_type not in PIL_FORMATS:
        raise AvatarRefused(_("An avatar must be a PNG, JPEG, GIF or WebP picture."))
    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[media_type]])
            if image.width * image.height > settings.AVATAR_MAX_PIXELS:
                raise AvatarRefused(
                    _("The picture is too large (%(w)s × %(h)s pixels).")
                    % {"w": image.width, "h": image.height}
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
    except AvatarRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        raise AvatarRefused(_("The picture could not be opened: it may be damaged.")) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    side = min(upright.width, upright.height)
    if side < settings.AVATAR_MIN_SIDE:
        raise AvatarRefused(
            _("The picture is too small; please choose one at least %(side)s pixels wide.")
            % {"side": settings.AVATAR_MIN_SIDE}
        )
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    left = (upright.width - side) // 2
    top = (upright.height - side) // 2
    cropped = upright.crop((left, top, left + side, top + side))
    readable = io.BytesIO()
    cropped.save(readable, "PNG")
    target = min(side, settings.AVATAR_SIZE)
    shown = cropped.resize((target, target), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if has_alpha:
        shown.save(out, "PNG", optimize=True)
        extension = ".png"
    else:
        shown.save(out, "JPEG", quality=88, optimize=True)
        extension = ".jpg"
    return Squared(data=out.getvalue(), extension=extension, readable=readable.getvalue())


def screen_avatar(user: User, name: str, squared: Squared) -> tuple[Screening, list]:
    """The door's verdict on what the square shows, read as profile text (a hold is a refusal
    for profiles); a picture the reader could not read is held for a person."""
    parts = extraction.full_parts(name, "image/png", squared.readable)
    screened = screen(
        "profile", extraction.joined(parts), author=user, context=Context(sender_role="worker")
    )
    if extraction.unread(parts) and screened.verdict in ("allow", "warn"):
        screened = Screening(
            kind=screened.kind,
            text=screened.text,
            verdict="hold",
            assessment=screened.assessment,
            context=screened.context,
            author_id=screened.author_id,
        )
    return screened, parts


# -- writes ---------------------------------------------------------------------------------------


def _require_self_or_staff(user: User, actor: User) -> None:
    if actor.pk != user.pk and not has_staff_permission(actor, REVIEW):
        raise PermissionDenied("only the account owner or staff may change this avatar")


def do_upload_avatar(user: User, upload: UploadedFile, *, actor: User) -> Avatar:
    """Make `upload` the user's avatar: squared, screened, stored; returns its record.

    Refused (AvatarRefused, AvatarBlocked) with nothing stored and the current avatar kept. A
    held one (the picture could not be read) waits for the secretariat in the accounts queue.
    """
    _require_self_or_staff(user, actor)
    upload.seek(0)
    data = upload.read(settings.AVATAR_MAX_BYTES + 1)
    name = clean_name(upload.name or "") or "avatar"
    squared = square(name, data)
    screened, parts = screen_avatar(user, name, squared)
    try:
        refuse_if_blocked(screened, author=user, actor=actor)
    except Blocked:
        raise AvatarBlocked(screened) from None
    stored_name = avatar_storage().save(
        f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}{squared.extension}",
        ContentFile(squared.data),
    )
    try:
        return _store_avatar(user, stored_name, screened, parts, actor=actor)
    except BaseException:
        avatar_storage().delete(stored_name)
        raise


@transaction.atomic(durable=True)
def _store_avatar(
    user: User, stored_name: str, screened: Screening, parts: list, *, actor: User
) -> Avatar:
    locked = User.objects.select_for_update().get(pk=user.pk)
    held = screened.verdict == "hold"
    avatar = Avatar.objects.create(
        user=locked,
        stored_name=stored_name,
        status=AvatarStatus.HELD if held else AvatarStatus.LIVE,
        extracted=parts,
        assessment=screened.stored,
    )
    if not held:
        _make_live(locked, avatar)
    AccountEvent.objects.create(
        user=locked,
        actor=actor,
        event_type="avatar_held" if held else "avatar_changed",
        data={"avatar": avatar.pk},
    )
    apply_verdict(screened, content=avatar, author=locked, actor=actor, open_case=held or None)
    user.avatar = locked.avatar
    return avatar


def _make_live(user: User, avatar: Avatar) -> None:
    """`avatar` becomes the one shown; the one it replaces (and any still waiting for the
    secretariat: the newest upload wins) is deleted once this commits."""
    others = Avatar.objects.filter(user=user, status__in=(AvatarStatus.LIVE, AvatarStatus.HELD))
    for old in others.exclude(pk=avatar.pk):
        old.status = AvatarStatus.REPLACED
        old.save(update_fields=["status"])
        on_commit(avatar_storage().delete, old.stored_name)
    avatar.status = AvatarStatus.LIVE
    avatar.save(update_fields=["status"])
    user.avatar = avatar.stored_name
    user.save(update_fields=["avatar"])


@transaction.atomic(durable=True)
def do_remove_avatar(user: User, *, actor: User) -> bool:
    """Back to the generated default; False when there was no avatar."""
    _require_self_or_staff(user, actor)
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.avatar:
        return False
    _retire(locked, AvatarStatus.REMOVED)
    AccountEvent.objects.create(user=locked, actor=actor, event_type="avatar_removed")
    user.avatar = ""
    return True


def _retire(user: User, status: str) -> None:
    for avatar in Avatar.objects.filter(user=user, status=AvatarStatus.LIVE):
        avatar.status = status
        avatar.save(update_fields=["status"])
        on_commit(avatar_storage().delete, avatar.stored_name)
    user.avatar = ""
    user.save(update_fields=["avatar"])


# The secretariat's decisions on a held avatar (the console calls them through the moderation
# registry, inside its transaction).


@transaction.atomic
def do_approve_avatar(avatar: Avatar, *, actor: User) -> bool:
    require_staff_permission(actor, REVIEW, about=[avatar.user_id])
    locked = Avatar.objects.select_for_update().get(pk=avatar.pk)
    if locked.status != AvatarStatus.HELD:
        return False
    user = User.objects.select_for_update().get(pk=locked.user_id)
    _make_live(user, locked)
    do_clear_screening(locked)
    AccountEvent.objects.create(
        user=user, actor=actor, event_type="avatar_approved", data={"avatar": locked.pk}
    )
    do_notify(
        user,
        kind="avatar_approved",
        title=_("Your avatar is now shown"),
        body=_("The secretariat checked your new avatar; it now shows beside your name."),
        url=reverse("accounts:settings"),
    )
    avatar.status = locked.status
    return True


@transaction.atomic
def do_reject_avatar(avatar: Avatar, *, reason: str = "", actor: User) -> bool:
    """Reject a held avatar (or take down a live one on an upheld report): the default shows."""
    require_staff_permission(actor, REVIEW, about=[avatar.user_id])
    locked = Avatar.objects.select_for_update().get(pk=avatar.pk)
    if locked.status not in (AvatarStatus.HELD, AvatarStatus.LIVE):
        return False
    user = User.objects.select_for_update().get(pk=locked.user_id)
    if locked.status == AvatarStatus.LIVE:
        _retire(user, AvatarStatus.REJECTED)
    else:
        locked.status = AvatarStatus.REJECTED
        locked.save(update_fields=["status"])
        on_commit(avatar_storage().delete, locked.stored_name)
    AccountEvent.objects.create(
        user=user,
        actor=actor,
        event_type="avatar_rejected",
        data={"avatar": locked.pk, "reason": reason},
    )
    do_notify(
        user,
        kind="avatar_rejected",
        title=_("Your avatar could not be shown"),
        body=_("The secretariat did not accept your avatar. Reason: %(reason)s"),
        params={"reason": reason},
        url=reverse("accounts:settings"),
    )
    avatar.status = AvatarStatus.REJECTED
    return True


def erase_avatars(user: User) -> None:
    """Inside the account deletion's transaction: every avatar of `user` goes, bytes on commit."""
    for avatar in Avatar.objects.filter(user=user):
        on_commit(avatar_storage().delete, avatar.stored_name)
    Avatar.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(avatar="")


# -- reads ---------------------------------------------------------------------------------------


def avatar_url(user: Any) -> str:
    """Where the user's live avatar is served ("" for the generated default)."""
    stored = getattr(user, "avatar", "")
    if not stored:
        return ""
    return reverse("accounts:avatar", args=[user.pk, posixpath.basename(stored)])


def held_avatar(user: User) -> Avatar | None:
    return Avatar.objects.filter(user=user, status=AvatarStatus.HELD).first()


# The generated default: a colour from the user id (hues far apart for neighbouring ids, dark
# enough for white text: contrast above 4.5:1), and the first character of the display name.
GOLDEN_ANGLE = 137


def default_colour(user_id: int) -> str:
    hue = (int(user_id or 0) * GOLDEN_ANGLE) % 360
    return f"hsl({hue}, 55%, 36%)"


def initials(display_name: str) -> str:
    name = (display_name or "").strip()
    if not name:
        return "?"
    first = name[0]
    return first.upper() if first.isascii() else first


def default_svg(user: Any, size: int) -> SafeString:
    """The generated default as inline SVG (escaped; CSP-safe: attributes, no style);
    decorative like the uploaded picture."""
    label = initials(getattr(user, "display_name", ""))
    return format_html(
        '<svg class="avatar avatar-default" width="{size}" height="{size}" viewBox="0 0 100 100" '
        'aria-hidden="true" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<rect width="100" height="100" rx="50" fill="{colour}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" font-size="46" fill="#fff" '
        'font-family="sans-serif">{label}</text></svg>',
        size=size,
        colour=default_colour(getattr(user, "pk", 0)),
        label=label,
    )


def avatar_html(user: Any, size: int = 40) -> SafeString:
    """The picture beside a person's name. Decorative (empty alt, hidden from assistive
    technology): everywhere it is shown, the name is written next to it."""
    url = avatar_url(user)
    if not url:
        return default_svg(user, size)
    return format_html(
        '<img class="avatar" src="{url}" width="{size}" height="{size}" alt="" '
        'loading="lazy" decoding="async">',
        url=url,
        size=size,
    )
