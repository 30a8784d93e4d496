"""The client's task approval rate as a certification criterion (a row, off by default)."""

import datetime

import pytest
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.certification.actions import do_evaluate_certifications
from yorozu.certification.metrics import task_approval_rate
from yorozu.certification.models import CertificationStatus, Criterion
from yorozu.formats.actions import do_approve_submission, do_reject_submission, do_submit_answer
from yorozu.formats.tests.factories import posted_task

pytestmark = pytest.mark.django_db

ANSWER = "一日3時間くらい使います。LINEとYouTubeとメルカリをよく開きます。"


def decided(client, approve: int, reject: int):
    task = posted_task(client, slots=max(10, approve + reject))
    for i in range(approve + reject):
        worker = UserFactory(role=Role.WORKER)
        submission = do_submit_answer(task, worker=worker, answer=ANSWER, actor=worker)
        if i < approve:
            do_approve_submission(submission, actor=client)
        else:
            do_reject_submission(submission, reason="質問に答えていません。", actor=client)


def test_the_criterion_ships_switched_off():
    criterion = Criterion.objects.get(code="task_approval")
    assert criterion.enabled is False
    assert criterion.metric == "task_approval_rate"


def test_the_rate_is_approved_of_decided_answers(client_user):
    other = UserFactory(role=Role.CLIENT)
    decided(client_user, approve=3, reject=1)
    decided(other, approve=0, reject=0)
    now = timezone.now()
    rates = task_approval_rate(now - datetime.timedelta(days=182), now, None)
    assert rates[client_user.pk] == 75.0
    assert other.pk not in rates  # no decided answer: no record


def test_switched_on_it_counts_for_the_badge(client_user):
    decided(client_user, approve=1, reject=3)
    Criterion.objects.update(enabled=False)
    Criterion.objects.filter(code="task_approval").update(enabled=True)
    do_evaluate_certifications(now=timezone.now() + datetime.timedelta(seconds=1))
    status = CertificationStatus.objects.get(client=client_user)
    assert status.values["task_approval"] == 25.0
    assert status.certified is False and status.failed == ["task_approval"]
    decided(client_user, approve=12, reject=0)  # 13 of 16 approved: 81.25 %
    do_evaluate_certifications(now=timezone.now() + datetime.timedelta(seconds=1))
    status = CertificationStatus.objects.get(client=client_user)
    assert status.certified is True
