"""Views for jobs (thin: access_* then one do_* then render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_htmx.middleware import HtmxDetails

from yorozu.accounts.models import User
from yorozu.core.errors import Refused, with_refusal
from yorozu.core.pages import cached_for_visitors
from yorozu.core.pagination import CappedPaginator
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.jobs.actions import JobNotOpen, do_close_job, do_edit_job, do_post_job
from yorozu.jobs.forms import JobForm, JobSearchForm
from yorozu.jobs.selectors import (
    PAGE_SIZE,
    access_job,
    access_own_job,
    jobs_of_client,
    search_jobs,
)
from yorozu.trust.screening import Blocked

HELD_MESSAGE = gettext_lazy(
    "Your job is under review by the secretariat. It becomes public once it is approved; "
    "we will let you know."
)


class JobsRequest(HttpRequest):
    """A request as these views see it: django-htmx's details, and a User once signed in."""

    htmx: HtmxDetails


class SignedInRequest(JobsRequest):
    user: User  # as accounts.requests.SignedInRequest, with JobsRequest's details


@cached_for_visitors("public")
def search(request: JobsRequest) -> HttpResponse:
    """Public job search. Filters come from the query string; htmx swaps only the results."""
    form = JobSearchForm(request.GET or None)
    # Counted up to a cap ("10,000件以上"): a broad search never counts every open job.
    page = CappedPaginator(search_jobs(form.search_params()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page_obj": page}
    if request.htmx and request.htmx.target == "job-results":
        return render(request, "jobs/job_search.html#results", context)
    return render(request, "jobs/job_search.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new(request: SignedInRequest) -> HttpResponse:
    """Post a job. Posting is done as a client: a worker is offered the role switch instead."""
    if not request.user.acting_as_client:
        return render(request, "jobs/job_new_as_worker.html")
    if not can_use(request.user, "post"):
        return _posting_barred(request)
    form = JobForm(request.POST if request.method == "POST" else None)
    refusal = None
    refused: Refused | None = None
    if request.method == "POST" and form.is_valid():
        try:
            job = do_post_job(client=request.user, data=form.cleaned_data, actor=request.user)
        except Blocked as exc:
            refusal = exc.shown()
        except Refused as exc:  # not confirmed, or past the posting quota (accounts.gates)
            form.add_error(None, exc.message)
            refused = exc
        else:
            if job.is_public:
                messages.success(request, _("Your job is posted."))
            else:
                messages.warning(request, HELD_MESSAGE)
            return redirect("jobs:detail", job_id=job.pk)
    response = render(
        request, "jobs/job_form.html", {"form": form, "job": None, "refusal": refusal}
    )
    return with_refusal(response, refused)


def _posting_barred(request: SignedInRequest) -> HttpResponse:
    """A client barred from posting is told so, with a way to their statement of reasons."""
    messages.error(request, restricted_message("post"))
    return redirect("enforcement:statement")


@login_required
def mine(request: SignedInRequest) -> HttpResponse:
    """The signed-in client's own postings, open and closed."""
    page = Paginator(jobs_of_client(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "jobs/job_mine.html", {"page_obj": page})


# Tasks and competitions have their own pages (the `formats` app), named by URL only.
FORMAT_PAGES = {"task": "formats:task", "competition": "formats:competition"}


@cached_for_visitors("public")
def detail(request: JobsRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    if job.format in FORMAT_PAGES:
        return redirect(FORMAT_PAGES[job.format], job_id=job.pk)
    user = request.user
    is_owner = user.is_authenticated and job.client_id == user.pk
    context = {
        "job": job,
        "client_profile": getattr(job.client, "client_profile", None),
        "is_owner": is_owner,
        "can_propose": (
            user.is_authenticated
            and not is_owner
            and not user.acting_as_client
            and job.accepting_proposals
        ),
    }
    return render(request, "jobs/job_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: SignedInRequest, job_id: int) -> HttpResponse:
    job = access_own_job(request.user, job_id)
    if job.format in FORMAT_PAGES:
        return redirect(FORMAT_PAGES[job.format], job_id=job.pk)
    if not job.is_open:
        messages.error(request, _("This job is closed and can no longer be edited."))
        return redirect("jobs:detail", job_id=job.pk)
    if not can_use(request.user, "post"):
        return _posting_barred(request)
    form = JobForm(
        request.POST if request.method == "POST" else None, initial=JobForm.initial_for(job)
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = do_edit_job(job, form.cleaned_data, actor=request.user)
        except JobNotOpen:
            messages.error(request, _("This job is closed and can no longer be edited."))
        except Blocked as exc:
            refusal = exc.shown()
        else:
            if changed and not job.is_public:
                messages.warning(request, HELD_MESSAGE)
            elif changed:
                messages.success(request, _("Your changes are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
        if refusal is None:
            return redirect("jobs:detail", job_id=job.pk)
    return render(request, "jobs/job_form.html", {"form": form, "job": job, "refusal": refusal})


@login_required
@require_http_methods(["GET", "POST"])
def close(request: SignedInRequest, job_id: int) -> HttpResponse:
    """GET asks for confirmation; POST closes. Closing an already closed job changes nothing."""
    job = access_own_job(request.user, job_id)
    if job.format in FORMAT_PAGES:
        return redirect(FORMAT_PAGES[job.format], job_id=job.pk)
    if request.method == "POST":
        if do_close_job(job, actor=request.user):
            messages.success(request, _("The job is closed. It no longer takes proposals."))
        return redirect("jobs:detail", job_id=job.pk)
    if not job.is_open:
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "jobs/job_close.html", {"job": job})
