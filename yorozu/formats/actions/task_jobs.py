"""Task jobs: post, fund, answer, approve or reject each answer, close.

Money: the client funds every slot at the unit price into escrow before the task is public
(`task:<id>:deposit`); each approval releases one unit to its worker, less the platform fee
(`answer:<id>:release`); closing returns what no answer can still claim (`task:<id>:refund`),
and an answer rejected after the close returns its unit (`answer:<id>:refund`). So once a
closed task has no answer waiting, its escrow is empty and its ledger sums to zero.

An answer not decided within `TASK_APPROVAL_PERIOD` is approved by the sweep
(`deadlines.sweep_format_deadlines`), with no actor: the audit says the period ended.
`TASK_APPROVAL_REMINDER` before that, the same sweep reminds the client once per answer
(one notification and e-mail per task while the previous one is unread).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.gates import admit
from yorozu.contracts import ledger
from yorozu.enforcement.selectors import can_use, is_visible, restricted_message
from yorozu.formats.actions.common import (
    NOT_OPEN,
    FormatRefused,
    create_job,
    deposit,
    key,
    record,
    refund,
    refuse_unfit_client_note,
    release,
    require_owner,
    require_poster,
    require_publishable,
    screen_posting,
)
from yorozu.formats.models import AnswerKind, SubmissionStatus, TaskJob, TaskSubmission
from yorozu.formats.rules import (
    is_platform_url,
    refuse_off_platform_links,
    refuse_personal_data,
)
from yorozu.jobs.models import Job, JobFormat, JobStatus
from yorozu.messaging.actions import ensure_thread
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import (
    PRE_CONTRACT,
    Context,
    apply_verdict,
    check_slowdown,
    refuse_if_blocked,
    screen,
)

if TYPE_CHECKING:
    from yorozu.accounts.models import User

TASK_FIELDS = (
    "question",
    "answer_kind",
    "min_length",
    "max_length",
    "choices",
    "unit_price",
    "slots",
    "per_worker",
)


def answer_form_text(question: str, choices: list[str]) -> str:
    return "\n".join([question, *(f"・{c}" for c in choices)])


def do_post_task(*, client: User, data: Mapping[str, Any], actor: User) -> Job:
    """Post a task from validated form data (see `forms.TaskForm`); it waits for escrow.

    Refused with `PersonalDataRequested` when the answer form asks for personal data, and with
    `trust.screening.Blocked` when the door refuses the posting; a held posting is stored but
    not public, and cannot be funded, until the secretariat approves it.
    """
    require_poster(client, actor)
    choices = list(data.get("choices") or [])
    refuse_personal_data(
        question=data["question"], choices=choices, instructions=data["description"]
    )
    screened = screen_posting(
        data["title"],
        data["description"],
        answer_form_text(data["question"], choices),
        client=client,
        actor=actor,
    )
    return _create_task(client=client, data=data, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _create_task(*, client: User, data: Mapping[str, Any], screened, actor: User) -> Job:
    values = {name: data[name] for name in TASK_FIELDS if name in data}
    budget = values["unit_price"] * values["slots"]
    job = create_job(
        client=client,
        data=data,
        job_format=JobFormat.TASK,
        budget=budget,
        hires=values["slots"],
        screened=screened,
        actor=actor,
    )
    TaskJob.objects.create(job=job, **values)
    return job


@transaction.atomic(durable=True)
def do_fund_task(task: TaskJob, *, actor: User) -> TaskJob:
    """Pay the whole budget (slots × unit price) into escrow; the task opens (public once the
    secretariat lets the posting be). Funding twice is refused, never charged twice."""
    job = Job.objects.select_for_update().get(pk=task.job_id)
    require_owner(job, actor)
    locked = TaskJob.objects.get(pk=task.pk)
    if job.status != JobStatus.UNFUNDED or locked.funded_at is not None:
        raise FormatRefused(_("This task is already funded."))
    require_publishable(job)
    deposit(job, locked.budget, movement=key("task", job.pk, "deposit"))
    now = timezone.now()
    locked.funded_at = now
    locked.save(update_fields=["funded_at"])
    job.status = JobStatus.OPEN
    job.updated_at = now
    job.save(update_fields=["status", "updated_at"])
    record(job, "funded", actor=actor, amount=locked.budget)
    task.funded_at, task.job.status = now, JobStatus.OPEN
    return locked


# ---- answers ---------------------------------------------------------------------------------


class AnswerRefused(FormatRefused):
    default_code = "answer_refused"
    status = 400


def clean_answer(task: TaskJob, answer: str) -> str:
    """The answer as stored, or `AnswerRefused` saying what the form asks for."""
    answer = (answer or "").strip()
    if task.answer_kind == AnswerKind.CHOICE:
        if answer not in task.choices:
            raise AnswerRefused(_("Please choose one of the listed answers."))
        return answer
    if task.answer_kind == AnswerKind.URL:
        if not is_platform_url(answer):
            raise AnswerRefused(
                _("Please enter the address of your own page on yorozu (e.g. your profile).")
            )
        return answer
    if len(answer) < max(1, task.min_length):
        raise AnswerRefused(
            _("Your answer is too short: at least %(n)s characters, please.")
            % {"n": max(1, task.min_length)}
        )
    if len(answer) > task.max_length:
        raise AnswerRefused(
            _("Your answer is too long: at most %(n)s characters, please.") % {"n": task.max_length}
        )
    return answer


def answer_context(job: Job) -> Context:
    """An answer is a worker's text to the client before any contract, about this task."""
    return Context(
        stage=PRE_CONTRACT, sender_role="worker", job_title=job.title, job_text=job.description
    )


