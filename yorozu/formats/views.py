"""Views for tasks and competitions (thin: access_* then one do_* then render or redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yorozu.accounts.models import User
from yorozu.contracts.payments import platform_fee
from yorozu.core.errors import Refused, with_refusal
from yorozu.core.staff import REVIEW, staff_view
from yorozu.enforcement.selectors import can_use, restricted_message
from yorozu.files.actions import FileBlocked
from yorozu.formats import selectors
from yorozu.formats.actions import (
    do_approve_submission,
    do_close_task,
    do_comment_entry,
    do_decide_competition,
    do_fund_competition,
    do_fund_task,
    do_open_participant_thread,
    do_pick_winner,
    do_post_competition,
    do_post_task,
    do_reject_submission,
    do_shortlist_entry,
    do_submit_answer,
    do_submit_entry,
)
from yorozu.formats.actions.competitions import selection_ends
from yorozu.formats.actions.editing import do_edit_competition, do_edit_task
from yorozu.formats.forms import (
    AnswerForm,
    CommentForm,
    CompetitionForm,
    DecideForm,
    EntryForm,
    PostingEditForm,
    RejectForm,
    TaskForm,
)
from yorozu.formats.models import CompetitionEntry, CompetitionStage
from yorozu.jobs.models import JobModeration, JobStatus
from yorozu.trust.screening import Blocked


class SignedInRequest(HttpRequest):
    user: User


def _post_form(request, form_class, action, template: str) -> HttpResponse:
    """Post a task or a competition: refused drafts are kept with the reasons."""
    if not request.user.acting_as_client:
        return render(request, "jobs/job_new_as_worker.html")
    if not can_use(request.user, "post"):
        messages.error(request, restricted_message("post"))
        return redirect("enforcement:statement")
    form = form_class(request.POST if request.method == "POST" else None)
    refusal = None
    refused: Refused | None = None
    if request.method == "POST" and form.is_valid():
        try:
            job = action(client=request.user, data=form.cleaned_data, actor=request.user)
        except Blocked as exc:
            refusal = exc.shown()
        except Refused as exc:
            form.add_error(None, exc.message)
            refused = exc
        else:
            messages.success(request, _("Posted. Fund it into escrow to make it public."))
            name = "formats:task" if form_class is TaskForm else "formats:competition"
            return redirect(name, job_id=job.pk)
    response = render(request, template, {"form": form, "refusal": refusal})
    return with_refusal(response, refused)


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: SignedInRequest) -> HttpResponse:
    return _post_form(request, TaskForm, do_post_task, "formats/task_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def competition_new(request: SignedInRequest) -> HttpResponse:
    return _post_form(
        request, CompetitionForm, do_post_competition, "formats/competition_form.html"
    )


def _edit_form(request, item, action, *, brief: bool, detail: str) -> HttpResponse:
    """Edit a posted task or competition: refused drafts are kept with the reasons."""
    job = item.job
    form = PostingEditForm(request.POST if request.method == "POST" else None, job=job, brief=brief)
    refusal = None
    refused: Refused | None = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = action(item, form.cleaned_data, actor=request.user)
        except Blocked as exc:
            refusal = exc.shown()
        except Refused as exc:
            form.add_error(None, exc.message)
            refused = exc
        else:
            if not changed:
                messages.info(request, _("Nothing was changed."))
            elif job.moderation == JobModeration.HELD:
                messages.warning(
                    request,
                    _(
                        "Saved. The secretariat checks the change before the posting is "
                        "public again."
                    ),
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(detail, job_id=job.pk)
    context = {"form": form, "refusal": refusal, "job": job, "item": item, "brief": brief}
    return with_refusal(render(request, "formats/posting_edit.html", context), refused)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: SignedInRequest, job_id: int) -> HttpResponse:
    task = selectors.access_own_task(request.user, job_id)
    return _edit_form(request, task, do_edit_task, brief=False, detail="formats:task")


@login_required
@require_http_methods(["GET", "POST"])
def competition_edit(request: SignedInRequest, job_id: int) -> HttpResponse:
    competition = selectors.access_own_competition(request.user, job_id)
    return _edit_form(
        request, competition, do_edit_competition, brief=True, detail="formats:competition"
    )


# ---- tasks -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def task_detail(request: SignedInRequest, job_id: int) -> HttpResponse:
    """A task: instructions and the answer form for workers; funding and a link to the answers
    for its client."""
    task = selectors.access_task(request.user, job_id)
    user = request.user
    is_owner = user.is_authenticated and task.job.client_id == user.pk
    form = None
    refusal = None
    refused: Refused | None = None
    can_answer = (
        user.is_authenticated
        and not is_owner
        and not user.acting_as_client
        and task.job.status == JobStatus.OPEN
        and task.job.is_public
        and not task.job.deadline_passed
    )
    if can_answer:
        form = AnswerForm(request.POST if request.method == "POST" else None, task=task)
        if request.method == "POST" and form.is_valid():
            try:
                do_submit_answer(task, worker=user, answer=form.cleaned_data["answer"], actor=user)
            except Blocked as exc:
                refusal = exc.shown()
            except Refused as exc:
                form.add_error(None, exc.message)
                refused = exc
            else:
                messages.success(request, _("Your answer is sent. The client will review it."))
                return redirect("formats:task", job_id=task.pk)
    elif request.method == "POST":
        messages.error(request, _("This task is not taking answers."))
        return redirect("formats:task", job_id=task.pk)
    context = {
        "task": task,
        "job": task.job,
        "is_owner": is_owner,
        "form": form,
        "refusal": refusal,
        "mine": selectors.my_answers_to(task, user),
        "take_home": task.unit_price - platform_fee(task.unit_price),
    }
    return with_refusal(render(request, "formats/task_detail.html", context), refused)


@login_required
@require_POST
def task_fund(request: SignedInRequest, job_id: int) -> HttpResponse:
    task = selectors.access_own_task(request.user, job_id)
    do_fund_task(task, actor=request.user)
    messages.success(request, _("The budget is in escrow. Your task is open."))
    return redirect("formats:task", job_id=task.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_close(request: SignedInRequest, job_id: int) -> HttpResponse:
    task = selectors.access_own_task(request.user, job_id)
    if request.method == "POST":
        returned = do_close_task(task, actor=request.user)
        if returned is not None:
            messages.success(
                request,
                _("The task is closed. ¥%(amount)s of unused budget was returned.")
                % {"amount": f"{returned:,}"},
            )
        return redirect("formats:task_review", job_id=task.pk)
    return render(request, "formats/task_close.html", {"task": task, "job": task.job})


@login_required
def task_review(request: SignedInRequest, job_id: int) -> HttpResponse:
    """The client's list of answers, waiting ones first, each to approve or reject."""
    task = selectors.access_own_task(request.user, job_id)
    page = Paginator(selectors.submissions_of_task(task), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"task": task, "job": task.job, "page_obj": page, "reject_form": RejectForm()}
    return render(request, "formats/task_review.html", context)


