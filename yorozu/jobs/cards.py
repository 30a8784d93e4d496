"""Job cards rendered once per content (`core.fragments`), the viewer's report link added after.

A job card is the same HTML for everyone who reads it in one language, apart from the report
link. So the card is rendered with a slot where the link goes, stored under a key made of every
value `jobs/job_card.html` shows, and the viewer's link is put into the slot afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from yorozu.certification.selectors import cached_certified
from yorozu.core.fragments import render_each
from yorozu.jobs.models import Job

CARD_TEMPLATE = "jobs/job_card.html"
REPORT_SLOT = mark_safe("<!--yorozu:report-link-->")


def shown_on_card(job: Job) -> tuple:
    """Every value `jobs/job_card.html` reads (the card's cache key)."""
    client = job.client if Job.client.is_cached(job) else None  # type: ignore[attr-defined]
    return (
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
        cached_certified(client),
        job.created_at.isoformat(),
        job.updated_at.isoformat(),
    )


def render_job_cards(jobs: Iterable[Job], request) -> SafeString:
    """The cards of `jobs`, in order, each with the viewer's report link."""
    jobs = list(jobs)
    cards = render_each(
        CARD_TEMPLATE,
        jobs,
        shown=shown_on_card,
        # Rendered as nobody in particular: the report link is the viewer's, added below.
        context=lambda job: {"job": job, "report_slot": REPORT_SLOT},
    )
    user = getattr(request, "user", None)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    out = []
    no_link = ""
    for job, card in zip(jobs, cards, strict=True):
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
        out.append(card.replace(REPORT_SLOT, link))
    return mark_safe("".join(out))
