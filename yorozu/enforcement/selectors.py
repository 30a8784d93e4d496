"""Reads for enforcement, and THE one place a restriction's effect is decided.

Every path that sends, posts, scouts or lists people's content asks here: `can_use(user,
feature)` before a write, `is_suspended(user)` for the whole-site lock, and
`visible_users_q(field)` to drop the content of hidden accounts from a list. Nothing else in the
project reads `Restriction` rows to decide an effect.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from yorozu.enforcement.models import (
    BLOCKING_LEVELS,
    Appeal,
    AppealStatus,
    EnforcementLog,
    Feature,
    Report,
    ReportStatus,
    Restriction,
    RestrictionLevel,
    Strike,
    active_restriction_q,
)
from yorozu.moderation.models import CaseQueue, CaseStatus, ModerationCase
from yorozu.moderation.registry import kind_named, kind_of

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from yorozu.accounts.models import User

# How many reports one person may file in REPORT_RATE_WINDOW.
REPORT_RATE_LIMIT = 10
REPORT_RATE_WINDOW = datetime.timedelta(hours=1)


def active_restrictions(user) -> QuerySet[Restriction]:
    """The restrictions in force on `user` now (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return Restriction.objects.none()
    return Restriction.objects.filter(active_restriction_q(), user_id=user.pk)


def _active_levels(user) -> list[tuple[str, list[str]]]:
    """(level, withdrawn features) of each restriction in force on `user` (one query).

    Deliberately not cached on the user object: a restriction imposed or lifted a moment ago
    takes effect on the very next check.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        (r.level, r.features)
        for r in active_restrictions(user).only("level", "no_message", "no_post", "no_scout")
    ]


def is_suspended(user) -> bool:
    """Suspended or permanently restricted: may only read the notice and appeal."""
    return any(level in BLOCKING_LEVELS for level, _features in _active_levels(user))


def can_use(user, feature: str) -> bool:
    """May `user` use `feature` ("message", "post", "scout") now?"""
    if feature not in Feature.values:
        raise ValueError(f"unknown feature {feature!r}")
    for level, features in _active_levels(user):
        if level in BLOCKING_LEVELS:
            return False
        if level == RestrictionLevel.LIMITED and feature in features:
            return False
    return True


RESTRICTED_MESSAGES: dict[str, _StrPromise] = {
    Feature.MESSAGE: gettext_lazy(
        "Your account cannot send messages at the moment. See the notice on your account."
    ),
    Feature.POST: gettext_lazy(
        "Your account cannot post or edit jobs at the moment. See the notice on your account."
    ),
    Feature.SCOUT: gettext_lazy(
        "Your account cannot send scouts at the moment. See the notice on your account."
    ),
}


def restricted_message(feature: str) -> _StrPromise:
    """What to tell a user refused by `can_use` (from this app's catalogue, so every caller
    says the same thing in the same words)."""
    return RESTRICTED_MESSAGES[feature]


def hidden_user_ids(*, hide_for: tuple[str, ...] = ()) -> QuerySet:
    """Ids of accounts whose content is hidden from others now (a subquery, not a list).

    Suspended and permanently restricted accounts always; with `hide_for`, also accounts
    limited in any of those features (a client barred from posting loses their listings too).
    """
    cond = Q(level__in=BLOCKING_LEVELS)
    for feature in hide_for:
        if feature not in Feature.values:
            raise ValueError(f"unknown feature {feature!r}")
        cond |= Q(level=RestrictionLevel.LIMITED, **{f"no_{feature}": True})
    return Restriction.objects.filter(active_restriction_q(), cond).values_list(
        "user_id", flat=True
    )


def visible_users_q(field: str = "", *, hide_for: tuple[str, ...] = ()) -> Q:
    """A filter that keeps rows whose `field` (a user FK path, "" for User itself) is visible.

    `Job.objects.filter(visible_users_q("client", hide_for=("post",)))` hides the postings of
    suspended, permanently restricted and posting-barred clients.
    """
    lookup = f"{field}_id__in" if field else "pk__in"
    if field.endswith("_id"):
        lookup = f"{field}__in"
    return ~Q(**{lookup: hidden_user_ids(hide_for=hide_for)})


# What a restriction hides, by kind of content. Content by a suspended or permanently restricted
# account is hidden from everyone else everywhere; content by an account limited in one of the
# features listed for its kind is hidden too (a client barred from posting loses their postings,
# a worker barred from messaging their proposals, a client barred from scouting or messaging
# the scouts a worker has not answered yet).
HIDDEN_WHEN_LIMITED: dict[str, tuple[str, ...]] = {
    "job": (Feature.POST,),
    "profile": (),
    "proposal": (Feature.MESSAGE,),
    "scout": (Feature.SCOUT, Feature.MESSAGE),
    "message": (),
    "review": (),
    "entry": (),  # a competition entry: hidden (and cannot win) while its worker is suspended
}


def visible_q(kind: str, author_field: str = "") -> Q:
    """THE filter for what others may see of `kind` content: keeps the rows whose author (at
    `author_field`, "" for User itself) no restriction hides. Every list of people's content
    applies it."""
    return visible_users_q(author_field, hide_for=HIDDEN_WHEN_LIMITED[kind])


def is_visible(kind: str, author) -> bool:
    """Whether a restriction hides `author`'s `kind` content from others now (one query).

    The same rule as `visible_q`, for one item: a page that shows one posting, profile,
    proposal or scout asks it before showing the item to anyone but its author and staff."""
    hiding = HIDDEN_WHEN_LIMITED[kind]
    for level, features in _active_levels(author):
        if level in BLOCKING_LEVELS or any(f in features for f in hiding):
            return False
    return True


# --- reports -----------------------------------------------------------------------------------


def reports_in_window(reporter, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return Report.objects.filter(reporter=reporter, created_at__gt=now - REPORT_RATE_WINDOW).count()


def existing_report(reporter, item) -> Report | None:
    ct = ContentType.objects.get_for_model(item)
    return Report.objects.filter(reporter=reporter, content_type=ct, object_id=item.pk).first()


def reporter_record(reporter_ids) -> dict[int, tuple[int, int]]:
    """{reporter: (reports decided, reports upheld)} in one query."""
    rows = (
        Report.objects.filter(reporter_id__in=list(reporter_ids))
        .exclude(status=ReportStatus.PENDING)
        .values("reporter_id")
        .annotate(decided=Count("pk"), upheld=Count("pk", filter=Q(status=ReportStatus.UPHELD)))
        .values_list("reporter_id", "decided", "upheld")
    )
    return {r: (d, u) for r, d, u in rows}


def reported_keys(user) -> set[tuple[str, int]]:
    """(target, id) of every item `user` has reported: their report links say so."""
    return set(Report.objects.filter(reporter=user).values_list("target", "object_id"))


def reports_of_user(user) -> QuerySet[Report]:
    return (
        Report.objects.filter(reporter=user)
        .select_related("subject_user")
        .order_by("-created_at", "-id")
    )


def with_item_titles(rows) -> list:
    """`rows` (reports or cases: anything with content_type and object_id) with `item_title`
    set to what the item is called (a posting's title, a person's name, a message's opening
    words, as its kind registered it), or "" when the item is gone. One query per kind."""
    rows = list(rows)
    wanted: dict[int, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.content_type_id, set()).add(row.object_id)
    titles: dict[tuple[int, int], str] = {}
    for ct_id, ids in wanted.items():
        kind = kind_of(ContentType.objects.get_for_id(ct_id))
        found = kind.model._default_manager.select_related(*kind.select_related).in_bulk(ids)
        for pk, obj in found.items():
            titles[(ct_id, pk)] = kind.title(obj)
    for row in rows:
        row.item_title = titles.get((row.content_type_id, row.object_id), "")
    return rows


def active_strike_count(user, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return Strike.objects.filter(user=user, expires_at__gt=now).count()


# --- statement of reasons and appeals ----------------------------------------------------------


def restrictions_for_statement(user) -> QuerySet[Restriction]:
    """Every restriction decision on the user, newest first, with their appeals."""
    return (
        Restriction.objects.filter(user=user).select_related("appeal").order_by("-starts_at", "-id")
    )


def access_own_restriction(user, restriction_id: int) -> Restriction:
    """A restriction on the user themself; 404 for anything else, so ids reveal nothing."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("no such restriction")
    restriction = Restriction.objects.filter(pk=restriction_id, user=user).first()
    if restriction is None:
        raise Http404("no such restriction")
    return restriction


def pending_appeals() -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(status=AppealStatus.PENDING)
        .select_related("restriction", "restriction__user", "restriction__imposed_by", "appellant")
        .order_by("created_at", "id")
    )


