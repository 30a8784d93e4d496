"""Screening the whole funnel with the real engine: postings, answers, entries, and the
client's messages to task participants, judged with the task as their context."""

import uuid

import pytest

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.models import LedgerEntry
from yorozu.formats.actions import (
    do_approve_submission,
    do_fund_task,
    do_open_participant_thread,
    do_post_task,
    do_submit_answer,
    do_submit_entry,
)
from yorozu.formats.actions.common import FormatRefused
from yorozu.formats.models import CompetitionEntry, TaskJob, TaskSubmission
from yorozu.formats.rules import OffPlatformLink, PersonalDataRequested, personal_data_asked
from yorozu.formats.tests.factories import posted_competition, posted_task, task_data
from yorozu.jobs.models import Job, JobModeration
from yorozu.jobs.selectors import JobSearchParams, search_jobs
from yorozu.messaging.actions import do_send_message
from yorozu.messaging.models import Message, MessageStatus
from yorozu.messaging.screening import message_context
from yorozu.moderation.models import CaseQueue, ModerationCase
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import PRE_CONTRACT, Blocked

pytestmark = pytest.mark.django_db

ANSWER = "一日3時間くらい使います。LINEとYouTubeとメルカリをよく開きます。"


@pytest.mark.parametrize(
    "question",
    [
        "あなたの電話番号を教えてください",
        "ご住所（番地まで）を記入してください",
        "振込先の銀行口座を書いてください",
        "LINE IDを教えてください",
        "ＬＩＮＥ　ＩＤ（全角でも）",
        "連絡用のメールアドレス",
    ],
)
def test_a_task_asking_for_personal_data_is_refused_at_posting(client_user, question):
    with pytest.raises(PersonalDataRequested):
        do_post_task(client=client_user, data=task_data(question=question), actor=client_user)
    assert not Job.objects.filter(client=client_user).exists()


def test_choices_and_instructions_are_read_too(client_user):
    with pytest.raises(PersonalDataRequested):
        do_post_task(
            client=client_user,
            data=task_data(answer_kind="choice", choices=["はい", "電話番号を送ります"]),
            actor=client_user,
        )
    with pytest.raises(PersonalDataRequested):
        do_post_task(
            client=client_user,
            data=task_data(description="回答のあと、確認のためLINE IDを回答欄に記入してください。"),
            actor=client_user,
        )
    assert not Job.objects.filter(client=client_user).exists()


def test_a_survey_about_addresses_is_not_a_request_for_one():
    assert not personal_data_asked(
        question="お住まいの都道府県を教えてください",
        choices=[],
        instructions="引っ越しで住所変更の手続きをした経験について伺います。",
    )


def test_a_posting_the_door_blocks_is_refused_and_recorded(client_user):
    text = (
        "【副業】スマホだけで月収100万円。まずは公式LINEに登録して、教材費3万円をお振込み"
        "ください。紹介すると報酬が入るネットワークビジネスです。"
    )
    with pytest.raises(Blocked):
        do_post_task(
            client=client_user,
            data=task_data(description=text, question="やる気を一言で"),
            actor=client_user,
        )
    assert not Job.objects.filter(client=client_user).exists()
    assert ScreeningRecord.objects.filter(author=client_user, kind="job").exists()


def test_a_suspicious_task_is_held_for_the_secretariat_and_never_public(client_user):
    job = do_post_task(
        client=client_user,
        data=task_data(description="スマホだけで月収100万円。簡単な作業です。"),
        actor=client_user,
    )
    assert job.moderation == JobModeration.HELD
    assert ModerationCase.objects.filter(queue=CaseQueue.JOBS, object_id=job.pk).exists()
    assert ScreeningRecord.objects.filter(author=client_user, kind="job").exists()
    # No money goes into escrow for a posting the secretariat may not publish.
    with pytest.raises(FormatRefused):
        do_fund_task(TaskJob.objects.get(pk=job.pk), actor=client_user)
    assert not LedgerEntry.objects.filter(job=job).exists()
    assert job not in search_jobs(JobSearchParams())


