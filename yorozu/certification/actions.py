"""Every write to certification: the evaluations that grant and revoke badges and tiers.

`do_evaluate_certifications` (certified clients) and `do_evaluate_worker_tiers` (認定ワーカー and
プロ認定ワーカー) share one engine: the enabled criteria of their programmes, one aggregate query
per (metric, window) for all accounts (or for the given ones), each account judged against every
criterion. Each stores every account's result, keeps the history and tells those whose badge
changed, all in one transaction. The daily tasks, the per-account tasks after an event, and the
`evaluate_certifications` command call them.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from yorozu.accounts.models import User
from yorozu.certification import metrics
from yorozu.certification.models import (
    WORKER_TIERS,
    CertificationEvent,
    CertificationStatus,
    Criterion,
    Metric,
    Programme,
    WorkerTierEvent,
    WorkerTierStatus,
)
from yorozu.certification.selectors import enabled_criteria, enabled_worker_criteria
from yorozu.notifications.actions import do_notify, render_for

UPSERT_BATCH = 2000


@dataclass
class EvaluationResult:
    clients: int = 0
    certified: int = 0
    granted: list[int] = field(default_factory=list)
    revoked: list[int] = field(default_factory=list)
    # seconds per step ("population", each metric/window, "write")
    timings: dict[str, float] = field(default_factory=dict)


Step = Callable[[str], None]


def _metric_values(
    criteria: list[Criterion],
    population: dict[int, str],
    now: datetime.datetime,
    client_ids: list[int] | None,
    result: EvaluationResult,
    step: Step,
) -> dict[tuple[str, int], metrics.Values]:
    """Each (metric, window) the criteria use, computed once for every client."""
    computed: dict[tuple[str, int], metrics.Values] = {}
    for criterion in criteria:
        key = (criterion.metric, criterion.window_days)
        if key in computed:
            continue
        started = time.perf_counter()
        if criterion.metric == Metric.IDENTITY_VERIFIED:
            computed[key] = metrics.identity_verified(population)
        else:
            since = now - datetime.timedelta(days=criterion.window_days)
            computed[key] = metrics.WINDOWED[criterion.metric](since, now, client_ids)
        label = f"{criterion.metric}/{criterion.window_days}d"
        result.timings[label] = time.perf_counter() - started
        step(label)
    return computed


def _judge(
    criteria: list[Criterion],
    computed: dict[tuple[str, int], metrics.Values],
    user_id: int,
) -> tuple[dict[str, float | None], list[str]]:
    """One account's value for every criterion, and the codes of those not met."""
    values: dict[str, float | None] = {}
    failed: list[str] = []
    for criterion in criteria:
        table = computed[(criterion.metric, criterion.window_days)]
        value = table.get(user_id, metrics.DEFAULTS[criterion.metric])
        values[criterion.code] = value
        if not criterion.passes(value):
            failed.append(criterion.code)
    return values, failed


@transaction.atomic(durable=True)
def do_evaluate_certifications(
    *,
    now: datetime.datetime | None = None,
    client_ids: Iterable[int] | None = None,
    actor: User | None = None,
    step: Step | None = None,
) -> EvaluationResult:
    """Evaluate every client (or just `client_ids`) against the enabled criteria and store it.

    A client is certified when every enabled criterion is met (and at least one is enabled).
    A change of status writes a `CertificationEvent` with the failed criteria and notifies the
    client. `now` fixes the clock (tests travel in time with it). `actor` is None for the
    scheduled run; the history rows record what changed, not who asked.
    """
    now = now or timezone.now()
    step = step or (lambda label: None)
    ids = None if client_ids is None else sorted(set(client_ids))
    result = EvaluationResult()

    started = time.perf_counter()
    criteria = enabled_criteria()
    population = metrics.clients_to_evaluate(ids)
    result.timings["population"] = time.perf_counter() - started
    step("population")
    computed = _metric_values(criteria, population, now, ids, result, step)

    started = time.perf_counter()
    existing_rows = CertificationStatus.objects.select_for_update()
    if ids is not None:
        existing_rows = existing_rows.filter(client_id__in=ids)
    existing = {
        client_id: (certified, since)
        for client_id, certified, since in existing_rows.values_list(
            "client_id", "certified", "since"
        )
    }
    statuses: list[CertificationStatus] = []
    events: list[CertificationEvent] = []
    for client_id in population:
        values, failed = _judge(criteria, computed, client_id)
        certified = bool(criteria) and not failed
        was_certified, since = existing.get(client_id, (False, None))
        if certified and not was_certified:
            since = now
            result.granted.append(client_id)
        elif was_certified and not certified:
            since = None
            result.revoked.append(client_id)
        if certified != was_certified:
            events.append(
                CertificationEvent(
                    client_id=client_id,
                    kind=CertificationEvent.Kind.GRANTED
                    if certified
                    else CertificationEvent.Kind.REVOKED,
                    failed=failed,
                    values=values,
                    created_at=now,
                )
            )
        result.certified += certified
        statuses.append(
            CertificationStatus(
                client_id=client_id,
                certified=certified,
                since=since if certified else None,
                evaluated_at=now,
                values=values,
                failed=failed,
            )
        )
    result.clients = len(statuses)
    CertificationStatus.objects.bulk_create(
        statuses,
        batch_size=UPSERT_BATCH,
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=["certified", "since", "evaluated_at", "values", "failed"],
    )
    CertificationEvent.objects.bulk_create(events, batch_size=UPSERT_BATCH)
    _notify_changes(result, criteria, {e.client_id: e.failed for e in events})
    result.timings["write"] = time.perf_counter() - started
    step("write")
    return result


