"""Task jobs: funding, answers and their limits, approval, rejection, automatic approval and
the close, with the ledger checked at each step."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.models import LedgerAccount, LedgerEntry, WorkerBalance
from yorozu.formats.actions import (
    do_approve_submission,
    do_close_task,
    do_fund_task,
    do_reject_submission,
    do_submit_answer,
)
from yorozu.formats.actions.common import FormatRefused
from yorozu.formats.actions.deadlines import sweep_format_deadlines
from yorozu.formats.actions.task_jobs import AnswerRefused
from yorozu.formats.models import SubmissionStatus, TaskJob, TaskSubmission
from yorozu.formats.tests.factories import posted_task
from yorozu.jobs.models import JobEvent, JobModeration, JobStatus
from yorozu.jobs.selectors import JobSearchParams, access_job, search_jobs

pytestmark = pytest.mark.django_db

ANSWER = "一日3時間くらい使います。LINEとYouTubeとメルカリをよく開きます。"


def workers(n):
    return [UserFactory(role=Role.WORKER) for _ in range(n)]


def escrow(task):
    total = LedgerEntry.objects.filter(job_id=task.pk, account=LedgerAccount.ESCROW).aggregate(
        t=Sum("amount")
    )["t"]
    return int(total or 0)


def balance(user):
    row = WorkerBalance.objects.filter(user=user).first()
    return row.available if row else 0


def answer(task, worker, text=ANSWER):
    return do_submit_answer(task, worker=worker, answer=text, actor=worker)


def fresh(task):
    return TaskJob.objects.select_related("job").get(pk=task.pk)


def test_unfunded_task_is_hidden_until_funded(client_user, worker_user):
    task = posted_task(client_user, fund=False)
    assert task.job.status == JobStatus.UNFUNDED
    assert task.job not in search_jobs(JobSearchParams())
    assert task.job not in search_jobs(JobSearchParams(include_closed=True))
    with pytest.raises(Exception) as info:
        access_job(worker_user, task.pk)
    assert "Http404" in type(info.value).__name__
    with pytest.raises(FormatRefused):
        answer(task, worker_user)
    do_fund_task(task, actor=client_user)
    task = fresh(task)
    assert task.job.status == JobStatus.OPEN
    assert escrow(task) == 1000  # 10 slots × ¥100
    assert task.job in search_jobs(JobSearchParams(format="task"))
    assert task.job not in search_jobs(JobSearchParams(format="project"))


def test_funding_twice_is_refused_and_charged_once(client_user):
    task = posted_task(client_user)
    with pytest.raises(FormatRefused):
        do_fund_task(task, actor=client_user)
    assert escrow(task) == 1000


def test_only_the_client_funds(client_user, outsider):
    task = posted_task(client_user, fund=False)
    with pytest.raises(PermissionDenied):
        do_fund_task(task, actor=outsider)
    assert not LedgerEntry.objects.filter(job_id=task.pk).exists()


def test_one_answer_per_worker_unless_allowed(client_user, worker_user):
    task = posted_task(client_user)
    answer(task, worker_user)
    with pytest.raises(FormatRefused):
        answer(task, worker_user, ANSWER + "追記")
    generous = posted_task(client_user, per_worker=2)
    answer(generous, worker_user)
    answer(generous, worker_user, ANSWER + "二回目")
    with pytest.raises(FormatRefused):
        answer(generous, worker_user, ANSWER + "三回目")
    assert TaskSubmission.objects.filter(task=generous, worker=worker_user).count() == 2


def test_slots_are_never_oversubscribed_and_a_rejection_frees_one(client_user):
    task = posted_task(client_user, slots=2)
    a, b, c = workers(3)
    first = answer(task, a)
    answer(task, b)
    with pytest.raises(FormatRefused):
        answer(task, c)
    do_reject_submission(first, reason="質問に答えていません。", actor=client_user)
    answer(task, c)
    assert fresh(task).slots_left == 0


def test_answer_form_limits(client_user, worker_user):
    task = posted_task(client_user, min_length=20, max_length=40)
    with pytest.raises(AnswerRefused):
        answer(task, worker_user, "短い")
    with pytest.raises(AnswerRefused):
        answer(task, worker_user, "長" * 41)
    choice = posted_task(client_user, answer_kind="choice", choices=["はい", "いいえ"])
    with pytest.raises(AnswerRefused):
        answer(choice, worker_user, "たぶん")
    assert answer(choice, worker_user, "はい").answer == "はい"
    url = posted_task(client_user, answer_kind="url", question="あなたのプロフィールのURL")
    with pytest.raises(AnswerRefused):
        answer(url, worker_user, "https://my-salon.jp/join")
    assert answer(url, worker_user, "/workers/12/").answer == "/workers/12/"
    assert not TaskSubmission.objects.filter(task=task).exists()


def test_own_task_cannot_be_answered(client_user):
    task = posted_task(client_user)
    with pytest.raises(FormatRefused):
        answer(task, client_user)


def test_approval_pays_one_unit_less_the_fee(client_user, worker_user):
    task = posted_task(client_user)
    submission = answer(task, worker_user)
    assert do_approve_submission(submission, actor=client_user) is True
    assert do_approve_submission(submission, actor=client_user) is False  # a double click
    assert balance(worker_user) == 90  # ¥100 less the 10 % fee
    assert escrow(task) == 900
    task = fresh(task)
    assert (task.pending_count, task.approved_count, task.approval_rate) == (0, 1, 100)


def test_only_the_client_decides(client_user, worker_user, outsider):
    task = posted_task(client_user)
    submission = answer(task, worker_user)
    with pytest.raises(PermissionDenied):
        do_approve_submission(submission, actor=outsider)
    with pytest.raises(PermissionDenied):
        do_reject_submission(submission, reason="だめ", actor=worker_user)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PENDING
    assert balance(worker_user) == 0


def test_rejection_needs_a_reason_the_worker_reads(client_user, worker_user):
    task = posted_task(client_user)
    submission = answer(task, worker_user)
    with pytest.raises(AnswerRefused):
        do_reject_submission(submission, reason="  ", actor=client_user)
    do_reject_submission(submission, reason="アプリ名が書かれていません。", actor=client_user)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REJECTED
    assert submission.reason == "アプリ名が書かれていません。"
    assert worker_user.notifications.filter(body__contains="アプリ名").exists()
    assert balance(worker_user) == 0


def test_answer_auto_approves_when_the_period_ends(client_user, worker_user, settings):
    task = posted_task(client_user)
    submission = answer(task, worker_user)
    assert submission.approval_due_at - submission.submitted_at == settings.TASK_APPROVAL_PERIOD
    assert sweep_format_deadlines()["auto_approved"] == 0
    later = timezone.now() + settings.TASK_APPROVAL_PERIOD + datetime.timedelta(seconds=1)
    assert sweep_format_deadlines(later)["auto_approved"] == 1
    assert sweep_format_deadlines(later)["auto_approved"] == 0  # once
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED and submission.decided_by is None
    assert balance(worker_user) == 90
    assert JobEvent.objects.filter(job_id=task.pk, event_type="answer_auto_approved").exists()


def test_close_returns_the_unused_budget_and_the_ledger_sums_to_zero(client_user):
    """10 slots at ¥100: two approved, one rejected, one still waiting at the close and
    rejected after it, one waiting and approved automatically later."""
    task = posted_task(client_user)
    a, b, c, d, e = workers(5)
    do_approve_submission(answer(task, a), actor=client_user)
    do_approve_submission(answer(task, b), actor=client_user)
    do_reject_submission(answer(task, c), reason="回答が質問と関係ありません。", actor=client_user)
    late_reject = answer(task, d)
    late_auto = answer(task, e)
    returned = do_close_task(task, actor=client_user)
    # ¥1,000 − ¥200 paid − ¥200 still claimable by the two waiting answers
    assert returned == 600
    assert fresh(task).job.status == JobStatus.CLOSED
    with pytest.raises(FormatRefused):
        answer(task, UserFactory(role=Role.WORKER))
    assert escrow(task) == 200
    do_reject_submission(late_reject, reason="重複した回答です。", actor=client_user)
    assert escrow(task) == 100  # its unit returned to the client
    sweep_format_deadlines(late_auto.approval_due_at + datetime.timedelta(seconds=1))
    assert escrow(task) == 0
    rows = LedgerEntry.objects.filter(job_id=task.pk)
    assert rows.aggregate(t=Sum("amount"))["t"] == 0
    by_account = dict(
        rows.values_list("account").annotate(t=Sum("amount")).order_by().values_list("account", "t")
    )
    assert by_account[LedgerAccount.CLIENT] == -300  # three units paid for
    assert by_account[LedgerAccount.WORKER] == 270
    assert by_account[LedgerAccount.PLATFORM] == 30
    assert do_close_task(task, actor=client_user) is None  # closing twice moves nothing


def test_the_sweep_closes_a_task_past_its_deadline(client_user, worker_user):
    task = posted_task(client_user)
    answer(task, worker_user)
    type(task.job).objects.filter(pk=task.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert sweep_format_deadlines()["tasks_closed"] == 1
    assert escrow(task) == 100  # the waiting answer's unit stays
    assert fresh(task).job.status == JobStatus.CLOSED


def test_a_taken_down_task_closes_and_returns_the_rest(client_user, worker_user):
    task = posted_task(client_user)
    waiting = answer(task, worker_user)
    type(task.job).objects.filter(pk=task.pk).update(moderation=JobModeration.REJECTED)
    assert sweep_format_deadlines()["taken_down"] == 1
    assert fresh(task).job.status == JobStatus.CLOSED
    assert escrow(task) == 100  # the waiting answer keeps its unit until decided
    do_reject_submission(waiting, reason="掲載が取り下げられたため。", actor=client_user)
    assert escrow(task) == 0