# --- audit log ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilters:
    event_type: str = ""
    subject_user_id: int | None = None
    actor_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def audit_log(filters: AuditFilters) -> QuerySet[EnforcementLog]:
    rows = EnforcementLog.objects.select_related("actor", "subject_user")
    if filters.event_type:
        rows = rows.filter(event_type=filters.event_type)
    if filters.subject_user_id is not None:
        rows = rows.filter(subject_user_id=filters.subject_user_id)
    if filters.actor_id is not None:
        rows = rows.filter(actor_id=filters.actor_id)
    if filters.since is not None:
        rows = rows.filter(created_at__date__gte=filters.since)
    if filters.until is not None:
        rows = rows.filter(created_at__date__lte=filters.until)
    return rows.order_by("-created_at", "-id")


# --- transparency ------------------------------------------------------------------------------


@dataclass
class QuarterFigures:
    year: int
    quarter: int
    reports_received: int = 0
    jobs_removed: int = 0
    accounts_restricted: int = 0
    appeals_received: int = 0
    appeals_upheld: int = 0
    appeals_rejected: int = 0
    median_hours_to_decision: float | None = None

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.quarter}"


def _quarter_of(moment: datetime.datetime) -> tuple[int, int]:
    local = timezone.localtime(moment)
    return local.year, (local.month - 1) // 3 + 1


