"""Every write in workers: completion counters, scouts and the filter-usage record."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Round
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.accounts.models import IdentityStatus, User, WorkerProfile
from yorozu.blocks.selectors import refuse_if_contact_blocked
from yorozu.core.errors import Refused
from yorozu.core.staff import REVIEW, require_staff_permission
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.messaging.actions import ensure_thread, post_message
from yorozu.messaging.screening import scout_context
from yorozu.notifications.actions import do_notify, render_for
from yorozu.trust.screening import (
    Screening,
    apply_verdict,
    check_slowdown,
    do_clear_screening,
    refuse_if_blocked,
    screen,
)
from yorozu.workers.models import (
    NEVER_ACTIVE,
    UNRATED,
    FilterUsageDaily,
    Scout,
    ScoutEvent,
    ScoutStatus,
    WorkerCategoryStat,
    WorkerSearchRow,
)
from yorozu.workers.selectors import (
    FILTERABLE_GENDERS,
    scout_daily_quota,
    scouts_sent_today,
    searchable_workers,
)

SCOUT_MAX_LENGTH = 2000


# --- completed-contract counters -------------------------------------------------------------


def _categories_counted_for(contract) -> list[int]:
    """A completion counts under the contract's category and, for a subcategory, its parent."""
    category = contract.category
    ids = [category.pk]
    if category.parent_id is not None:
        ids.append(category.parent_id)
    return ids


def _increment(worker_id: int, category_id: int) -> None:
    """Upsert one counter with an F() increment, safe against a concurrent first insert."""
    rows = WorkerCategoryStat.objects.filter(worker_id=worker_id, category_id=category_id)
    if rows.update(completed_count=F("completed_count") + 1):
        return
    try:
        with transaction.atomic():
            WorkerCategoryStat.objects.create(
                worker_id=worker_id, category_id=category_id, completed_count=1
            )
    except IntegrityError:  # someone created it between our UPDATE and INSERT
        rows.update(completed_count=F("completed_count") + 1)


@transaction.atomic
def do_record_completed_contract(contract) -> None:
    """Count one completed contract for its worker, in its subcategory and main category.

    Called by the contract-completion action inside its transaction; `rebuild_worker_stats`
    recomputes the same numbers from scratch and must agree with it.
    """
    for category_id in _categories_counted_for(contract):
        _increment(contract.worker_id, category_id)
    do_refresh_worker_search_rows([contract.worker_id])


# --- search rows ------------------------------------------------------------------------------

# WorkerSearchRow columns, in the order the source query selects them.
SEARCH_ROW_COLUMNS = (
    "worker_id",
    "is_searchable",
    "gender",
    "birth_date",
    "prefecture",
    "rating_key",
    "rating_count",
    "completed_count",
    "last_active_at",
    "accepts_scouts",
    "identity_verified",
    "haystack",
)


