"""Reads for workers: the public profile, worker search for scouting, and scouts.

Every list of workers starts from `searchable_workers()`: the one place that says who may be
found at all (active accounts now; the enforcement issue adds restricted ones there).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum, TextChoices, Value
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import AgeBand, Gender, User, WorkerProfile
from yorozu.catalog.models import Category
from yorozu.certification.selectors import TIER_JOIN, holds_a_tier, is_certified_client
from yorozu.enforcement.selectors import visible_q
from yorozu.messaging.models import Thread
from yorozu.reviews.models import Direction, Review
from yorozu.workers.models import (
    WORKER_VISIBLE_STATUSES,
    Scout,
    ScoutStatus,
    WorkerCategoryStat,
    WorkerSearchRow,
)

PAGE_SIZE = 20
KEYWORD_MAX_TERMS = 5
# Spaces of either width (the Japanese full-width space is common in typed queries).
KEYWORD_SPLIT = re.compile(r"[\s\u3000]+")
CARD_CATEGORY_COUNT = 3  # completed counts a result card shows, most completed first
# Genders a filter can ask for: "prefer not to say" is never a filter value.
FILTERABLE_GENDERS = (Gender.MALE, Gender.FEMALE, Gender.OTHER)
CATEGORY_CACHE_KEY = "workers:categories:v1"
CATEGORY_CACHE_SECONDS = 300
CATEGORY_SIZE_CACHE_PREFIX = "workers:few-completed-in:v1:"
CATEGORY_SIZE_CACHE_SECONDS = 3600
# Up to this many workers in the selected categories, a filtered search starts from them.
SMALL_CATEGORY_WORKERS = 2000
# PostgreSQL: up to this many keyword matches (found through the trigram index), a search
# sorts just those; beyond it, it walks the sort index as without a keyword (see page_ids).
KEYWORD_FEW_MATCHES = 2000
# A run of three letters or digits: pg_trgm takes trigrams from such runs only, so a term
# without one (翻訳, "Go") gives its index nothing to look up.
TRIGRAM_RUN = re.compile(r"[^\W_]{3,}")


class WorkerSort(TextChoices):
    RELEVANCE = "relevance", _("Best match")
    RATING = "rating", _("Highest rated")
    COMPLETED = "completed", _("Most jobs completed")
    RECENT = "recent", _("Recently active")


@dataclass(frozen=True)
class WorkerSearchParams:
    """What a worker search asks for; every field optional."""

    keyword: str = ""
    category_ids: tuple[int, ...] = ()
    genders: tuple[str, ...] = ()
    prefectures: tuple[int, ...] = ()
    age_bands: tuple[int, ...] = ()
    min_rating: float | None = None
    verified_only: bool = False
    scouts_only: bool = False
    # Workers holding a worker tier (認定ワーカー or above) only.
    tiered_only: bool = False
    sort: str = WorkerSort.RELEVANCE
    exclude_user_id: int | None = None
    today: datetime.date | None = field(default=None, compare=False)


def searchable_workers() -> QuerySet[WorkerProfile]:
    """Every worker who may be found or scouted at all: the single exclusion point.

    Inactive, suspended and permanently restricted accounts never appear (the one effect check
    is `enforcement.selectors.visible_q`), and every search path follows.
    """
    return WorkerProfile.objects.filter(visible_q("profile", "user"), user__is_active=True)


def access_worker_profile(viewer: User | AnonymousUser | None, user_id: int) -> WorkerProfile:
    """The public worker profile of an active user, with its user; 404 otherwise.

    Worker profiles are public. What a worker hides (gender, age) is hidden by the profile's
    `public_gender` / `public_age_band`, which templates must use instead of the raw fields.
    """
    profile = (
        searchable_workers()
        .select_related("user", f"user__{TIER_JOIN}")  # the tier badge, without a query
        .filter(user_id=user_id)
        .first()
    )
    if profile is None:
        raise Http404("no such worker")
    return profile


def worker_category_record(worker: User) -> list[WorkerCategoryStat]:
    """Completed contracts per category: each main category followed by its subcategories.

    Main categories in taxonomy order; within one, the subcategories most completed first.
    """
    stats = list(
        WorkerCategoryStat.objects.filter(worker=worker, completed_count__gt=0).select_related(
            "category", "category__parent"
        )
    )

    def key(stat: WorkerCategoryStat) -> tuple[int, int, int, int]:
        main = stat.category.parent or stat.category
        return (main.position, main.pk, 0 if stat.category.is_main else 1, -stat.completed_count)

    return sorted(stats, key=key)


def worker_reviews_from_clients(worker: User, *, limit: int = 10) -> list:
    """The latest reviews clients left for this worker."""
    return list(
        Review.objects.filter(reviewee=worker, direction=Direction.CLIENT_TO_WORKER)
        .select_related("reviewer", "contract")
        .order_by("-created_at", "-id")[:limit]
    )


# --- the taxonomy, cached: the filter form and every card read it on every search --------------


@dataclass(frozen=True)
class CategoryEntry:
    pk: int
    parent_id: int | None
    name_ja: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang.startswith("en") else self.name_ja


def category_entries() -> list[CategoryEntry]:
    """Every category in taxonomy order (mains, each followed by its subcategories), cached.

    The taxonomy is a data migration edited rarely in the admin, so a few minutes of staleness
    is fine and saves the search page a query.
    """
    entries = cache.get(CATEGORY_CACHE_KEY)
    if entries is None:
        rows = list(Category.objects.order_by("position", "id"))
        mains = [c for c in rows if c.parent_id is None]
        entries = []
        for main in mains:
            entries.append(CategoryEntry(main.pk, None, main.name_ja, main.name_en))
            entries += [
                CategoryEntry(c.pk, c.parent_id, c.name_ja, c.name_en)
                for c in rows
                if c.parent_id == main.pk
            ]
        cache.set(CATEGORY_CACHE_KEY, entries, CATEGORY_CACHE_SECONDS)
    return entries


def few_workers_completed_in(category_ids: list[int]) -> bool:
    """Whether at most SMALL_CATEGORY_WORKERS workers completed something in these categories.

    Chooses between two plans for a category filter (start from the category's workers, or
    walk the sort order and check each one). The probe reads at most that many entries of the
    stat_category_count index, and its answer is cached for an hour: sizes drift slowly and a
    stale answer only costs speed, never correctness.
    """
    key = f"{CATEGORY_SIZE_CACHE_PREFIX}{','.join(map(str, category_ids))}"
    small = cache.get(key)
    if small is None:
        probe = WorkerCategoryStat.objects.filter(
            category_id__in=category_ids, completed_count__gt=0
        )[: SMALL_CATEGORY_WORKERS + 1]
        small = probe.count() <= SMALL_CATEGORY_WORKERS
        cache.set(key, small, CATEGORY_SIZE_CACHE_SECONDS)
    return small


def keyword_terms(keyword: str) -> list[str]:
    return [t for t in KEYWORD_SPLIT.split(keyword.strip()) if t][:KEYWORD_MAX_TERMS]


def has_trigram(term: str) -> bool:
    """Whether the trigram index can look this term up (it holds three letters or digits)."""
    return TRIGRAM_RUN.search(term) is not None


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier; 29 February becomes the 28th in other years."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_date_range(band: int, today: datetime.date, *, prefix: str = "") -> Q:
    """Birth dates of people whose age today falls in `band` (10 = under 20, 60 = 60 and over).

    Someone is at least N years old iff born on or before the day N years ago, which makes an
    age band a birth-date range an index on birth_date serves.
    """
    q = Q()
    if band != AgeBand.TEENS:
        q &= Q(**{f"{prefix}birth_date__lte": years_before(today, band)})
    if band != AgeBand.SIXTY_PLUS:
        q &= Q(**{f"{prefix}birth_date__gt": years_before(today, band + 10)})
    return q


def covering_categories(category_ids) -> list[int]:
    """The selected categories minus subcategories whose main category is also selected.

    A main category's count already includes its subcategories', so keeping both would count
    the same contract twice in relevance.
    """
    selected = set(category_ids)
    parent = {e.pk: e.parent_id for e in category_entries()}
    return sorted(pk for pk in selected if pk in parent and parent[pk] not in selected)


def search_workers(params: WorkerSearchParams | None = None, **kwargs) -> WorkerSearch:
    """Worker search for scouting: searchable workers matching every filter, sorted.

    Privacy: a gender filter only ever matches workers who show their gender, an age-band filter
    only those who show their age; nothing sorts by either, so neither leaks through order.
    Categories match workers who completed a contract in any selected one (main or sub).
    """
    if params is None:
        params = WorkerSearchParams(**kwargs)
    return WorkerSearch(params)


class WorkerSearch:
    """One search, read a slice at a time: ordered worker ids, then their profiles.

    The ids come from `WorkerSearchRow` alone (one table, one index per sort, so a page stops
    after 21 matching index entries) or, for relevance with one category, from walking that
    category's counters in order and checking each worker's row. The page's profiles are then
    read by id through `searchable_workers()` with the gender and age conditions applied again
    to the live profile: a row that is not yet refreshed can make a page one shorter, but can
    never show an excluded worker or match a hidden attribute.
    """

    def __init__(self, params: WorkerSearchParams) -> None:
        self.params = params
        self.today = params.today or timezone.localdate()
        self.category_ids = covering_categories(params.category_ids)
        self.genders = sorted({g for g in params.genders if g in FILTERABLE_GENDERS})
        self.age_bands = sorted({b for b in params.age_bands if b in AgeBand.values})

    def worker_ids(self) -> QuerySet:
        """Matching worker ids in sort order (a lazy queryset: slice it for a page).

        This is the index walk: it stops after a page of matches, so it is fast unless few
        entries match, which `page_ids` avoids for a keyword on PostgreSQL.
        """
        return self._ordered()[0].values_list("worker_id", flat=True)

    def page_ids(self, start: int, stop: int) -> list[int]:
        """The worker ids at positions start…stop-1 of the results, in sort order.

        A keyword is a substring match no B-tree serves, so walking a sort index for a term
        few workers have reads the whole index (2.1–2.7 s at 1M workers on PostgreSQL). There,
        when a term has a trigram, one statement holds both ways, each behind a gate on whether
        the rows matching every search-row condition (keyword and filters, not categories),
        read through the trigram index `wsr_pg_haystack_trgm`, at most KEYWORD_FEW_MATCHES + 1
        of them, are few:
        few → sort just those (that are also in the categories) and take the page;
        many → walk the sort index as without a keyword (see `_row_conditions`, `walk`),
        which meets a page of matches early.
        PostgreSQL evaluates each gate once (an InitPlan) and skips the branch whose gate is
        false. Both ways return the plain walk's ids (a test checks it), in one statement, so
        the page's query count does not change. SQLite, and keywords with no trigram (翻訳),
        always walk. Costs and what is left: docs/worker-search.md, **Keyword**.
        """
        terms = keyword_terms(self.params.keyword)
        vendor = connections[WorkerSearchRow.objects.db].vendor
        if vendor != "postgresql" or not any(has_trigram(t) for t in terms):
            return list(self.worker_ids()[start:stop])
        # Every condition on the search row (not categories), the keyword through the index.
        matches = WorkerSearchRow.objects.filter(self._row_conditions("")).values("worker_id")
        many = Exists(matches[KEYWORD_FEW_MATCHES : KEYWORD_FEW_MATCHES + 1])
        sorted_few, keys = self._ordered(~many, worker_id__in=matches[:KEYWORD_FEW_MATCHES])
        walked, _ = self._ordered(many, walk=True)
        rows = sorted_few.values_list(*keys)[start:stop].union(
            walked.values_list(*keys)[start:stop], all=True
        )
        # Only one branch returns rows, already in order; sorting them here (every key is
        # descending and ends in the worker id) keeps the order without relying on UNION ALL.
        return [row[-1] for row in sorted(rows, reverse=True)]

    def _ordered(
        self, *restrict, walk: bool = False, **restrict_lookups
    ) -> tuple[QuerySet, list[str]]:
        """The matching rows in sort order, and the sort keys (all descending, worker id last).

        The rows are search rows, or category counters for relevance with categories; both
        have `worker_id`, which `restrict` (extra filters) may use. `walk`: see
        `_row_conditions`.
        """
        params = self.params
        if params.sort in (WorkerSort.RATING, WorkerSort.COMPLETED, WorkerSort.RECENT):
            sort = params.sort
        else:
            sort = WorkerSort.RELEVANCE
        if sort == WorkerSort.RELEVANCE and self.category_ids:
            return self._by_category_relevance(*restrict, walk=walk, **restrict_lookups)
        rows = WorkerSearchRow.objects.filter(
            self._row_conditions("", walk=walk), *restrict, **restrict_lookups
        )
        if self.category_ids:
            completed_in = WorkerCategoryStat.objects.filter(
                category_id__in=self.category_ids, completed_count__gt=0
            )
            if few_workers_completed_in(self.category_ids):
                # Few workers: start from them (the IN list drives) and sort those few.
                rows = rows.filter(worker_id__in=completed_in.values("worker_id"))
            else:
                # Many: walk the sort index; each row passing the other filters is checked
                # against the unique (worker, category) index, until a page is full.
                rows = rows.filter(Exists(completed_in.filter(worker_id=OuterRef("worker_id"))))
        order: tuple[str, ...]
        if sort == WorkerSort.RATING:
            order = ("-rating_key", "-rating_count", "-worker_id")
        elif sort == WorkerSort.RECENT:
            order = ("-last_active_at", "-worker_id")
        else:  # completed, and relevance without categories
            order = ("-completed_count", "-rating_key", "-worker_id")
        return rows.order_by(*order), [o.removeprefix("-") for o in order]

    def _by_category_relevance(
        self, *restrict, walk: bool = False, **restrict_lookups
    ) -> tuple[QuerySet, list[str]]:
        """Contracts completed in the selected categories, then rating, then worker id."""
        stats = WorkerCategoryStat.objects.filter(
            self._row_conditions("search_row__", walk=walk),
            *restrict,
            category_id__in=self.category_ids,
            completed_count__gt=0,
            **restrict_lookups,
        )
        if len(self.category_ids) == 1:
            # Walks stat_category_count (category, completed_count DESC) and stops after a page.
            order = ("-completed_count", "-search_row__rating_key", "-worker_id")
            return stats.order_by(*order), [o.removeprefix("-") for o in order]
        order = ("-relevance", "-search_row__rating_key", "-worker_id")
        return (
            stats.values("worker_id").annotate(relevance=Sum("completed_count")).order_by(*order),
            [o.removeprefix("-") for o in order],
        )

    def _row_conditions(self, prefix: str, *, walk: bool = False) -> Q:
        """Every filter but categories, on WorkerSearchRow columns (through `prefix`).

        `walk` (PostgreSQL, when the keyword is known to match many): the same match written
        as `STRPOS(UPPER(haystack), UPPER(term)) > 0`, which the trigram index cannot serve and
        the planner estimates as common (a third of the rows per term), so it walks the sort
        index and stops after a page. For `LIKE` it guesses a fixed, tiny selectivity (≈ 120 of
        1.2M rows per term, and the product for several): with the index it then read and sorted
        all of a common term's matches (125k for デザイナー: 170 ms instead of 2 ms), and for two
        terms it chose a sequential scan and a sort.
        """
        params = self.params

        def q(**lookups) -> Q:
            return Q(**{prefix + name: value for name, value in lookups.items()})

        cond = q(is_searchable=True)
        if params.exclude_user_id is not None:
            cond &= ~q(worker_id=params.exclude_user_id)
        for term in keyword_terms(params.keyword):
            if walk:
                found_at = StrIndex(Upper(prefix + "haystack"), Upper(Value(term)))
                cond &= Q(GreaterThan(found_at, 0))
            else:
                cond &= q(haystack__icontains=term)
        if self.genders:
            # The row holds a gender only while the worker shows it.
            cond &= q(gender__in=self.genders)
        if params.prefectures:
            cond &= q(prefecture__in=sorted(set(params.prefectures)))
        if self.age_bands:
            # The row holds a birth date only while the worker shows their age.
            ranges = Q()
            for band in self.age_bands:
                ranges |= birth_date_range(band, self.today, prefix=prefix)
            cond &= q(birth_date__isnull=False) & ranges
        if params.min_rating is not None:
            cond &= q(rating_key__gte=round(params.min_rating * 100))
        if params.verified_only:
            cond &= q(identity_verified=True)
        if params.scouts_only:
            cond &= q(accepts_scouts=True)
        if params.tiered_only:
            cond &= Q(Exists(holds_a_tier(OuterRef(prefix + "worker_id"))))
        return cond

    def profiles(self, worker_ids: list[int]) -> list[WorkerProfile]:
        """The profiles (with users) of these workers, in this order, checked live.

        Goes through `searchable_workers()` and applies the gender and age filters to the live
        profile again, so privacy never rests on the search row being current.
        """
        if not worker_ids:
            return []
        live = (
            searchable_workers()
            .select_related("user", f"user__{TIER_JOIN}")  # the tier badge, without a query
            .filter(user_id__in=worker_ids)
        )
        if self.genders:
            live = live.filter(show_gender=True, gender__in=self.genders)
        if self.age_bands:
            ranges = Q()
            for band in self.age_bands:
                ranges |= birth_date_range(band, self.today)
            live = live.filter(Q(show_age=True, birth_date__isnull=False) & ranges)
        found = {p.user_id: p for p in live}
        return [found[pk] for pk in worker_ids if pk in found]

    def __getitem__(self, index: slice) -> list[WorkerProfile]:
        if index.step is not None or index.start is None or index.stop is None:
            return self.profiles(list(self.worker_ids()[index]))
        return self.profiles(self.page_ids(index.start, index.stop))

    def __iter__(self) -> Iterator[WorkerProfile]:
        return iter(self[:])


def first_page(search: WorkerSearch, page_number: int) -> tuple[list[WorkerProfile], bool]:
    """One page of PAGE_SIZE and whether there is another: 21 ids, then 20 profiles (no COUNT).

    Counting every match costs more than the page itself on a broad search, and a total is not
    needed to page through results.
    """
    start = (page_number - 1) * PAGE_SIZE
    ids = search.page_ids(start, start + PAGE_SIZE + 1)
    return search.profiles(ids[:PAGE_SIZE]), len(ids) > PAGE_SIZE


def top_category_counts(
    worker_ids: list[int], lang: str = "ja", *, limit: int = CARD_CATEGORY_COUNT
) -> dict[int, list[tuple[str, int]]]:
    """For each worker, their most completed subcategories (name, count), in one query."""
    if not worker_ids:
        return {}
    subcategories = {e.pk: e for e in category_entries() if e.parent_id is not None}
    rows = (
        WorkerCategoryStat.objects.filter(
            worker_id__in=worker_ids,
            category_id__in=list(subcategories),
            completed_count__gt=0,
        )
        .order_by("worker_id", "-completed_count", "category_id")
        .values_list("worker_id", "category_id", "completed_count")
    )
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for worker_id, category_id, count in rows:
        if len(found[worker_id]) < limit:
            found[worker_id].append((subcategories[category_id].name(lang), count))
    return dict(found)


# --- scouts ------------------------------------------------------------------------------------


def scout_daily_quota(client: User) -> int:
    """How many scouts a client may send per Tokyo day; certified clients get more."""
    if is_certified(client):
        return settings.SCOUT_DAILY_QUOTA_CERTIFIED
    return settings.SCOUT_DAILY_QUOTA


def is_certified(client: User) -> bool:
    """Whether the client holds the certified-client badge (`certification.selectors`)."""
    return client.pk is not None and is_certified_client(client)


def start_of_tokyo_day(now: datetime.datetime | None = None) -> datetime.datetime:
    """Midnight of the current day in the project's time zone (Asia/Tokyo), as an aware time."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def scouts_sent_today(client: User, now: datetime.datetime | None = None) -> int:
    return Scout.objects.filter(client=client, created_at__gte=start_of_tokyo_day(now)).count()


