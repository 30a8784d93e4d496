"""What the progress page shows for each criterion, from the stored values (no aggregate)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from yorozu.certification.models import (
    WORKER_TIERS,
    CertificationStatus,
    Comparison,
    Criterion,
    Metric,
    Programme,
    WorkerTierStatus,
)

# The unit each metric's value is shown in.
PERCENT = {
    Metric.HIRE_RATE,
    Metric.SATISFIED_REVIEW_RATE,
    Metric.RESPONSE_RATE,
    Metric.ON_TIME_DELIVERY_RATE,
    Metric.WORKER_RESPONSE_RATE,
}


def format_value(metric: str, value: float | None) -> str:
    if value is None:
        return _("No record yet")
    if metric == Metric.IDENTITY_VERIFIED:
        return _("Verified") if value >= 1 else _("Not verified")
    if metric in PERCENT:
        return f"{number_format(value, 1)} %"
    if metric == Metric.AVERAGE_RATING:
        return _("%(stars)s stars") % {"stars": number_format(value, 2)}
    if metric == Metric.COMPLETED_CONTRACTS:
        return _("%(count)s contracts") % {"count": number_format(int(value))}
    if metric == Metric.COMPLETED_ORDER_VALUE:
        return f"¥{number_format(int(value), force_grouping=True)}"
    return _("%(count)s times") % {"count": number_format(int(value))}


def format_target(criterion: Criterion) -> str:
    value = float(criterion.threshold)
    shown = format_value(criterion.metric, value)
    if criterion.metric == Metric.IDENTITY_VERIFIED:
        return shown
    if criterion.comparison == Comparison.GTE:
        return _("%(value)s or more") % {"value": shown}
    if criterion.comparison == Comparison.LTE:
        return _("%(value)s or fewer") % {"value": shown}
    return shown


def next_step(metric: str) -> tuple[str, str]:
    """What a client can do to meet a criterion of this metric: (advice, link or "")."""
    steps: dict[str, tuple[str, str]] = {
        Metric.IDENTITY_VERIFIED: (
            _("Submit an identity document; the secretariat reviews it."),
            reverse("accounts:identity"),
        ),
        Metric.LATE_OR_FAILED_FUNDING: (
            _(
                "Fund the escrow within 7 days of the worker accepting a contract, and do not "
                "cancel an accepted contract instead of funding it. Earlier delays leave the "
                "window with time."
            ),
            reverse("contracts:dashboard"),
        ),
        Metric.COMPLETED_ORDER_VALUE: (
            _("Post jobs, hire workers and approve their deliveries to build your order record."),
            reverse("jobs:new"),
        ),
        Metric.HIRE_RATE: (
            _("Hire a worker on the jobs you post, or close postings you no longer need early."),
            reverse("jobs:mine"),
        ),
        Metric.SATISFIED_REVIEW_RATE: (
            _("Give clear instructions, pay on time and communicate kindly with your workers."),
            "",
        ),
        Metric.RESPONSE_RATE: (
            _(
                "Answer every proposal (shortlist, decline or hire) and every message from a "
                "worker within 72 hours."
            ),
            reverse("messaging:inbox"),
        ),
        Metric.UPHELD_VIOLATIONS: (
            _("Follow the terms of use; this is met again 180 days after the last violation."),
            "",
        ),
        Metric.COMPLETED_CONTRACTS: (
            _("Propose on jobs that match your skills and see your contracts through."),
            reverse("jobs:search"),
        ),
        Metric.AVERAGE_RATING: (
            _("Agree the scope clearly, keep the client informed and deliver careful work."),
            "",
        ),
        Metric.ON_TIME_DELIVERY_RATE: (
            _(
                "Deliver each milestone by its due date; if you need more time, agree a new "
                "date with the client before it passes."
            ),
            reverse("contracts:dashboard"),
        ),
        Metric.WORKER_RESPONSE_RATE: (
            _("Answer clients' messages and scouts (accept or decline) within 72 hours."),
            reverse("messaging:inbox"),
        ),
    }
    return steps.get(metric, ("", ""))


@dataclass
class CriterionRow:
    criterion: Criterion
    evaluated: bool
    value: str
    target: str
    met: bool
    percent: int
    advice: str
    link: str


def criterion_rows(
    criteria: list[Criterion], status: CertificationStatus | WorkerTierStatus | None
) -> list[CriterionRow]:
    values = status.values if status else {}
    rows = []
    for criterion in criteria:
        evaluated = criterion.code in values
        raw = values.get(criterion.code)
        met = evaluated and criterion.passes(raw)
        advice, link = next_step(criterion.metric)
        rows.append(
            CriterionRow(
                criterion=criterion,
                evaluated=evaluated,
                value=format_value(criterion.metric, raw) if evaluated else _("Not evaluated yet"),
                target=format_target(criterion),
                met=met,
                percent=criterion.progress_percent(raw) if evaluated else 0,
                advice="" if met else advice,
                link="" if met else link,
            )
        )
    return rows


@dataclass
class TierSection:
    """One worker tier on the progress page: its criteria, and whether it is held."""

    tier: str
    label: str
    rows: list[CriterionRow]
    held: bool

    @property
    def met(self) -> int:
        return sum(row.met for row in self.rows)

    @property
    def missing(self) -> list[CriterionRow]:
        return [row for row in self.rows if not row.met]


def tier_sections(criteria: list[Criterion], status: WorkerTierStatus | None) -> list[TierSection]:
    """Each worker tier with at least one enabled criterion, lowest first."""
    held_rank = WORKER_TIERS.index(status.tier) + 1 if status and status.tier else 0  # type: ignore[arg-type]
    sections = []
    for rank, tier in enumerate(WORKER_TIERS, start=1):
        own = [c for c in criteria if c.programme == tier]
        if not own:
            continue
        sections.append(
            TierSection(
                tier=tier,
                label=str(Programme(tier).label),
                rows=criterion_rows(own, status),
                held=rank <= held_rank,
            )
        )
    return sections