def _search_row_source(profiles: QuerySet[WorkerProfile]) -> tuple[str, tuple]:
    """SELECT (sql, params) of the search rows of these profiles, in SEARCH_ROW_COLUMNS order.

    `is_searchable` is `searchable_workers()` itself, evaluated per profile, so whatever that
    function excludes the rows exclude too. Hidden gender and age become NULL here.
    """
    source = profiles.order_by().annotate(
        **{
            "s_worker_id": F("user_id"),
            "s_is_searchable": Exists(searchable_workers().filter(pk=OuterRef("pk"))),
            "s_gender": Case(
                When(show_gender=True, gender__in=FILTERABLE_GENDERS, then=F("gender")),
                default=Value(None),
                output_field=CharField(),
            ),
            "s_birth_date": Case(
                When(show_age=True, then=F("birth_date")),
                default=Value(None),
                output_field=DateField(),
            ),
            "s_prefecture": F("prefecture"),
            "s_rating_key": Case(
                When(rating_avg__isnull=True, then=Value(UNRATED)),
                default=Cast(Round(F("rating_avg") * 100), IntegerField()),
                output_field=IntegerField(),
            ),
            "s_rating_count": F("rating_count"),
            "s_completed_count": F("completed_count"),
            "s_last_active_at": Coalesce(
                F("user__last_active_at"), Value(NEVER_ACTIVE, output_field=DateTimeField())
            ),
            "s_accepts_scouts": F("accepts_scouts"),
            "s_identity_verified": Case(
                When(user__identity_status=IdentityStatus.VERIFIED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            "s_haystack": Concat(
                "user__display_name",
                Value("\n"),
                "headline",
                Value("\n"),
                "skills",
                Value("\n"),
                "bio",
                output_field=TextField(),
            ),
        }
    )
    names = [f"s_{column}" for column in SEARCH_ROW_COLUMNS]
    return source.values_list(*names).query.sql_with_params()


def _insert_search_rows(profiles: QuerySet[WorkerProfile], *, upsert: bool) -> None:
    qn = connection.ops.quote_name
    table = qn(WorkerSearchRow._meta.db_table)
    columns = ", ".join(qn(c) for c in SEARCH_ROW_COLUMNS)
    select, params = _search_row_source(profiles)
    sql = f"INSERT INTO {table} ({columns}) {select}"
    if upsert:
        updates = ", ".join(f"{qn(c)} = excluded.{qn(c)}" for c in SEARCH_ROW_COLUMNS[1:])
        sql += f" ON CONFLICT ({qn('worker_id')}) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def do_refresh_worker_search_rows(worker_ids) -> None:
    """Recompute the search rows of these workers (user ids) from their profile and account.

    The one writer of WorkerSearchRow. Every action that changes something search filters or
    sorts on calls it for the workers it touched, in its own transaction: profile edits, rating
    recomputation, contract completion, activity, identity decisions, staff edits, and the
    enforcement issue's restrictions (which change what `searchable_workers()` excludes).
    One INSERT … SELECT … ON CONFLICT DO UPDATE statement (SQLite and PostgreSQL), so it is
    safe against a concurrent refresh of the same worker.
    """
    ids = sorted({int(pk) for pk in worker_ids})
    if ids:
        _insert_search_rows(WorkerProfile.objects.filter(user_id__in=ids), upsert=True)


@transaction.atomic
def rebuild_worker_search_rows() -> int:
    """Replace every search row, from every worker profile; the same rows the refresh writes."""
    WorkerSearchRow.objects.all().delete()
    _insert_search_rows(WorkerProfile.objects.all(), upsert=False)
    return WorkerSearchRow.objects.count()


# --- filter usage (aggregated, never per person) ---------------------------------------------


def do_record_filter_usage(
    *,
    searcher_id: int,
    genders: list[str],
    age_bands: list[int],
    day: datetime.date | None = None,
) -> None:
    """Add one to today's count for each gender and age-band value a search filtered on, once
    per person and day: repeating a search (or reloading it) counts nothing more.

    Who already counted a value today is remembered in the shared cache until the day ends,
    under a keyed hash of the person and the day (not their id), and never in the database: the
    table holds counts only. One INSERT … ON CONFLICT DO UPDATE (SQLite and PostgreSQL alike)
    for the new values, so concurrent searches never lose a count.
    """
    values = [("gender", g) for g in sorted(set(genders)) if g in FILTERABLE_GENDERS]
    values += [("age_band", str(b)) for b in sorted(set(age_bands))]
    if not values:
        return
    day = day or timezone.localdate()
    values = [v for v in values if _first_use_today(searcher_id, day, *v)]
    if not values:
        return
    table = connection.ops.quote_name(FilterUsageDaily._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, 1)"] * len(values))
    params: list[datetime.date | str] = []
    for name, value in values:
        params += [day, name, value]
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("date", "filter", "value", "count") VALUES {rows} '
            f'ON CONFLICT ("date", "filter", "value") '
            f'DO UPDATE SET "count" = {table}."count" + 1',
            params,
        )


def _first_use_today(searcher_id: int, day: datetime.date, name: str, value: str) -> bool:
    """True the first time today this person filters on this value (an atomic cache add)."""
    person = hmac.new(
        settings.SECRET_KEY.encode(), f"{searcher_id}:{day.isoformat()}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    end_of_day = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    seconds = max(60, int((end_of_day - timezone.now()).total_seconds()) + 60)
    return cache.add(f"workers:filter-use:{day.isoformat()}:{person}:{name}:{value}", 1, seconds)


# --- scouts ----------------------------------------------------------------------------------


class ScoutRefused(Refused):
    """A scout that was not stored or not changed; `message` tells the user why. (A text the
    screening door refuses raises `trust.screening.Blocked` instead, with its reasons.)"""

    default_code = "scout_refused"


def _reasons_as_data(screening: Screening) -> list[dict]:
    return [
        {
            "code": r.code,
            "message_ja": r.message_ja,
            "message_en": r.message_en,
            "start": r.start,
            "end": r.end,
        }
        for r in screening.assessment.reasons
    ]


def clean_scout_message(message: str) -> str:
    message = (message or "").strip()
    if not message:
        raise ScoutRefused(_("Please write a message to the worker."))
    if len(message) > SCOUT_MAX_LENGTH:
        raise ScoutRefused(
            _("A scout message can be at most 2,000 characters (this one has %(count)s).")
            % {"count": f"{len(message):,}"}
        )
    if "\x00" in message:
        raise ScoutRefused(_("The message contains characters that cannot be sent."))
    return message


def _event(scout: Scout, event_type: str, actor: User, **data) -> None:
    ScoutEvent.objects.create(scout=scout, actor=actor, event_type=event_type, data=data)


def _notify_worker_of_scout(scout: Scout) -> None:
    params = {"name": scout.client.display_name, "job": scout.job.title}
    do_notify(
        scout.worker,
        kind="scout",
        title=_("You have a scout from %(name)s"),
        body=_("%(name)s invites you to propose on “%(job)s”. Sign in to yorozu to answer."),
        params=params,
        url=reverse("workers:scouts"),
    )


def do_send_scout(*, client: User, worker: User, job, message: str, actor: User) -> Scout:
    """Send a scout about one of `client`'s open jobs to `worker`, through the screening door.

    Refused (ScoutRefused, nothing stored) when: the job is not the client's or not open, the
    worker cannot be found or has turned scouts off, the same worker was already scouted for
    the job, or today's quota (Asia/Tokyo day) is used up; refused with `Blocked` when screening
    blocks the text (the attempt is recorded and counts toward the slow-down, as a blocked
    message does). A held scout is stored but not delivered and opens a case in the console's
    messages queue; a warned one is delivered with its reasons.
    """
    if actor.pk != client.pk:
        raise PermissionDenied("a client sends their own scouts")
    admit(client, "scout")
    if job.client_id != client.pk:
        raise PermissionDenied("scouts are about the client's own jobs")
    _check_can_scout(client)
    message = clean_scout_message(message)
    _check_worker(client, worker, job)
    check_slowdown(client)
    screened = screen("scout", message, author=client, context=scout_context(job))
    refuse_if_blocked(screened, author=client, actor=actor)
    return _send_scout(client=client, worker=worker, job=job, screened=screened, actor=actor)


def _check_can_scout(client: User) -> None:
    if not can_use(client, "scout"):
        raise ScoutRefused(restricted_message("scout"), "restricted", status=403)
    if not can_use(client, "post"):  # their postings are hidden, so none can be scouted for
        raise ScoutRefused(restricted_message("post"), "restricted", status=403)


def _check_worker(client: User, worker: User, job) -> None:
    if worker.pk == client.pk:
        raise ScoutRefused(_("You cannot scout yourself."))
    refuse_if_contact_blocked(client, worker.pk)
    if not open_jobs_of_client(client).filter(pk=job.pk).exists():
        raise ScoutRefused(_("This job is no longer open, so it cannot be used for a scout."))
    profile = searchable_workers().filter(user_id=worker.pk).first()
    if profile is None:
        raise ScoutRefused(_("This worker cannot be scouted."))
    if not profile.accepts_scouts:
        raise ScoutRefused(_("This worker does not accept scouts."))


@transaction.atomic(durable=True)
def _send_scout(*, client: User, worker: User, job, screened: Screening, actor: User) -> Scout:
    # The client's row is locked first, so two scouts sent at once cannot both take the last
    # place in the quota.
    User.objects.select_for_update().filter(pk=client.pk).first()
    _check_can_scout(client)
    _check_worker(client, worker, job)
    if Scout.objects.filter(job=job, worker=worker).exists():
        raise ScoutRefused(_("You have already scouted this worker for this job."))
    quota = scout_daily_quota(client)
    if scouts_sent_today(client) >= quota:
        raise ScoutRefused(
            _(
                "You have sent today's %(quota)s scouts. You can send more after midnight "
                "(Japan time)."
            )
            % {"quota": quota},
            "quota",
            status=429,
        )
    held = screened.verdict == "hold"
    try:
        with transaction.atomic():
            scout = Scout.objects.create(
                client=client,
                worker=worker,
                job=job,
                message=screened.text,
                status=ScoutStatus.HELD if held else ScoutStatus.SENT,
                verdict=screened.verdict,
                score=screened.assessment.score,
                reasons=_reasons_as_data(screened),
            )
    except IntegrityError:
        raise ScoutRefused(_("You have already scouted this worker for this job.")) from None
    _event(scout, "held" if held else "sent", actor, verdict=screened.verdict)
    apply_verdict(screened, content=scout, author=client, actor=actor)
    if not held:
        _notify_worker_of_scout(scout)
    return scout


def _lock_scout(scout: Scout) -> Scout:
    return (
        Scout.objects.select_for_update().select_related("job", "client", "worker").get(pk=scout.pk)
    )


@transaction.atomic(durable=True)
def do_accept_scout(scout: Scout, *, actor: User):
    """The worker accepts: the thread opens with the scout as its first message.

    Returns the thread. The scout's text was screened as the scout when it was sent, so it is
    posted as it is (delivered, or with its caution), once; the client is told on commit. A
    client who can no longer message or scout has their scouts withdrawn: accepting one is
    refused, nothing changes.
    """
    if actor.pk != scout.worker_id:
        raise PermissionDenied("only the scouted worker answers a scout")
    scout = _lock_scout(scout)
    if scout.status != ScoutStatus.SENT:
        raise ScoutRefused(_("This scout has already been answered."))
    if not (can_use(scout.client, "message") and can_use(scout.client, "scout")):
        raise ScoutRefused(_("This scout has been withdrawn. You can still decline it."))
    refuse_if_contact_blocked(scout.worker, scout.client_id)
    if not scout.job.accepting_proposals:
        raise ScoutRefused(_("This job is no longer open. You can still decline the scout."))
    scout.status = ScoutStatus.ACCEPTED
    scout.decided_at = timezone.now()
    scout.save(update_fields=["status", "decided_at"])
    thread = ensure_thread(scout.job, scout.worker)
    post_message(
        thread=thread,
        sender=scout.client,
        body=scout.message,
        stored=_stored_of(scout),
        warned=scout.verdict == "warn",
    )
    _event(scout, "accepted", actor, thread=thread.pk)
    params = {"name": scout.worker.display_name, "job": scout.job.title}
    do_notify(
        scout.client,
        kind="scout_accepted",
        title=_("%(name)s accepted your scout"),
        body=_("%(name)s accepted your scout for “%(job)s”. A message thread is open."),
        params=params,
        url=reverse("messaging:thread", args=[thread.pk]),
    )
    return thread


def _stored_of(scout: Scout) -> dict:
    if scout.verdict == "allow" or not scout.reasons:
        return {}
    return {"verdict": scout.verdict, "score": scout.score, "reasons": list(scout.reasons)}


@transaction.atomic(durable=True)
def do_decline_scout(scout: Scout, *, actor: User) -> Scout:
    """The worker declines; the client is told, politely and without a reason."""
    if actor.pk != scout.worker_id:
        raise PermissionDenied("only the scouted worker answers a scout")
    scout = _lock_scout(scout)
    if scout.status != ScoutStatus.SENT:
        raise ScoutRefused(_("This scout has already been answered."))
    scout.status = ScoutStatus.DECLINED
    scout.decided_at = timezone.now()
    scout.save(update_fields=["status", "decided_at"])
    _event(scout, "declined", actor)
    params = {"name": scout.worker.display_name, "job": scout.job.title}
    do_notify(
        scout.client,
        kind="scout_declined",
        title=_("%(name)s declined your scout"),
        body=_("%(name)s declined your scout for “%(job)s”. Try other workers who fit."),
        params=params,
        url=reverse("workers:scouts_sent"),
    )
    return scout


@transaction.atomic
def do_release_held_scout(scout: Scout, *, actor: User) -> bool:
    """The secretariat lets a held scout through: it is delivered now. False if not held."""
    require_staff_permission(actor, REVIEW, about=[scout.client_id])
    scout = _lock_scout(scout)
    if scout.status != ScoutStatus.HELD:
        return False
    scout.status = ScoutStatus.SENT
    scout.save(update_fields=["status"])
    do_clear_screening(scout)
    _event(scout, "released", actor)
    _notify_worker_of_scout(scout)
    return True


@transaction.atomic
def do_reject_held_scout(
    scout: Scout, *, actor: User, reason: str = "", statuses=(ScoutStatus.HELD,)
) -> bool:
    """The secretariat refuses a held scout: it is never delivered. False if not held.

    The client is told, with the reviewer's `reason` when there is one.
    """
    require_staff_permission(actor, REVIEW, about=[scout.client_id])
    scout = _lock_scout(scout)
    if scout.status not in statuses:
        return False
    scout.status = ScoutStatus.REJECTED
    scout.decided_at = timezone.now()
    scout.save(update_fields=["status", "decided_at"])
    _event(scout, "rejected", actor)
    body = render_for(
        scout.client,
        _(
            "The secretariat reviewed your scout for “%(job)s” and did not deliver it, "
            "because it did not follow the guidelines."
        ),
        {"job": scout.job.title},
    )
    do_notify(
        scout.client,
        kind="scout_rejected",
        title=_("Your scout was not delivered"),
        body=body + (f"\n{reason}" if reason else ""),
        url=reverse("workers:scouts_sent"),
    )
    return True


def do_take_down_scout(scout: Scout, *, actor: User, reason: str = "") -> bool:
    """An upheld report withdraws a scout the worker already has (or one still held)."""
    return do_reject_held_scout(
        scout, actor=actor, reason=reason, statuses=(ScoutStatus.HELD, ScoutStatus.SENT)
    )