def scouts_left_today(client: User, now: datetime.datetime | None = None) -> int:
    return max(0, scout_daily_quota(client) - scouts_sent_today(client, now))


def access_scout_target(viewer: User, worker_id: int) -> WorkerProfile:
    """The worker a client is about to scout; 404 if not findable, PermissionDenied if not a
    client."""
    if not viewer.is_authenticated or not viewer.acting_as_client:
        raise PermissionDenied("only clients send scouts")
    return access_worker_profile(viewer, worker_id)


def scouts_received(worker: User) -> QuerySet[Scout]:
    """What a worker sees: scouts delivered to them (never held or rejected ones, nor those of a
    client a restriction hides)."""
    return (
        Scout.objects.filter(worker=worker, status__in=WORKER_VISIBLE_STATUSES)
        .filter(visible_q("scout", "client"))
        .select_related("job", "client", "client__client_profile")
        .order_by("-created_at", "-id")
    )


def scouts_sent(client: User) -> QuerySet[Scout]:
    return (
        Scout.objects.filter(client=client)
        .select_related("job", "worker")
        .order_by("-created_at", "-id")
    )


def access_scout_for_worker(worker: User, scout_id: int) -> Scout:
    """A scout delivered to `worker`; 404 for anyone else's, or one they were never shown."""
    scout = scouts_received(worker).filter(pk=scout_id).first()
    if scout is None:
        raise Http404("no such scout")
    return scout


def accepted_scout_threads(worker: User, scouts: list[Scout]) -> dict[int, int]:
    """job id → thread id for the accepted scouts on a page, in one query."""
    job_ids = [s.job_id for s in scouts if s.status == ScoutStatus.ACCEPTED]
    if not job_ids:
        return {}
    return dict(
        Thread.objects.filter(worker=worker, job_id__in=job_ids).values_list("job_id", "id")
    )