def _notify_changes(
    result: EvaluationResult, criteria: list[Criterion], failed_by_client: dict[int, list[str]]
) -> None:
    """Congratulate the new certified clients; tell those who lost the badge which criteria
    they no longer meet. In the site's language, as the recipient is not the one asking."""
    changed = result.granted + result.revoked
    if not changed:
        return
    url = reverse("certification:progress")
    by_code = {c.code: c for c in criteria}
    users = User.objects.in_bulk(changed)
    for client_id in result.granted:
        do_notify(
            users[client_id],
            kind="certification_granted",
            title=gettext_lazy("Congratulations: you are now a certified client"),
            body=gettext_lazy(
                "You meet every criterion of the certified client programme. Workers now "
                "see the certified client badge on your profile and your jobs."
            ),
            url=url,
        )
    for client_id in result.revoked:
        user = users[client_id]
        reasons = "、".join(
            render_for(user, by_code[code].label) for code in failed_by_client[client_id]
        )
        do_notify(
            user,
            kind="certification_revoked",
            title=gettext_lazy("Your certified client badge has been removed"),
            body=gettext_lazy(
                "These criteria are no longer met: %(reasons)s. The badge comes back "
                "automatically once you meet every criterion again."
            ),
            params={"reasons": reasons},
            url=url,
        )


