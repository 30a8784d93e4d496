"""Every write to saved searches, and the daily digest of what is new in them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.alerts.models import DigestRun, SavedSearch, SearchKind
from yorozu.alerts.selectors import (
    SEEN_CAP,
    active_users,
    clean_query,
    matching_ids,
    search_url,
    stop_token,
)
from yorozu.core.errors import Refused
from yorozu.favourites.selectors import followed_client_ids, followers_of_anyone
from yorozu.jobs.selectors import JobSearchParams, search_jobs
from yorozu.notifications.actions import do_notify, render_for
from yorozu.workers.selectors import searchable_workers

if TYPE_CHECKING:
    from collections.abc import Iterable

    from yorozu.accounts.models import User

MAX_SAVED_SEARCHES = 20
NAME_MAX = 100
LISTED_PER_SEARCH = 5


class SavedSearchRefused(Refused):
    default_code = "saved_search_refused"


@transaction.atomic(durable=True)
def do_save_search(*, kind: str, query: QueryDict, name: str, actor: User) -> SavedSearch:
    """Save a job search (anyone) or a worker search (clients) with its filters.

    What it matches today is remembered as seen, so the first digest brings only what is new.
    The name is a private label only its owner ever sees, so it is not screened.
    """
    if kind not in SearchKind.values:
        raise SavedSearchRefused(_("Unknown kind of search."))
    if kind == SearchKind.WORKER and not actor.acting_as_client:
        raise SavedSearchRefused(_("Worker searches are for clients."))
    name = (name or "").strip()[:NAME_MAX]
    if "\x00" in name:
        raise SavedSearchRefused(_("The name contains characters that cannot be saved."))
    if SavedSearch.objects.filter(owner=actor).count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchRefused(
            _("You can save up to %(count)s searches. Delete one to save another.")
            % {"count": MAX_SAVED_SEARCHES}
        )
    saved = SavedSearch(owner=actor, kind=kind, query=clean_query(kind, query))
    saved.name = name or str(_("My search (%(date)s)") % {"date": timezone.localdate()})
    saved.seen_ids = matching_ids(saved)
    saved.save()
    return saved


@transaction.atomic(durable=True)
def do_set_search_alerts(saved: SavedSearch, *, on: bool, actor: User) -> SavedSearch:
    if saved.owner_id != actor.pk:
        raise SavedSearchRefused(_("This is not your saved search."), status=403)
    SavedSearch.objects.filter(pk=saved.pk).update(alerts=on)
    saved.alerts = on
    return saved


@transaction.atomic(durable=True)
def do_delete_saved_search(saved: SavedSearch, *, actor: User) -> None:
    if saved.owner_id != actor.pk:
        raise SavedSearchRefused(_("This is not your saved search."), status=403)
    SavedSearch.objects.filter(pk=saved.pk).delete()


# ---- the daily digest ------------------------------------------------------------------------


@dataclass
class DigestResult:
    users: int = 0
    notified: int = 0
    items: int = 0


def _titles(kind: str, ids: list[int]) -> list[str]:
    """What the digest names for these ids, in their order: still public, still searchable."""
    rows: Iterable[tuple[int, str]]
    if kind == SearchKind.JOB:
        rows = search_jobs(JobSearchParams()).filter(pk__in=ids).values_list("id", "title")
    else:
        rows = (
            searchable_workers()
            .filter(user_id__in=ids)
            .values_list("user_id", "user__display_name")
        )
    names = dict(rows)
    return [names[i] for i in ids if i in names]


def _followed_jobs(user_id: int, since: datetime.datetime | None, now: datetime.datetime):
    """Open public jobs posted by the clients `user_id` follows, since the last digest."""
    clients = followed_client_ids([user_id]).get(user_id, [])
    if not clients:
        return []
    jobs = search_jobs(JobSearchParams()).filter(client_id__in=clients, created_at__lte=now)
    if since is not None:
        jobs = jobs.filter(created_at__gt=since)
    return list(jobs.values_list("title", "client__display_name")[: LISTED_PER_SEARCH * 4])


@transaction.atomic(durable=True)
def do_send_digest(user: User, *, now: datetime.datetime | None = None) -> int:
    """One person's digest: what is new in each of their saved searches with alerts on, and
    the new jobs of the clients they follow; one notification (in-app and e-mail, as their
    settings say), with a link to stop each alert. Returns how many new items it told.

    Idempotent: the searches' seen ids and the person's last run are updated in the same
    transaction as the notification, so a second run the same day finds nothing new.
    """
    now = now or timezone.now()
    site = settings.SITE_URL.rstrip("/")
    sections: list[str] = []
    told = 0
    searches = list(
        SavedSearch.objects.select_for_update().filter(owner=user, alerts=True).order_by("id")
    )
    for saved in searches:
        current = matching_ids(saved)
        seen = set(saved.seen_ids)
        new = [i for i in current if i not in seen]
        saved.last_digest_at = now
        if new:
            saved.seen_ids = (new + list(saved.seen_ids))[:SEEN_CAP]
        saved.save(update_fields=["seen_ids", "last_digest_at"])
        titles = _titles(saved.kind, new)
        if not titles:
            continue
        told += len(titles)
        head = render_for(
            user,
            _("“%(name)s”: %(count)s new")
            if saved.kind == SearchKind.JOB
            else _("“%(name)s”: %(count)s new workers"),
            {"name": saved.name, "count": len(titles)},
        )
        lines = [f"■ {head}"] + [f"・{t}" for t in titles[:LISTED_PER_SEARCH]]
        if len(titles) > LISTED_PER_SEARCH:
            lines.append(
                render_for(
                    user, _("…and %(count)s more"), {"count": len(titles) - LISTED_PER_SEARCH}
                )
            )
        lines.append(f"{site}{search_url(saved)}")
        stop = reverse("alerts:stop", args=[stop_token(saved)])
        lines.append(render_for(user, _("Stop this alert: %(url)s"), {"url": f"{site}{stop}"}))
        sections.append("\n".join(lines))
    run = DigestRun.objects.select_for_update().filter(user=user).first()
    followed = _followed_jobs(user.pk, run.last_run_at if run else None, now)
    if run is None:
        DigestRun.objects.create(user=user, last_run_at=now)
    else:
        run.last_run_at = now
        run.save(update_fields=["last_run_at"])
    if followed:
        told += len(followed)
        head = render_for(
            user, _("New jobs from clients you follow: %(count)s"), {"count": len(followed)}
        )
        sections.append(
            "\n".join([f"■ {head}"] + [f"・{title}（{client}）" for title, client in followed])
        )
    if not sections:
        return 0
    do_notify(
        user,
        kind="saved_search_digest",
        title=_("%(count)s new matches for your saved searches"),
        # Already rendered for the reader; its URLs hold "%": escaped from the title's params.
        body="\n\n".join(sections).replace("%", "%%"),
        params={"count": told},
        url=reverse("alerts:list"),
    )
    return told


def do_send_daily_digests(*, now: datetime.datetime | None = None) -> DigestResult:
    """Everyone with an alert on or a client followed gets their digest (one transaction each,
    so one person's failure does not undo the others')."""
    now = now or timezone.now()
    owners = set(SavedSearch.objects.filter(alerts=True).values_list("owner_id", flat=True))
    owners |= followers_of_anyone()
    result = DigestResult()
    for user in active_users(sorted(owners)):
        result.users += 1
        told = do_send_digest(user, now=now)
        if told:
            result.notified += 1
            result.items += told
    return result
