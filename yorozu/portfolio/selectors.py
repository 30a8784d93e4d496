"""Reads of the portfolio; `access_*` fetch and authorize in one call."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from yorozu.enforcement.selectors import is_visible
from yorozu.files.selectors import attachments_by_owner
from yorozu.portfolio.models import PortfolioWork, WorkStatus


def works_of(worker: Any, viewer: Any) -> list[PortfolioWork]:
    """The works shown on `worker`'s profile to `viewer` (the worker also sees taken-down
    ones, marked), each with `.files`: the files the viewer may see, in two queries."""
    qs: QuerySet[PortfolioWork] = PortfolioWork.objects.filter(worker=worker).select_related(
        "category", "category__parent"
    )
    if getattr(viewer, "pk", None) != worker.pk:
        qs = qs.filter(status=WorkStatus.SHOWN)
    works = list(qs)
    files = attachments_by_owner(PortfolioWork, [w.pk for w in works], viewer)
    for work in works:
        work.files = files.get(work.pk, [])  # type: ignore[attr-defined]
    return works


def access_own_work(user: Any, work_id: int) -> PortfolioWork:
    """One of `user`'s own works (to edit, move or delete); 404 for anyone else's."""
    work = PortfolioWork.objects.filter(pk=work_id, worker_id=getattr(user, "pk", None)).first()
    if work is None:
        raise Http404("no such work")
    return work


def access_work(user: Any, work_id: int) -> PortfolioWork:
    """A work as anyone may see it on a profile (what lets them report it); 404 otherwise."""
    work = PortfolioWork.objects.select_related("worker").filter(pk=work_id).first()
    if work is None:
        raise Http404("no such work")
    if work.worker_id == getattr(user, "pk", None):
        return work
    if work.status != WorkStatus.SHOWN or not work.worker.is_active:
        raise Http404("no such work")
    if not is_visible("profile", work.worker):
        raise Http404("no such work")
    return work


def may_see_work(user: Any, work: PortfolioWork) -> bool:
    """Who sees a work's files: its worker, and any signed-in member while it is shown on a
    profile they may see (the download view asks for a signed-in user anyway)."""
    try:
        access_work(user, work.pk)
    except Http404:
        return False
    return True