def do_submit_answer(task: TaskJob, *, worker: User, answer: str, actor: User) -> TaskSubmission:
    """Send one answer. Checked in order: the worker may write to clients, the answer fits the
    form, links only to yorozu, and passes the screening door (a flagged answer is refused
    with its reasons and the draft kept); then, locked, the task is open and has a slot, and
    the worker has answers left."""
    if actor is None or actor.pk != worker.pk:
        raise PermissionDenied("an answer is sent by its worker")
    admit(worker, "proposal")
    if not can_use(worker, "message"):
        raise PermissionDenied(restricted_message("message"))
    check_slowdown(worker)
    cleaned = clean_answer(task, answer)
    refuse_off_platform_links(cleaned)
    screened = screen("answer", cleaned, author=worker, context=answer_context(task.job))
    refuse_if_blocked(screened, author=worker, actor=actor)
    return _store_answer(task, worker=worker, answer=cleaned, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _store_answer(task: TaskJob, *, worker: User, answer: str, screened, actor: User):
    locked = TaskJob.objects.select_for_update().select_related("job").get(pk=task.pk)
    job = locked.job
    if job.client_id == worker.pk:
        raise FormatRefused(_("You cannot answer your own task."))
    if (
        job.status != JobStatus.OPEN
        or not job.is_public
        or job.deadline_passed
        or not is_visible("job", job.client)
    ):
        raise FormatRefused(NOT_OPEN)
    sent = TaskSubmission.objects.filter(task=locked, worker=worker).count()
    if sent >= locked.per_worker:
        raise FormatRefused(
            _("You have already sent the answers this task allows (%(n)s).")
            % {"n": locked.per_worker}
        )
    if locked.slots_left <= 0:
        raise FormatRefused(_("This task has no places left."))
    now = timezone.now()
    submission = TaskSubmission.objects.create(
        task=locked,
        worker=worker,
        answer=answer,
        assessment=screened.stored,
        submitted_at=now,
        approval_due_at=now + settings.TASK_APPROVAL_PERIOD,
    )
    TaskJob.objects.filter(pk=locked.pk).update(pending_count=F("pending_count") + 1)
    apply_verdict(screened, content=submission, author=worker, actor=actor)
    do_notify(
        job.client,
        kind="task_answer",
        title=_("New answers to your task “%(title)s”"),
        body=_("Please approve or reject each answer within the approval period."),
        url=reverse("formats:task_review", args=[job.pk]),
        params={"title": job.title},
        collapse_key=f"task:{job.pk}:answers",
    )
    return submission


# ---- decisions -------------------------------------------------------------------------------


def _decide(submission_id: int, to: str, *, actor: User | None, reason: str = "") -> bool:
    """Move a pending answer to `to` (a conditional update: a decision happens once)."""
    now = timezone.now()
    return bool(
        TaskSubmission.objects.filter(pk=submission_id, status=SubmissionStatus.PENDING).update(
            status=to, decided_at=now, decided_by=actor, reason=reason
        )
    )


def _pay(submission: TaskSubmission, *, actor: User | None, auto: bool) -> bool:
    locked = TaskJob.objects.select_for_update().select_related("job").get(pk=submission.task_id)
    if not _decide(submission.pk, SubmissionStatus.APPROVED, actor=actor):
        return False
    TaskJob.objects.filter(pk=locked.pk).update(
        pending_count=F("pending_count") - 1, approved_count=F("approved_count") + 1
    )
    moved = release(
        locked.job,
        locked.unit_price,
        worker_id=submission.worker_id,
        movement=key("answer", submission.pk, "release"),
    )
    record(
        locked.job,
        "answer_auto_approved" if auto else "answer_approved",
        actor=actor,
        submission=submission.pk,
        worker=submission.worker_id,
        **moved,
    )
    do_notify(
        submission.worker,
        kind="task_answer_approved",
        title=_("Your answer to “%(title)s” was approved"),
        body=_("¥%(take_home)s (after the platform fee) was added to your earnings."),
        url=reverse("formats:my_answers"),
        params={"title": locked.job.title, "take_home": f"{moved['take_home']:,}"},
    )
    return True


@transaction.atomic(durable=True)
def do_approve_submission(submission: TaskSubmission, *, actor: User) -> bool:
    """The client approves an answer: one unit is paid to its worker. False if it was already
    decided (a double click, or the period ended first)."""
    require_owner(submission.task.job, actor)
    return _pay(submission, actor=actor, auto=False)


@transaction.atomic(durable=True)
def do_auto_approve_submission(submission_id: int, *, now=None) -> bool:
    """Approve an answer whose approval period has ended (the sweep; no actor)."""
    now = now or timezone.now()
    submission = (
        TaskSubmission.objects.select_related("task__job", "worker")
        .filter(pk=submission_id, status=SubmissionStatus.PENDING, approval_due_at__lte=now)
        .first()
    )
    if submission is None:
        return False
    return _pay(submission, actor=None, auto=True)


@transaction.atomic(durable=True)
def do_remind_task_approvals(task_id: int, *, now=None) -> int:
    """Remind the client of `task_id` that answers will be approved automatically soon: those
    pending whose period ends within `TASK_APPROVAL_REMINDER` and that were never reminded of
    (a conditional update, so each answer is reminded of once). Returns how many answers the
    reminder was about (0: nothing sent)."""
    now = now or timezone.now()
    due = TaskSubmission.objects.filter(
        task_id=task_id,
        status=SubmissionStatus.PENDING,
        reminded_at__isnull=True,
        approval_due_at__gt=now,
        approval_due_at__lte=now + settings.TASK_APPROVAL_REMINDER,
    )
    ids = list(due.values_list("pk", flat=True))
    first_due = due.order_by("approval_due_at").values_list("approval_due_at", flat=True).first()
    count = TaskSubmission.objects.filter(pk__in=ids, reminded_at__isnull=True).update(
        reminded_at=now
    )
    if not count or first_due is None:
        return 0
    job = Job.objects.select_related("client").get(pk=task_id)
    record(job, "approval_reminder", actor=None, answers=count)
    do_notify(
        job.client,
        kind="task_approval_reminder",
        title=_("Answers to “%(title)s” will be approved automatically soon"),
        body=_(
            "%(count)s answers are waiting for your decision. Unless you approve or reject them, "
            "they are approved automatically from %(due)s and paid from the escrow."
        ),
        url=reverse("formats:task_review", args=[job.pk]),
        params={
            "title": job.title,
            "count": count,
            "due": timezone.localtime(first_due).strftime("%Y/%m/%d %H:%M"),
        },
        # Answers come due one after another: while a reminder about this task is unread, the
        # next ones are covered by it (no second notification or e-mail).
        collapse_key=f"task:{job.pk}:approval_reminder",
    )
    return count


def do_reject_submission(submission: TaskSubmission, *, reason: str, actor: User) -> bool:
    """The client rejects an answer, with a reason the worker reads (screened as a message from
    the client). Before the close the place opens again; after it the unit returns to the
    client. False if the answer was already decided."""
    require_owner(submission.task.job, actor)
    reason = (reason or "").strip()
    if not reason:
        raise AnswerRefused(_("Please tell the worker why the answer is rejected."))
    job = submission.task.job
    refuse_unfit_client_note(
        job,
        reason,
        actor=actor,
        held=AnswerRefused(
            _("This reason cannot be sent as written. Please explain only what the answer lacks.")
        ),
    )
    return _reject(submission, reason=reason[:1000], actor=actor)


@transaction.atomic(durable=True)
def _reject(submission: TaskSubmission, *, reason: str, actor: User) -> bool:
    locked = TaskJob.objects.select_for_update().select_related("job").get(pk=submission.task_id)
    if not _decide(submission.pk, SubmissionStatus.REJECTED, actor=actor, reason=reason):
        return False
    TaskJob.objects.filter(pk=locked.pk).update(
        pending_count=F("pending_count") - 1, rejected_count=F("rejected_count") + 1
    )
    returned = 0
    if locked.job.status == JobStatus.CLOSED:
        returned = refund(
            locked.job, locked.unit_price, movement=key("answer", submission.pk, "refund")
        )
    record(
        locked.job,
        "answer_rejected",
        actor=actor,
        submission=submission.pk,
        worker=submission.worker_id,
        reason=reason,
        refunded=returned,
    )
    do_notify(
        submission.worker,
        kind="task_answer_rejected",
        title=_("Your answer to “%(title)s” was not approved"),
        body=_("Reason: %(reason)s"),
        url=reverse("formats:my_answers"),
        params={"title": locked.job.title, "reason": reason},
    )
    return True


# ---- closing ---------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_close_task(task: TaskJob, *, actor: User | None) -> int | None:
    """Stop taking answers and return to the client what no answer can still claim: the budget
    less what was paid and what waiting answers may still be paid. `actor` None is the sweep
    at the deadline. Returns the amount returned, or None if the task was not open."""
    job = Job.objects.select_for_update().get(pk=task.job_id)
    if actor is not None:
        require_owner(job, actor)
    if job.status not in (JobStatus.OPEN, JobStatus.UNFUNDED):
        return None
    locked = TaskJob.objects.select_for_update().get(pk=task.pk)
    now = timezone.now()
    returned = 0
    if job.status == JobStatus.OPEN:
        held = ledger.job_escrow_held(job)
        returned = refund(
            job,
            held - locked.pending_count * locked.unit_price,
            movement=key("task", job.pk, "refund"),
        )
    job.status, job.closed_at, job.updated_at = JobStatus.CLOSED, now, now
    job.save(update_fields=["status", "closed_at", "updated_at"])
    locked.closed_at = now
    locked.save(update_fields=["closed_at"])
    record(job, "closed", actor=actor, refunded=returned, pending=locked.pending_count)
    if returned:
        do_notify(
            job.client,
            kind="task_closed",
            title=_("Your task “%(title)s” is closed"),
            body=_("¥%(amount)s of unused budget was returned to you."),
            url=reverse("formats:task_review", args=[job.pk]),
            params={"title": job.title, "amount": f"{returned:,}"},
        )
    return returned


# ---- talking to participants -----------------------------------------------------------------


def do_open_participant_thread(task: TaskJob, *, worker_id: int, actor: User):
    """The message thread between the client and one worker who answered the task.

    Its messages are screened with the task as their context (the thread's job is the task's
    posting), before any escrow: "thanks for the task, here is a job on another site" is the
    bait-and-switch the door holds."""
    require_owner(task.job, actor)
    if not can_use(actor, "message"):
        raise PermissionDenied(restricted_message("message"))
    submission = (
        TaskSubmission.objects.filter(task=task, worker_id=worker_id)
        .select_related("worker")
        .first()
    )
    if submission is None:
        raise FormatRefused(_("You can write only to workers who answered this task."))
    return ensure_thread(task.job, submission.worker)
