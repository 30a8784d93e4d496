"""Reads for saved searches: what a saved search matches now, and where it leads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404, QueryDict
from django.urls import reverse

from yorozu.alerts.models import SavedSearch, SearchKind
from yorozu.jobs.forms import JobSearchForm
from yorozu.jobs.selectors import search_jobs
from yorozu.workers.forms import WorkerSearchForm
from yorozu.workers.selectors import search_workers

if TYPE_CHECKING:
    from yorozu.accounts.models import User

# How many of the newest matches a digest looks at, and how many ids a search remembers.
MATCH_WINDOW = 200
SEEN_CAP = 2000
STOP_SALT = "yorozu.alerts.stop"


def clean_query(kind: str, raw: QueryDict) -> str:
    """The query string as stored: only the search form's own fields, never a page number."""
    form_class = JobSearchForm if kind == SearchKind.JOB else WorkerSearchForm
    kept = QueryDict(mutable=True)
    for name in form_class.base_fields:
        values = [v for v in raw.getlist(name) if v.strip()]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def matching_ids(saved: SavedSearch) -> list[int]:
    """The ids of the newest matches of a saved search, as its owner would see them now."""
    data = QueryDict(saved.query)
    if saved.kind == SearchKind.JOB:
        form = JobSearchForm(data)
        return list(search_jobs(form.search_params()).values_list("id", flat=True)[:MATCH_WINDOW])
    params = WorkerSearchForm(data).params(exclude_user_id=saved.owner_id)
    return list(search_workers(params).worker_ids()[:MATCH_WINDOW])


def search_url(saved: SavedSearch) -> str:
    base = reverse("jobs:search" if saved.kind == SearchKind.JOB else "workers:search")
    return f"{base}?{saved.query}" if saved.query else base


def saved_searches_of(user: User):
    return SavedSearch.objects.filter(owner=user).order_by("-created_at", "-id")


def access_saved_search(user: User, saved_id: int) -> SavedSearch:
    """One of the user's own saved searches; 404 for anyone else's."""
    saved = SavedSearch.objects.filter(pk=saved_id, owner_id=user.pk).first()
    if saved is None:
        raise Http404("no such saved search")
    return saved


def stop_token(saved: SavedSearch) -> str:
    """The signed token of a digest's "stop this alert" link (no sign-in needed)."""
    return signing.dumps({"s": saved.pk, "u": saved.owner_id}, salt=STOP_SALT, compress=True)


def saved_search_from_token(token: str) -> SavedSearch | None:
    try:
        data = signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    saved_id, owner_id = data.get("s"), data.get("u")
    if not isinstance(saved_id, int) or not isinstance(owner_id, int):
        return None
    return SavedSearch.objects.filter(pk=saved_id, owner_id=owner_id).first()


def active_users(user_ids: list[int]):
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
