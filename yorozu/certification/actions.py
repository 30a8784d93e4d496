"""Every write to certification: the evaluation that grants and revokes the badge.

`do_evaluate_certifications` runs one aggregate query per metric for all clients (or for the
given ones), stores each client's result, keeps the history and tells those whose badge changed,
all in one transaction. The daily task, the per-client task after an event, and the
`evaluate_certifications` command all call it.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from yorozu.accounts.models import User
from yorozu.certification import metrics
from yorozu.certification.models import (
    CertificationEvent,
    CertificationStatus,
    Criterion,
    Metric,
)
from yorozu.certification.selectors import enabled_criteria
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
        values = {}
        failed = []
        for criterion in criteria:
            table = computed[(criterion.metric, criterion.window_days)]
            value = table.get(client_id, metrics.DEFAULTS[criterion.metric])
            values[criterion.code] = value
            if not criterion.passes(value):
                failed.append(criterion.code)
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
