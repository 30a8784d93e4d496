"""Job cards rendered once per content, not once per page view.

A job card is the same HTML for everyone who reads it in one language, apart from the report
link (which depends on the viewer). Rendering twenty of them through the template engine was
the largest part of the job search and home pages (bench/bench_pages.py). So a card is rendered
once with a slot where the report link goes, stored in the `fragments` cache under a key made
of **every value the card shows** (title, budget, deadline, proposal count, status, category,
the client's public name and badge, the dates) plus the language and the template's own source;
the viewer's report link is put into the slot afterwards. A changed value, a new translation or
an edited template makes a new key, so a stored card can never be stale; unused ones are
evicted. The `fragments` cache is per process (`settings.CACHES`): being content-addressed,
it needs no sharing between processes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import caches
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from yorozu.certification.selectors import cached_certified
from yorozu.jobs.models import Job

CARD_TEMPLATE = "jobs/job_card.html"
REPORT_SLOT = mark_safe("<!--yorozu:report-link-->")
CARD_SECONDS = 24 * 3600

_template_digest: dict[str, str] = {}


def template_digest() -> str:
    """A digest of the card template's source, once per process (templates change on deploy)."""
    if CARD_TEMPLATE not in _template_digest:
        source = get_template(CARD_TEMPLATE).template.source  # type: ignore[attr-defined]
        _template_digest[CARD_TEMPLATE] = hashlib.sha1(source.encode()).hexdigest()[:12]
    return _template_digest[CARD_TEMPLATE]


def card_key(job: Job, language: str) -> str:
    """The cache key of a card: every value `jobs/job_card.html` reads, hashed."""
    values = (
        job.pk,
        job.title,
        job.category.name,
        job.pay_type,
        job.budget_min,
        job.budget_max,
        job.deadline.isoformat(),
        job.proposal_count,
        job.status,
        job.card_client_name,
        cached_certified(job.client if Job.client.is_cached(job) else None),  # type: ignore[attr-defined]
        job.created_at.isoformat(),
        job.updated_at.isoformat(),
    )
    digest = hashlib.sha1(repr(values).encode()).hexdigest()
    return f"jobcard:{language}:{template_digest()}:{digest}"


def render_job_cards(jobs: Iterable[Job], request) -> SafeString:
    """The cards of `jobs`, in order: stored ones from the cache, the rest rendered and stored."""
    jobs = list(jobs)
    if not jobs:
        return mark_safe("")
    cache = caches["fragments"]
    language = get_language() or "ja"
    keys = [card_key(job, language) for job in jobs]
    stored = cache.get_many(keys)
    missing = {}
    for job, key in zip(jobs, keys, strict=True):
        if key not in stored:
            # Rendered as nobody in particular: the report link is the viewer's, added below.
            html = render_to_string(CARD_TEMPLATE, {"job": job, "report_slot": REPORT_SLOT})
            missing[key] = stored[key] = html
    if missing:
        cache.set_many(missing, CARD_SECONDS)
    user = getattr(request, "user", None)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    out = []
    no_link = ""
    for job, key in zip(jobs, keys, strict=True):
        if not signed_in or user is None or user.pk == job.client_id:
            # What the link's template gives when it shows nothing (its whitespace), once.
            no_link = no_link or render_to_string("enforcement/report_link.html", {})
            link = no_link
        else:
            link = render_to_string(
                "enforcement/report_link.html",
                {
                    "target": "job",
                    "id": job.pk,
                    "owner": job.client_id,
                    "user": user,
                    "request": request,
                },
            )
        out.append(stored[key].replace(REPORT_SLOT, link))
    return mark_safe("".join(out))
