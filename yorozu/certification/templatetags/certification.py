"""`{% certification_badge user %}` and `{% job_client_badge job %}`: the one badge partial;
`{% worker_tier_badge user %}` and `{% worker_tier_card_badge user %}`: the worker tier's."""

from __future__ import annotations

from django import template

from yorozu.certification.selectors import (
    cached_certified,
    cached_worker_tier,
    is_certified_client,
    worker_tier_of,
)
from yorozu.jobs.models import Job

register = template.Library()


@register.inclusion_tag("certification/badge.html")
def certification_badge(user) -> dict:
    """The badge for a client page: uses the joined status when loaded, else one query."""
    return {"certified": is_certified_client(user)}


@register.inclusion_tag("certification/badge.html")
def job_client_badge(job) -> dict:
    """The badge on a job card or detail page, from joined rows only (never a query).

    `jobs.selectors.with_card_relations` joins `client__certification`.
    """
    client = job.client if Job.client.is_cached(job) else None  # type: ignore[attr-defined]
    return {"certified": cached_certified(client)}


@register.inclusion_tag("certification/tier_badge.html")
def worker_tier_badge(user) -> dict:
    """The tier badge on a worker's page: the joined status when loaded, else one query."""
    status = worker_tier_of(user)
    return {"tier": status.tier if status else ""}


@register.inclusion_tag("certification/tier_badge.html")
def worker_tier_card_badge(user) -> dict:
    """The tier badge on a list (search cards, proposals) from joined rows only: the list's
    selector joins `worker_tier` (`selectors.TIER_JOIN`), else no badge rather than a query."""
    return {"tier": cached_worker_tier(user)}
