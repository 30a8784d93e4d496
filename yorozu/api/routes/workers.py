"""Worker search for clients and scouts, with the page's privacy rules: gender and age band only
where the worker chose to show them (and only such workers match those filters), searches by
gender or age recorded as on the page, scouts through the same screening door and daily quota."""

from __future__ import annotations

import base64
import datetime
import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from yorozu.accounts.avatars import avatar_url
from yorozu.accounts.prefectures import prefecture_name
from yorozu.accounts.requests import SignedInRequest
from yorozu.api.auth import signed_in
from yorozu.api.errors import Invalid
from yorozu.api.models import Scope
from yorozu.api.pagination import DEFAULT_LIMIT, cursor_page
from yorozu.api.schemas import READ_ERRORS, WRITE_ERRORS, page
from yorozu.core.errors import Refused
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.workers.actions import do_accept_scout, do_decline_scout, do_record_filter_usage
from yorozu.workers.actions import do_send_scout as send_scout_action
from yorozu.workers.forms import ScoutForm, WorkerSearchForm
from yorozu.workers.models import Scout, ScoutStatus
from yorozu.workers.selectors import (
    access_scout_for_worker,
    access_scout_target,
    first_page,
    scouts_received,
    scouts_sent,
    search_workers,
    top_category_counts,
)

router = Router(tags=["workers and scouts"])
MAX_PAGE = 500  # as deep as the page goes (workers.views): beyond it OFFSET only burns time


class WorkerFilters(Schema):
    q: str = ""
    category: list[int] = []
    gender: list[str] = []
    prefecture: list[int] = []
    age: list[int] = []
    min_rating: str = ""
    verified: bool = False
    scouts: bool = False
    sort: str = ""
    cursor: str | None = None


class TopCategory(Schema):
    name: str
    completed: int


class SkillOut(Schema):
    name: str
    years: int | None


class WorkerOut(Schema):
    id: int
    display_name: str
    identity_verified: bool
    headline: str
    rating_avg: float | None
    rating_count: int
    completed_count: int
    prefecture: str | None
    gender: str | None
    age_band: str | None
    accepts_scouts: bool
    skills: list[str]
    skills_with_years: list[SkillOut]
    hours_per_week: int | None
    available_from: datetime.date | None
    avatar_url: str | None
    top_categories: list[TopCategory]


class WorkerPage(Schema):
    items: list[WorkerOut]
    next_cursor: str | None


class ScoutIn(Schema):
    job: int
    message: str


class ScoutOut(Schema):
    id: int
    client_id: int
    worker_id: int
    job_id: int
    message: str
    status: str
    created_at: datetime.datetime


class ScoutPage(Schema):
    items: list[ScoutOut]
    next_cursor: str | None


class Accepted(Schema):
    scout: ScoutOut
    thread_id: int | None


def _page_cursor(number: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"page": number}).encode()).decode().rstrip("=")


def _page_of(cursor: str | None) -> int:
    if not cursor:
        return 1
    try:
        number = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["page"]
    except (ValueError, KeyError, TypeError):
        number = None
    if not isinstance(number, int) or not 1 <= number <= MAX_PAGE:
        raise Invalid({"cursor": [str(_("This cursor is not one this list gave."))]})
    return number


def scout_out(scout: Scout) -> dict:
    return {
        "id": scout.pk,
        "client_id": scout.client_id,
        "worker_id": scout.worker_id,
        "job_id": scout.job_id,
        "message": scout.message,
        "status": scout.status,
        "created_at": scout.created_at,
    }


def _clients_only(request: SignedInRequest) -> None:
    if not request.user.acting_as_client:
        raise Refused(
            _("Worker search is for clients looking for someone to scout."),
            "clients_only",
            status=403,
        )