def test_an_answer_with_a_line_id_is_refused_with_its_reasons(client_user, worker_user):
    task = posted_task(client_user)
    with pytest.raises(Blocked) as info:
        do_submit_answer(
            task, worker=worker_user, answer=ANSWER + "私のLINE IDは abc123 です", actor=worker_user
        )
    assert info.value.shown()["messages"]
    assert not TaskSubmission.objects.exists()
    assert ScreeningRecord.objects.filter(author=worker_user, kind="answer").exists()


@pytest.mark.parametrize(
    "link", ["https://my-salon.jp/join", "lin.ee/AbCdEf", "ｈｔｔｐｓ：／／ｍｙ－ｓａｌｏｎ．ｊｐ"]
)
def test_an_answer_linking_off_the_platform_is_refused(client_user, worker_user, link):
    task = posted_task(client_user)
    # A link the door reads as a contact move (LINE's short links) is refused by the door.
    with pytest.raises((OffPlatformLink, Blocked)):
        do_submit_answer(
            task, worker=worker_user, answer=f"{ANSWER} 詳しくはこちら {link}", actor=worker_user
        )
    assert not TaskSubmission.objects.exists()


def test_a_link_to_yorozu_itself_is_fine(client_user, worker_user, settings):
    task = posted_task(client_user)
    do_submit_answer(
        task,
        worker=worker_user,
        answer=f"{ANSWER} 私の実績: {settings.SITE_URL}/workers/1/",
        actor=worker_user,
    )
    assert TaskSubmission.objects.count() == 1


def test_an_entry_is_screened_like_an_answer(client_user, worker_user):
    competition = posted_competition(client_user)
    with pytest.raises(Blocked):
        do_submit_entry(
            competition,
            worker=worker_user,
            body="ロゴ案です。続きはLINEで送ります。ID: cafe_logo99",
            actor=worker_user,
        )
    with pytest.raises(OffPlatformLink):
        do_submit_entry(
            competition,
            worker=worker_user,
            body="ロゴ案はこちらに置きました https://my-portfolio.jp/cafe",
            actor=worker_user,
        )
    assert not CompetitionEntry.objects.exists()


def _participant_thread(client_user):
    task = posted_task(client_user)
    worker = UserFactory(role=Role.WORKER)
    submission = do_submit_answer(task, worker=worker, answer=ANSWER, actor=worker)
    do_approve_submission(submission, actor=client_user)
    thread = do_open_participant_thread(task, worker_id=worker.pk, actor=client_user)
    return task, worker, thread


def send(thread, sender, body):
    return do_send_message(
        thread=thread, sender=sender, body=body, idempotency_key=str(uuid.uuid4()), actor=sender
    )


def test_a_message_to_a_participant_is_judged_with_the_task_as_context(client_user):
    task, worker, thread = _participant_thread(client_user)
    context = message_context(thread, client_user)
    assert context.job_title == task.job.title
    assert context.job_text == task.job.description
    assert context.stage == PRE_CONTRACT  # a task is never past escrow for messaging
    assert context.sender_role == "client"
    message = send(
        thread, client_user, "タスクにご協力ありがとうございました。別サイトの案件をご紹介します"
    )
    assert message.status == MessageStatus.HELD  # stopped: the worker never sees it
    assert not worker.notifications.filter(kind="message").exists()


def test_the_task_context_is_what_catches_a_better_paid_offer(client_user):
    """Without the task as context this reads as small talk; with it, as an offer that is not
    part of the task (the engine's bait-and-switch by context)."""
    _task, _worker, thread = _participant_thread(client_user)
    message = send(
        thread,
        client_user,
        "タスクにご協力ありがとうございました。もっと稼げるお仕事があります。月30万円可能です。",
    )
    assert message.status == MessageStatus.WARNED
    assert message.assessment["reasons"][0]["code"] == "bait_switch.context"


def test_an_ordinary_thank_you_is_delivered(client_user):
    _task, _worker, thread = _participant_thread(client_user)
    message = send(thread, client_user, "ご回答ありがとうございました。とても参考になりました。")
    assert message.status == MessageStatus.DELIVERED


def test_only_participants_can_be_messaged(client_user, outsider):
    task = posted_task(client_user)
    with pytest.raises(FormatRefused):
        do_open_participant_thread(task, worker_id=outsider.pk, actor=client_user)
    assert not Message.objects.exists()
