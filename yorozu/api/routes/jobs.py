"""Jobs: search (the same filters and form as /jobs/, certified-only included), detail, the
caller's own postings, and post / edit / close through the same actions as the pages."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from yorozu.accounts.requests import SignedInRequest
from yorozu.api.auth import public, signed_in
from yorozu.api.errors import Invalid
from yorozu.api.models import Scope
from yorozu.api.pagination import DEFAULT_LIMIT, cursor_page
from yorozu.api.schemas import READ_ERRORS, WRITE_ERRORS, Category, page
from yorozu.certification.selectors import cached_certified
from yorozu.core.errors import Refused
from yorozu.jobs.actions import do_close_job, do_edit_job, do_post_job
from yorozu.jobs.forms import JobForm, JobSearchForm
from yorozu.jobs.models import Job
from yorozu.jobs.selectors import access_job, access_own_job, jobs_of_client, search_jobs

router = Router(tags=["jobs"])


class Client(Schema):
    id: int
    display_name: str
    certified: bool


class JobOut(Schema):
    id: int
    title: str
    description: str
    category: Category
    pay_type: str
    budget_min: int
    budget_max: int
    deadline: datetime.date
    hires_wanted: int
    status: str
    moderation: str
    accepting_proposals: bool
    proposal_count: int
    client: Client
    created_at: datetime.datetime
    updated_at: datetime.datetime


class JobPage(Schema):
    items: list[JobOut]
    next_cursor: str | None


class JobSearch(Schema):
    q: str = ""
    category: str = ""
    budget_min: int | None = None
    budget_max: int | None = None
    pay_type: str = ""
    sort: str = ""
    include_closed: bool = False
    certified_only: bool = False
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


class JobIn(Schema):
    title: str
    category: int
    description: str
    pay_type: str = "fixed"
    budget_min: int
    budget_max: int
    deadline: datetime.date
    hires_wanted: int = 1


class JobPatch(Schema):
    title: str | None = None
    category: int | None = None
    description: str | None = None
    pay_type: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    deadline: datetime.date | None = None
    hires_wanted: int | None = None


class Closed(Schema):
    id: int
    status: str
    closed: bool


def job_out(job: Job) -> dict:
    return {
        "id": job.pk,
        "title": job.title,
        "description": job.description,
        "category": {"id": job.category_id, "name": job.category.name},
        "pay_type": job.pay_type,
        "budget_min": job.budget_min,
        "budget_max": job.budget_max,
        "deadline": job.deadline,
        "hires_wanted": job.hires_wanted,
        "status": job.status,
        "moderation": job.moderation,
        "accepting_proposals": job.accepting_proposals,
        "proposal_count": job.proposal_count,
        "client": {
            "id": job.client_id,
            "display_name": job.client.display_name,
            "certified": cached_certified(job.client),
        },
        "created_at": job.created_at,
        "updated_at": job.updated_at,
    }


def form_data(values: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if value is None or value is False:
            continue
        data[key] = "on" if value is True else str(value)
    return data


@router.get("", response={200: JobPage, **READ_ERRORS}, auth=public())
def search(request: HttpRequest, filters: Query[JobSearch]):
    """Public job search with /jobs/'s filters: keyword, category (slug), budget range, payment
    type, sort (new, budget, deadline), closed jobs, certified clients only."""
    values = filters.dict()
    cursor, limit = values.pop("cursor"), values.pop("limit")
    form = JobSearchForm(form_data(values))
    if not form.is_valid():
        raise Invalid.from_form(form)
    jobs, next_cursor = cursor_page(search_jobs(form.search_params()), cursor, limit)
    return page([job_out(job) for job in jobs], next_cursor)


@router.get("/mine", response={200: JobPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def mine(request: SignedInRequest, cursor: str | None = None, limit: int = DEFAULT_LIMIT):
    """The caller's own postings, open and closed, under review or not."""
    jobs = jobs_of_client(request.user).select_related("client")
    rows, next_cursor = cursor_page(jobs, cursor, limit)
    return page([job_out(job) for job in rows], next_cursor)


@router.get("/{id:job_id}", response={200: JobOut, **READ_ERRORS}, auth=public())
def detail(request: HttpRequest, job_id: int):
    """One job as its page shows it (a posting under review: its owner and the secretariat)."""
    return job_out(access_job(request.user, job_id))


def _job_form(data: dict, initial: dict | None = None) -> dict:
    form = JobForm(form_data(data))
    if not form.is_valid():
        raise Invalid.from_form(form)
    return form.cleaned_data


def _as_client(request: SignedInRequest) -> None:
    if not request.user.acting_as_client:
        raise Refused(
            _("Jobs are posted as a client: switch to the client role first."),
            "clients_only",
            status=403,
        )


@router.post("", response={201: JobOut, 202: JobOut, **WRITE_ERRORS}, auth=signed_in(Scope.JOBS))
def post(request: SignedInRequest, body: JobIn):
    """Post a job through the screening door: 201 when public, 202 when held for review."""
    _as_client(request)
    data = _job_form(body.dict())
    job = do_post_job(client=request.user, data=data, actor=request.user)
    job = access_job(request.user, job.pk)
    return Status(201 if job.is_public else 202, job_out(job))


@router.patch(
    "/{id:job_id}", response={200: JobOut, 202: JobOut, **WRITE_ERRORS}, auth=signed_in(Scope.JOBS)
)
def edit(request: SignedInRequest, job_id: int, body: JobPatch):
    """Change some fields of one's own open job (202 when the edit sent it under review)."""
    job = access_own_job(request.user, job_id)
    merged = {**JobForm.initial_for(job), **body.dict(exclude_unset=True, exclude_none=True)}
    data = _job_form(merged)
    do_edit_job(job, data, actor=request.user)
    job = access_job(request.user, job.pk)
    return Status(200 if job.is_public else 202, job_out(job))


@router.post(
    "/{id:job_id}/close", response={200: Closed, **WRITE_ERRORS}, auth=signed_in(Scope.JOBS)
)
def close(request: SignedInRequest, job_id: int):
    """Stop taking proposals; closing a closed job changes nothing (`closed` is false)."""
    job = access_own_job(request.user, job_id)
    closed = do_close_job(job, actor=request.user)
    return {"id": job.pk, "status": job.status, "closed": closed}