def transparency_figures() -> list[QuarterFigures]:
    """Per quarter (newest first): reports, jobs removed, accounts restricted, appeals, and the
    median hours from a report to its decision. Computed from the records, never typed in.

    A job counts as removed when a report case about a job was upheld; an account as restricted
    when a restriction above a warning was imposed on it (each account once per quarter).
    """
    quarters: dict[tuple[int, int], QuarterFigures] = {}

    def q(moment) -> QuarterFigures:
        key = _quarter_of(moment)
        if key not in quarters:
            quarters[key] = QuarterFigures(*key)
        return quarters[key]

    durations: dict[tuple[int, int], list[float]] = {}
    for created, decided in Report.objects.values_list("created_at", "decided_at"):
        q(created).reports_received += 1
        if decided is not None:
            key = _quarter_of(decided)
            q(decided)
            durations.setdefault(key, []).append((decided - created).total_seconds() / 3600)
    for decided_at in EnforcementLog.objects.filter(
        event_type=EnforcementLog.Event.REPORT_DECIDED, data__upheld=True, data__target="job"
    ).values_list("created_at", flat=True):
        q(decided_at).jobs_removed += 1
    seen: set[tuple[tuple[int, int], int]] = set()
    for starts_at, user_id in Restriction.objects.exclude(
        level=RestrictionLevel.WARNING
    ).values_list("starts_at", "user_id"):
        quarter_user = (_quarter_of(starts_at), user_id)
        if quarter_user not in seen:
            seen.add(quarter_user)
            q(starts_at).accounts_restricted += 1
    for created, status in Appeal.objects.values_list("created_at", "status"):
        figures = q(created)
        figures.appeals_received += 1
        if status == AppealStatus.UPHELD:
            figures.appeals_upheld += 1
        elif status == AppealStatus.REJECTED:
            figures.appeals_rejected += 1
    for key, hours in durations.items():
        quarters[key].median_hours_to_decision = round(median(hours), 1)
    return [quarters[k] for k in sorted(quarters, reverse=True)]


# --- report targets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportItem:
    """What a report is about: the object, whose it is, its text, and how to describe it."""

    target: str
    obj: Model
    subject_user: User
    text: str
    kind: str  # the trust engine's kind for `text`
    label: str


def access_report_target(user, target: str, target_id) -> ReportItem:
    """The item `user` wants to report, if they can see it; 404 otherwise (ids reveal nothing).

    `target` names a kind of content its app registered with `moderation.registry`; the kind's
    own access check decides who may see (and so report) an item: jobs and profiles are public,
    a message only to its thread's parties (a held one only to its sender), a scout only to the
    worker it was delivered to, a proposal only to the job's client and its worker.
    """
    if not getattr(user, "is_authenticated", False):
        raise Http404("sign in to report")
    try:
        pk = int(target_id)
    except (TypeError, ValueError):
        raise Http404("no such item") from None
    if pk <= 0 or pk > 2**62:
        raise Http404("no such item")
    kind = kind_named(target)
    if kind.access is None:
        raise Http404("this kind of content is not reported")
    obj = kind.access(user, pk)
    title = kind.title(obj)
    return ReportItem(target, obj, kind.author(obj), kind.text(obj), kind.screening_kind, title)


def open_report_cases() -> QuerySet:
    """Undecided cases in the "reports" queue, most urgent first, with their report counts."""
    return (
        ModerationCase.objects.filter(queue=CaseQueue.REPORTS)
        .exclude(status=CaseStatus.DECIDED)
        .select_related("subject_user", "content_type")
        .annotate(report_count=Count("reports"))
        .order_by("-priority", "created_at", "id")
    )
