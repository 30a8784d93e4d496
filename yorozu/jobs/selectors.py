"""Reads for jobs.

Every list of jobs goes through `with_card_relations`, so `jobs/job_card.html` (category, client,
client profile) renders without a query per card wherever it is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet, TextChoices
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.catalog.models import Category
from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.enforcement.selectors import is_visible, visible_q
from yorozu.jobs.models import Job, JobModeration, JobStatus, accepting_proposals_q

PAGE_SIZE = 20
KEYWORD_MAX_TERMS = 5
# Spaces of either width (the Japanese full-width space is common in typed queries).
KEYWORD_SPLIT = re.compile(r"[\s\u3000]+")


class SearchSort(TextChoices):
    NEW = "new", _("Newest")
    BUDGET = "budget", _("Highest budget")
    DEADLINE = "deadline", _("Deadline soonest")


SORT_ORDER: dict[str, tuple[str, ...]] = {
    SearchSort.NEW: ("-created_at", "-id"),
    SearchSort.BUDGET: ("-budget_max", "-id"),
    SearchSort.DEADLINE: ("deadline", "-id"),
}


@dataclass(frozen=True)
class JobSearchParams:
    """What a job search asks for; every field optional. Later filters are added here."""

    keyword: str = ""
    category: Category | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    pay_type: str = ""
    sort: str = SearchSort.NEW
    include_closed: bool = False
    certified_only: bool = False
    format: str = ""


def with_card_relations(jobs: QuerySet[Job]) -> QuerySet[Job]:
    """Join what a job card and the detail page read, so rendering adds no query.

    `client__certification` is the client's stored certified-client status (one-to-one), read
    by the badge (`certification/badge.html`).
    """
    return jobs.select_related(
        "category",
        "main_category",
        "client",
        "client__client_profile",
        "client__certification",
        # A task's or competition's card facts (the `formats` app's one-to-one rows).
        "task",
        "competition",
    )


def keyword_terms(keyword: str) -> list[str]:
    return [t for t in KEYWORD_SPLIT.split(keyword.strip()) if t][:KEYWORD_MAX_TERMS]


def search_jobs(params: JobSearchParams) -> QuerySet[Job]:
    """Public job search: jobs accepting proposals unless closed ones are asked for.

    Keyword terms are ANDed, each matching title or description (icontains works for Japanese,
    which has no word boundaries to index). A budget range matches every job whose own range
    overlaps it.
    """
    jobs = Job.objects.filter(moderation=JobModeration.PUBLIC)
    # Suspended, permanently restricted and posting-barred clients: their postings are hidden.
    jobs = jobs.filter(visible_q("job", "client"))
    if not params.include_closed:
        jobs = jobs.filter(status=JobStatus.OPEN, deadline__gte=timezone.localdate())
    else:
        # A task or competition awaiting escrow is never public.
        jobs = jobs.filter(status__in=[JobStatus.OPEN, JobStatus.CLOSED])
    for term in keyword_terms(params.keyword):
        jobs = jobs.filter(Q(title__icontains=term) | Q(description__icontains=term))
    if params.category is not None:
        if params.category.is_main:
            jobs = jobs.filter(main_category=params.category)
        else:
            jobs = jobs.filter(category=params.category)
    if params.budget_min is not None:
        jobs = jobs.filter(budget_max__gte=params.budget_min)
    if params.budget_max is not None:
        jobs = jobs.filter(budget_min__lte=params.budget_max)
    if params.pay_type:
        jobs = jobs.filter(pay_type=params.pay_type)
    if params.format:
        jobs = jobs.filter(format=params.format)
    if params.certified_only:
        jobs = jobs.filter(client__certification__certified=True)
    order = SORT_ORDER.get(params.sort, SORT_ORDER[SearchSort.NEW])
    return with_card_relations(jobs).order_by(*order)


def latest_open_jobs(*, limit: int = 6) -> QuerySet[Job]:
    """The home page's newest postings."""
    return search_jobs(JobSearchParams())[:limit]


def open_jobs_of_client(client) -> QuerySet[Job]:
    """A client's postings that take proposals, newest first (renders with job_card.html).

    Projects open, public and before their deadline (`accepting_proposals_q`), and none at all
    while the client is barred from posting or suspended: their public profile lists these, and
    a scout or an invitation can only be about one.
    """
    return with_card_relations(
        Job.objects.filter(visible_q("job", "client"), accepting_proposals_q(), client=client)
    ).order_by("-created_at", "-id")


def jobs_of_client(client) -> QuerySet[Job]:
    """Every posting of one client, open and closed, newest first (the client's own list)."""
    return (
        Job.objects.filter(client=client)
        .select_related("category", "main_category")
        .order_by("-created_at", "-id")
    )


def access_job(user, job_id: int) -> Job:
    """A job as anyone may see it on its detail page; 404 when it does not exist.

    A posting under review or not published, or one a restriction of its client hides, is seen
    only by its owner and the secretariat.
    """
    try:
        job = with_card_relations(Job.objects.all()).get(pk=job_id)
    except Job.DoesNotExist:
        raise Http404("no such job") from None
    if (user is not None and job.client_id == user.pk) or has_staff_permission(user, REVIEW):
        return job
    if not job.is_public or job.status == JobStatus.UNFUNDED or not is_visible("job", job.client):
        raise Http404("no such job")
    return job


def access_own_job(user, job_id: int) -> Job:
    """A job its owner is about to change; 404 for anyone else, so ids reveal nothing."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("no such job")
    try:
        return with_card_relations(Job.objects.filter(client=user)).get(pk=job_id)
    except Job.DoesNotExist:
        raise Http404("no such job") from None