@login_required
@require_POST
def answer_approve(request: SignedInRequest, submission_id: int) -> HttpResponse:
    submission = selectors.access_own_submission(request.user, submission_id)
    if do_approve_submission(submission, actor=request.user):
        messages.success(request, _("Approved. One unit was paid to the worker."))
    else:
        messages.info(request, _("This answer was already decided."))
    return redirect("formats:task_review", job_id=submission.task_id)


@login_required
@require_POST
def answer_reject(request: SignedInRequest, submission_id: int) -> HttpResponse:
    submission = selectors.access_own_submission(request.user, submission_id)
    form = RejectForm(request.POST)
    reason = form.data.get("reason", "")
    try:
        done = do_reject_submission(submission, reason=reason, actor=request.user)
    except Blocked as exc:
        messages.error(request, " ".join([str(exc.message), *exc.shown()["messages"]]))
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        if done:
            messages.success(request, _("Rejected. The worker is told your reason."))
        else:
            messages.info(request, _("This answer was already decided."))
    return redirect("formats:task_review", job_id=submission.task_id)


@login_required
@require_POST
def task_message(request: SignedInRequest, job_id: int, worker_id: int) -> HttpResponse:
    task = selectors.access_own_task(request.user, job_id)
    thread = do_open_participant_thread(task, worker_id=worker_id, actor=request.user)
    return redirect("messaging:thread", thread_id=thread.pk)


@login_required
def my_answers(request: SignedInRequest) -> HttpResponse:
    """A worker's answers and what became of them; clients who reject often can be reported."""
    page = Paginator(selectors.answers_of_worker(request.user), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "rejecting": selectors.clients_rejecting_often(request.user)}
    return render(request, "formats/my_answers.html", context)


@login_required
def my_entries(request: SignedInRequest) -> HttpResponse:
    """A worker's competition entries and what became of them (shortlisted, won)."""
    page = Paginator(selectors.entries_of_worker(request.user), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "formats/my_entries.html", {"page_obj": page})


