"""Every write of the portfolio: a worker adds, edits, reorders and deletes works; the
secretariat takes one down; an account's works go with its personal data.

A work's text (title, description, link) is screened as profile text through the one door
(`screen("profile", …)`): contact details are refused with the draft kept and the flagged part
shown, never stored. Its files go through the files app (`prepare_attachments` before the
work's transaction, `store_attachments` inside it), judged as a message before escrow: a LINE
QR code or a screenshot of an address is refused the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import AccountEvent
from yorozu.core.errors import Refused
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.files.actions import (
    Prepared,
    discard_attachments,
    files_guard,
    prepare_attachments,
    store_attachments,
)
from yorozu.files.inspection import AttachmentRefused
from yorozu.files.selectors import attachments_of
from yorozu.notifications.actions import do_notify
from yorozu.portfolio.attachments import work_context
from yorozu.portfolio.models import PortfolioWork, WorkStatus, work_text
from yorozu.trust.screening import Context, Screening, apply_verdict, refuse_if_blocked, screen

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from yorozu.accounts.models import User
    from yorozu.catalog.models import Category


class PortfolioRefused(Refused):
    """The portfolio is full, or a work has too many files."""

    default_code = "portfolio_refused"


def screen_work(worker: Any, title: str, description: str, link: str) -> Screening:
    return screen(
        "profile",
        work_text(title, description, link),
        author=worker,
        context=Context(sender_role="worker", scope="portfolio"),
    )


def _prepare(worker: Any, files: Sequence[UploadedFile], already: int) -> Prepared:
    files = [f for f in files if f is not None]
    if already + len(files) > settings.PORTFOLIO_MAX_FILES_PER_WORK:
        raise PortfolioRefused(
            _("A work can have at most %(limit)s pictures or files.")
            % {"limit": settings.PORTFOLIO_MAX_FILES_PER_WORK}
        )
    return prepare_attachments(files, author=worker, context=work_context(None, worker))


def do_add_work(
    worker: User,
    *,
    title: str,
    description: str = "",
    category: Category | None = None,
    link: str = "",
    files: Sequence[UploadedFile] = (),
    actor: User,
) -> PortfolioWork:
    """Add a work at the end of the worker's portfolio. Refused (`Blocked`, `FileBlocked`,
    `AttachmentRefused`, `PortfolioRefused`) with nothing stored."""
    if actor.pk != worker.pk:
        raise PermissionDenied("only the worker adds to their portfolio")
    if PortfolioWork.objects.filter(worker=worker).count() >= settings.PORTFOLIO_MAX_WORKS:
        raise PortfolioRefused(
            _("A portfolio can hold at most %(limit)s works. Please delete one first.")
            % {"limit": settings.PORTFOLIO_MAX_WORKS}
        )
    screened = screen_work(worker, title, description, link)
    refuse_if_blocked(screened, author=worker, actor=actor)
    prepared = _prepare(worker, files, 0)
    with files_guard(prepared):
        return _create(worker, title, description, category, link, screened, prepared, actor)


@transaction.atomic(durable=True)
def _create(
    worker: User,
    title: str,
    description: str,
    category: Category | None,
    link: str,
    screened: Screening,
    prepared: Prepared,
    actor: User,
) -> PortfolioWork:
    last = PortfolioWork.objects.filter(worker=worker).aggregate(m=Max("position"))["m"]
    work = PortfolioWork.objects.create(
        worker=worker,
        title=title,
        description=description,
        category=category,
        link=link,
        position=0 if last is None else last + 1,
        assessment=screened.stored,
    )
    apply_verdict(screened, content=work, author=worker, actor=actor)
    store_attachments(prepared, owner=work, actor=actor)
    AccountEvent.objects.create(
        user=worker, actor=actor, event_type="portfolio_work_added", data={"work": work.pk}
    )
    return work


def do_edit_work(
    work: PortfolioWork,
    *,
    title: str,
    description: str = "",
    category: Category | None = None,
    link: str = "",
    files: Sequence[UploadedFile] = (),
    remove_file_ids: Sequence[int] = (),
    actor: User,
) -> PortfolioWork:
    """Change a work's text, add files and remove some; screened as when added."""
    if actor.pk != work.worker_id:
        raise PermissionDenied("only the worker edits their portfolio")
    worker = actor
    screened = screen_work(worker, title, description, link)
    refuse_if_blocked(screened, author=worker, actor=actor)
    kept = [a for a in attachments_of(work) if a.pk not in set(remove_file_ids)]
    prepared = _prepare(worker, files, len(kept))
    with files_guard(prepared):
        return _update(
            work, title, description, category, link, screened, prepared, remove_file_ids, actor
        )