@router.get("/workers", response={200: WorkerPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def workers(request: SignedInRequest, filters: Query[WorkerFilters]):
    """Worker search for clients, with /workers/'s filters (repeat a list filter to pass more
    than one value). The search ranks by relevance, which has no stable key: its cursor carries
    the page, as the page's links do, up to the page's limit."""
    _clients_only(request)
    values = filters.dict()
    number = _page_of(values.pop("cursor"))
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            data.setlist(key, [str(v) for v in value])
        elif value not in ("", None, False):
            data[key] = "on" if value is True else str(value)
    params = WorkerSearchForm(data).params(exclude_user_id=request.user.pk)
    profiles, has_next = first_page(search_workers(params), number)
    lang = get_language() or "ja"
    top = top_category_counts([p.user_id for p in profiles], lang)
    if number == 1 and (params.genders or params.age_bands):
        do_record_filter_usage(
            searcher_id=request.user.pk,
            genders=list(params.genders),
            age_bands=list(params.age_bands),
        )
    items = [
        {
            "id": p.user_id,
            "display_name": p.user.display_name,
            "identity_verified": p.user.is_identity_verified,
            "headline": p.headline,
            "rating_avg": float(p.rating_avg) if p.rating_avg is not None else None,
            "rating_count": p.rating_count,
            "completed_count": p.completed_count,
            "prefecture": prefecture_name(p.prefecture, lang) or None,
            "gender": p.public_gender,
            "age_band": p.public_age_band,
            "accepts_scouts": p.accepts_scouts,
            "skills": list(p.skill_list),
            "skills_with_years": [{"name": n, "years": y} for n, y in p.skills_with_years],
            "hours_per_week": p.hours_per_week,
            "available_from": p.available_from,
            "avatar_url": avatar_url(p.user) or None,
            "top_categories": [
                {"name": name, "completed": count} for name, count in top.get(p.user_id, [])
            ],
        }
        for p in profiles
    ]
    more = has_next and number < MAX_PAGE
    return page(items, _page_cursor(number + 1) if more else None)


@router.post(
    "/workers/{id:worker_id}/scouts",
    response={201: ScoutOut, 202: ScoutOut, **WRITE_ERRORS},
    auth=signed_in(Scope.MESSAGES),
)
def send_scout(request: SignedInRequest, worker_id: int, body: ScoutIn):
    """Scout a worker about one of the caller's open jobs: 201 delivered, 202 held for review,
    400 `blocked` with spans, 409 when the worker takes no scouts or today's quota is spent."""
    try:
        profile = access_scout_target(request.user, worker_id)
    except PermissionDenied:
        _clients_only(request)
        raise
    form = ScoutForm(
        {"job": str(body.job), "message": body.message}, jobs=open_jobs_of_client(request.user)
    )
    if not form.is_valid():
        raise Invalid.from_form(form)
    scout = send_scout_action(
        client=request.user,
        worker=profile.user,
        job=form.cleaned_data["job"],
        message=form.cleaned_data["message"],
        actor=request.user,
    )
    return Status(202 if scout.status == ScoutStatus.HELD else 201, scout_out(scout))


@router.get("/scouts", response={200: ScoutPage, **READ_ERRORS}, auth=signed_in(Scope.READ))
def scouts(
    request: SignedInRequest,
    box: str = "received",
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
):
    """Scouts the caller received (`box=received`) or sent (`box=sent`), newest first."""
    if box not in ("received", "sent"):
        raise Invalid({"box": [str(_("Choose received or sent."))]})
    queryset = scouts_received(request.user) if box == "received" else scouts_sent(request.user)
    rows, next_cursor = cursor_page(queryset, cursor, limit)
    return page([scout_out(s) for s in rows], next_cursor)


@router.post(
    "/scouts/{id:scout_id}/{answer}",
    response={200: Accepted, **WRITE_ERRORS},
    auth=signed_in(Scope.MESSAGES),
)
def answer_scout(request: SignedInRequest, scout_id: int, answer: str):
    """The scouted worker answers: `accept` opens the thread (its id is returned), `decline`."""
    if answer not in ("accept", "decline"):
        raise Http404("no such answer")
    scout = access_scout_for_worker(request.user, scout_id)
    thread_id = None
    if answer == "accept":
        thread_id = do_accept_scout(scout, actor=request.user).pk
    else:
        do_decline_scout(scout, actor=request.user)
    return {
        "scout": scout_out(access_scout_for_worker(request.user, scout_id)),
        "thread_id": thread_id,
    }