# ---- competitions ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def competition_detail(request: SignedInRequest, job_id: int) -> HttpResponse:
    """A competition: the brief, and the entry form (text and files) for workers, their
    entries; funding and the entries, with their files, for its client."""
    competition = selectors.access_competition(request.user, job_id)
    job = competition.job
    user = request.user
    is_owner = user.is_authenticated and job.client_id == user.pk
    mine = selectors.my_entries(competition, user)
    can_enter = (
        user.is_authenticated
        and not is_owner
        and not user.acting_as_client
        and len(mine) < competition.entries_per_worker
        and competition.is_open
        and job.is_public
        and not job.deadline_passed
    )
    form = None
    refusal = None
    refused: Refused | None = None
    if can_enter:
        form = EntryForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                do_submit_entry(
                    competition,
                    worker=user,
                    body=form.cleaned_data["body"],
                    files=request.FILES.getlist("files"),
                    actor=user,
                )
            except FileBlocked as exc:
                refusal = {**exc.shown(), "file": exc.file_name}
                refused = exc
            except Blocked as exc:
                refusal = exc.shown()
            except Refused as exc:
                form.add_error(None, exc.message)
                refused = exc
            else:
                messages.success(request, _("Your entry is sent."))
                return redirect("formats:competition", job_id=job.pk)
    elif request.method == "POST":
        messages.error(request, _("This competition is not taking entries."))
        return redirect("formats:competition", job_id=job.pk)
    entries = None
    if is_owner:
        entries = Paginator(
            selectors.visible_entries_of(competition), selectors.PAGE_SIZE
        ).get_page(request.GET.get("page"))
        entries.object_list = selectors.with_files(entries.object_list, competition, user)
    context = {
        "competition": competition,
        "job": job,
        "is_owner": is_owner,
        "form": form,
        "refusal": refusal,
        "mine": mine,
        "page_obj": entries,
        "comment_form": CommentForm(),
        "selection_ends": selection_ends(job),
        "take_home": competition.prize - platform_fee(competition.prize),
    }
    response = render(request, "formats/competition_detail.html", context)
    return with_refusal(response, refused)


@login_required
@require_POST
def competition_fund(request: SignedInRequest, job_id: int) -> HttpResponse:
    competition = selectors.access_own_competition(request.user, job_id)
    do_fund_competition(competition, actor=request.user)
    messages.success(request, _("The prize is in escrow. Your competition is open."))
    return redirect("formats:competition", job_id=job_id)


def _own_entry(request, job_id: int, entry_id: int) -> CompetitionEntry:
    competition = selectors.access_own_competition(request.user, job_id)
    return selectors.access_entry(request.user, competition, entry_id)


@login_required
@require_POST
def entry_shortlist(request: SignedInRequest, job_id: int, entry_id: int) -> HttpResponse:
    entry = _own_entry(request, job_id, entry_id)
    do_shortlist_entry(entry, actor=request.user)
    return redirect("formats:competition", job_id=job_id)


@login_required
@require_POST
def entry_comment(request: SignedInRequest, job_id: int, entry_id: int) -> HttpResponse:
    entry = _own_entry(request, job_id, entry_id)
    try:
        do_comment_entry(entry, comment=request.POST.get("comment", ""), actor=request.user)
    except Blocked as exc:
        messages.error(request, " ".join([str(exc.message), *exc.shown()["messages"]]))
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your comment is sent to the worker."))
    return redirect("formats:competition", job_id=job_id)


@login_required
@require_POST
def entry_win(request: SignedInRequest, job_id: int, entry_id: int) -> HttpResponse:
    entry = _own_entry(request, job_id, entry_id)
    do_pick_winner(entry, actor=request.user)
    messages.success(
        request, _("The winner is chosen and paid. The rights to the entry are now yours.")
    )
    return redirect("formats:competition", job_id=job_id)


@staff_view(REVIEW)
@require_http_methods(["GET", "POST"])
def competition_decide(request: SignedInRequest, job_id: int) -> HttpResponse:
    """The secretariat refunds or awards the prize of a competition with no winner."""
    competition = selectors.access_competition_for_decision(request.user, job_id)
    form = DecideForm(request.POST if request.method == "POST" else None)
    refused: Refused | None = None
    if request.method == "POST" and form.is_valid():
        entry = None
        if form.cleaned_data.get("entry"):
            entry = CompetitionEntry.objects.filter(
                pk=form.cleaned_data["entry"], competition=competition
            ).first()
        try:
            do_decide_competition(
                competition,
                outcome=form.cleaned_data["outcome"],
                entry=entry,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except Refused as exc:
            form.add_error(None, exc.message)
            refused = exc
        else:
            messages.success(request, _("The decision is recorded and both sides are told."))
            return redirect("formats:competition_decide", job_id=job_id)
    context = {
        "competition": competition,
        "job": competition.job,
        "form": form,
        "entries": selectors.entries_for_secretariat(competition, request.user),
        "waiting": competition.stage == CompetitionStage.SECRETARIAT,
    }
    return with_refusal(render(request, "formats/competition_decide.html", context), refused)