@transaction.atomic(durable=True)
def _update(
    work: PortfolioWork,
    title: str,
    description: str,
    category: Category | None,
    link: str,
    screened: Screening,
    prepared: Prepared,
    remove_file_ids: Sequence[int],
    actor: User,
) -> PortfolioWork:
    locked = PortfolioWork.objects.select_for_update().get(pk=work.pk)
    locked.title, locked.description, locked.category, locked.link = (
        title,
        description,
        category,
        link,
    )
    locked.assessment = screened.stored
    locked.updated_at = timezone.now()
    locked.save(
        update_fields=["title", "description", "category", "link", "assessment", "updated_at"]
    )
    if screened.text != work.text:
        apply_verdict(screened, content=locked, author=locked.worker, actor=actor, new=False)
    removed = discard_attachments(locked, list(remove_file_ids)) if remove_file_ids else 0
    store_attachments(prepared, owner=locked, actor=actor)
    AccountEvent.objects.create(
        user_id=locked.worker_id,
        actor=actor,
        event_type="portfolio_work_edited",
        data={"work": locked.pk, "files_added": len(prepared.files), "files_removed": removed},
    )
    return locked


@transaction.atomic(durable=True)
def do_delete_work(work: PortfolioWork, *, actor: User) -> None:
    """Delete a work and its files (bytes once the deletion commits)."""
    if actor.pk != work.worker_id:
        raise PermissionDenied("only the worker deletes from their portfolio")
    locked = PortfolioWork.objects.select_for_update().filter(pk=work.pk).first()
    if locked is None:
        return
    discard_attachments(locked)
    AccountEvent.objects.create(
        user_id=locked.worker_id,
        actor=actor,
        event_type="portfolio_work_deleted",
        data={"work": locked.pk, "title": locked.title},
    )
    locked.delete()


@transaction.atomic(durable=True)
def do_move_work(work: PortfolioWork, direction: int, *, actor: User) -> bool:
    """Swap a work with its neighbour before (direction -1) or after (+1); False at an end.

    The worker's works are locked and renumbered 0…n-1 in their current order first, so equal
    or gapped positions (older rows) never make a move a no-op."""
    if actor.pk != work.worker_id:
        raise PermissionDenied("only the worker orders their portfolio")
    works = list(
        PortfolioWork.objects.select_for_update()
        .filter(worker_id=work.worker_id)
        .order_by("position", "id")
    )
    index = next((i for i, w in enumerate(works) if w.pk == work.pk), None)
    if index is None:
        return False
    other = index + (1 if direction > 0 else -1)
    if not 0 <= other < len(works):
        return False
    works[index], works[other] = works[other], works[index]
    for position, item in enumerate(works):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    return True


@transaction.atomic
def do_take_down_work(work: PortfolioWork, *, reason: str = "", actor: User) -> bool:
    """The secretariat takes a work off the profile (an upheld report); its worker is told."""
    require_staff_permission(actor, REVIEW, about=[work.worker_id])
    locked = PortfolioWork.objects.select_for_update().get(pk=work.pk)
    if locked.status == WorkStatus.TAKEN_DOWN:
        return False
    locked.status = WorkStatus.TAKEN_DOWN
    locked.save(update_fields=["status"])
    AccountEvent.objects.create(
        user_id=locked.worker_id,
        actor=actor,
        event_type="portfolio_work_taken_down",
        data={"work": locked.pk, "reason": reason},
    )
    do_notify(
        locked.worker,
        kind="portfolio_work_taken_down",
        title=_("Your portfolio work “%(title)s” was taken down"),
        body=_("The secretariat removed it from your profile. Reason: %(reason)s"),
        params={"title": locked.title, "reason": reason},
        url="",
    )
    work.status = locked.status
    return True


def erase_portfolio(user: Any) -> int:
    """Inside the account deletion's transaction: the account's works and their files."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("erase_portfolio runs inside the deletion's transaction")
    works = list(PortfolioWork.objects.filter(worker_id=user.pk))
    for work in works:
        discard_attachments(work)
    PortfolioWork.objects.filter(worker_id=user.pk).delete()
    return len(works)


__all__ = ["AttachmentRefused", "PortfolioRefused"]