@dataclass
class TierResult:
    workers: int = 0
    # {tier: workers holding it after the run}
    held: dict[str, int] = field(default_factory=dict)
    # (worker id, tier granted)
    granted: list[tuple[int, str]] = field(default_factory=list)
    # (worker id, tier lost, the codes of that tier's criteria no longer met)
    revoked: list[tuple[int, str, list[str]]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def tier_reached(criteria: list[Criterion], failed: list[str]) -> str:
    """The highest tier whose criteria, and those of every tier below, are all met ("" none).

    A tier with no enabled criterion cannot be reached (nor any above it)."""
    failed_set = set(failed)
    reached = ""
    for tier in WORKER_TIERS:
        own = [c.code for c in criteria if c.programme == tier]
        if not own or failed_set.intersection(own):
            break
        reached = tier
    return reached


def _rank(tier: str) -> int:
    return WORKER_TIERS.index(tier) + 1 if tier else 0  # type: ignore[arg-type]


@transaction.atomic(durable=True)
def do_evaluate_worker_tiers(
    *,
    now: datetime.datetime | None = None,
    worker_ids: Iterable[int] | None = None,
    step: Step | None = None,
) -> TierResult:
    """Evaluate every worker (or just `worker_ids`) against the worker tiers' enabled criteria.

    Same engine as the certified clients: set-based metrics, every value stored. A tier gained
    writes a GRANTED `WorkerTierEvent` and congratulates the worker; a tier lost writes a
    REVOKED one with the criteria of that tier that failed, and tells the worker which.
    """
    now = now or timezone.now()
    step = step or (lambda label: None)
    ids = None if worker_ids is None else sorted(set(worker_ids))
    result = TierResult()
    # The metrics' timings are shared with the certified clients' result type.
    timings = EvaluationResult()

    started = time.perf_counter()
    criteria = enabled_worker_criteria()
    population = metrics.workers_to_evaluate(ids)
    result.timings["population"] = time.perf_counter() - started
    step("population")
    computed = _metric_values(criteria, population, now, ids, timings, step)
    result.timings.update(timings.timings)

    started = time.perf_counter()
    existing_rows = WorkerTierStatus.objects.select_for_update()
    if ids is not None:
        existing_rows = existing_rows.filter(worker_id__in=ids)
    existing = {
        worker_id: (tier, since, values, failed)
        for worker_id, tier, since, values, failed in existing_rows.values_list(
            "worker_id", "tier", "since", "values", "failed"
        )
    }
    codes_of = {tier: {c.code for c in criteria if c.programme == tier} for tier in WORKER_TIERS}
    statuses: list[WorkerTierStatus] = []
    events: list[WorkerTierEvent] = []
    held: dict[str, int] = dict.fromkeys(WORKER_TIERS, 0)
    evaluated = 0
    for worker_id in population:
        evaluated += 1
        values, failed = _judge(criteria, computed, worker_id)
        tier = tier_reached(criteria, failed)
        was, since, old_values, old_failed = existing.get(worker_id, ("", None, None, None))
        if _rank(tier) > _rank(was):
            since = now
            result.granted.append((worker_id, tier))
            events.append(
                WorkerTierEvent(
                    worker_id=worker_id,
                    kind=WorkerTierEvent.Kind.GRANTED,
                    tier=tier,
                    failed=failed,
                    values=values,
                    created_at=now,
                )
            )
        elif _rank(tier) < _rank(was):
            since = now if tier else None
            # The reason is the first tier lost: the criteria of the tiers from the one now
            # held up to the one held before.
            lost = WORKER_TIERS[_rank(tier) : _rank(was)]
            reasons = [code for code in failed if any(code in codes_of[t] for t in lost)]
            result.revoked.append((worker_id, was, reasons))
            events.append(
                WorkerTierEvent(
                    worker_id=worker_id,
                    kind=WorkerTierEvent.Kind.REVOKED,
                    tier=was,
                    failed=reasons,
                    values=values,
                    created_at=now,
                )
            )
        if tier:
            held[tier] += 1
        if worker_id in existing and tier == was and values == old_values and failed == old_failed:
            continue  # unchanged: only its evaluation time moves (one UPDATE below)
        statuses.append(
            WorkerTierStatus(
                worker_id=worker_id,
                tier=tier,
                since=since if tier else None,
                evaluated_at=now,
                values=values,
                failed=failed,
            )
        )
    result.workers = evaluated
    result.held = held
    # Most rows do not change from one day to the next: one UPDATE moves every evaluated row's
    # time, and only the changed rows are written whole (upserting 100k JSON rows dominated).
    touched = WorkerTierStatus.objects.all()
    if ids is not None:
        touched = touched.filter(worker_id__in=ids)
    touched.update(evaluated_at=now)
    _upsert_tier_statuses(statuses)
    WorkerTierEvent.objects.bulk_create(events, batch_size=UPSERT_BATCH)
    _notify_tier_changes(result, criteria)
    result.timings["write"] = time.perf_counter() - started
    step("write")
    return result


TIER_STATUS_COLUMNS = ("worker_id", "tier", "since", "evaluated_at", "values", "failed")


def _upsert_tier_statuses(statuses: list[WorkerTierStatus]) -> None:
    """Insert or update these rows with one prepared `INSERT … ON CONFLICT (worker_id) DO
    UPDATE` run by `executemany` (SQLite and PostgreSQL both have it).

    `bulk_create(update_conflicts=True)` compiles its SQL row by row through every field, which
    cost more than the metrics on a first run over 100k workers; here each value is prepared
    once by its own field and the statement is compiled once."""
    if not statuses:
        return
    meta = WorkerTierStatus._meta
    fields: list[Any] = [
        meta.get_field(column.removesuffix("_id")) for column in TIER_STATUS_COLUMNS
    ]  # concrete fields (a column each)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    updates = ", ".join(f"{qn(f.column)} = EXCLUDED.{qn(f.column)}" for f in fields[1:])
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({qn(fields[0].column)}) DO UPDATE SET {updates}"
    )
    # Each value as its field saves it; the few distinct times (`now`, the `since`s) once each.
    times: dict[object, object] = {}

    def prepared(f, value):
        if isinstance(value, datetime.datetime):
            if value not in times:
                times[value] = f.get_db_prep_save(value, connection)
            return times[value]
        return f.get_db_prep_save(value, connection)

    rows = [tuple(prepared(f, getattr(status, f.attname)) for f in fields) for status in statuses]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_BATCH):
            cursor.executemany(sql, rows[start : start + UPSERT_BATCH])


def _notify_tier_changes(result: TierResult, criteria: list[Criterion]) -> None:
    """Congratulate the workers who reached a tier; tell those who lost one which criteria they
    no longer meet. In the recipient's language."""
    changed = [w for w, _t in result.granted] + [w for w, _t, _f in result.revoked]
    if not changed:
        return
    url = reverse("certification:tier_progress")
    by_code = {c.code: c for c in criteria}
    users = User.objects.in_bulk(changed)
    for worker_id, tier in result.granted:
        user = users[worker_id]
        do_notify(
            user,
            kind="worker_tier_granted",
            title=gettext_lazy("Congratulations: you are now a %(tier)s"),
            body=gettext_lazy(
                "You meet every criterion of the %(tier)s tier. Clients now see the badge on "
                "your profile, in worker search and on your proposals."
            ),
            params={"tier": render_for(user, Programme(tier).label)},
            url=url,
        )
    for worker_id, tier, failed in result.revoked:
        user = users[worker_id]
        reasons = "、".join(render_for(user, by_code[code].label) for code in failed) or (
            # No criterion of the tier failed: the secretariat disabled every one of them.
            render_for(user, gettext_lazy("the tier's criteria were changed by the secretariat"))
        )
        do_notify(
            user,
            kind="worker_tier_revoked",
            title=gettext_lazy("Your %(tier)s badge has been removed"),
            body=gettext_lazy(
                "These criteria are no longer met: %(reasons)s. The badge comes back "
                "automatically once you meet every criterion again."
            ),
            params={"tier": render_for(user, Programme(tier).label), "reasons": reasons},
            url=url,
        )
