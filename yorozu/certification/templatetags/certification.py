"""`{% certification_badge user %}` and `{% job_client_badge job %}`: the one badge partial."""

from __future__ import annotations

from django import template

from yorozu.certification.selectors import cached_certified, is_certified_client
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
