"""The console knows no kind of content by name: every kind an app registered can be listed in
its queue, opened, approved and rejected through the same door — and every queue is reachable."""

import pytest
from django.urls import reverse

from yorozu.console.actions import do_decide_case
from yorozu.contracts.actions import do_submit_proposal
from yorozu.contracts.models import Proposal, ProposalStatus
from yorozu.jobs.actions import do_edit_job, do_post_job
from yorozu.jobs.models import Job, JobModeration
from yorozu.jobs.tests.factories import JobFactory
from yorozu.jobs.tests.test_job_screening import HOLD, data
from yorozu.messaging.actions import do_request_contact
from yorozu.messaging.models import ContactRequest, Message, MessageStatus
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.moderation.models import CaseQueue, ModerationCase
from yorozu.moderation.registry import kinds
from yorozu.workers.actions import do_send_scout
from yorozu.workers.models import Scout, ScoutStatus
from yorozu.workers.tests.helpers import make_worker

pytestmark = pytest.mark.django_db

HELD_TEXT = "はじめまして。" + samples.HOLD


def held_job(client_user, worker_user, staff_user):
    job = do_post_job(client=client_user, data=data(description=HOLD), actor=client_user)
    return job, lambda: Job.objects.get(pk=job.pk).moderation, JobModeration


def held_message(client_user, worker_user, staff_user):
    message = send(ThreadFactory(client=client_user, worker=worker_user), client_user, HELD_TEXT)
    return message, lambda: Message.objects.get(pk=message.pk).status, None


def held_proposal(client_user, worker_user, staff_user):
    proposal = do_submit_proposal(
        job=JobFactory(client=client_user),
        worker=worker_user,
        data={"price": 30000, "delivery_days": 7, "message": HELD_TEXT},
        actor=worker_user,
    )
    return proposal, lambda: Proposal.objects.get(pk=proposal.pk).status, None


def held_scout(client_user, worker_user, staff_user):
    scout = do_send_scout(
        client=client_user,
        worker=make_worker("スカウト先"),
        job=JobFactory(client=client_user),
        message=HELD_TEXT,
        actor=client_user,
    )
    return scout, lambda: Scout.objects.get(pk=scout.pk).status, None


def contact_request(client_user, worker_user, staff_user):
    thread = ThreadFactory(client=client_user, worker=worker_user)
    request = do_request_contact(
        thread=thread, reason="撮影当日の連絡のため電話番号を交換したいです。", actor=client_user
    )
    return request, lambda: ContactRequest.objects.get(pk=request.pk).status, None


def repeat_offender(client_user, worker_user, staff_user, settings=None):
    from django.test import override_settings

    thread = ThreadFactory(client=client_user, worker=worker_user)
    with override_settings(SCREENING_SLOWDOWN_SECONDS=0):
        for _ in range(5):
            send(thread, client_user, HELD_TEXT)
    return client_user, lambda: None, None


def open_dispute(client_user, worker_user, staff_user):
    from yorozu.contracts.actions import do_dispute_contract
    from yorozu.contracts.models import Dispute
    from yorozu.contracts.tests.factories import ContractFactory

    contract = ContractFactory(client=client_user, worker=worker_user, status="funded")
    do_dispute_contract(contract, actor=worker_user, note="連絡が途絶えました")
    dispute = Dispute.objects.get(contract=contract)
    return dispute, lambda: Dispute.objects.get(pk=dispute.pk).status, None


def held_attachment(client_user, worker_user, staff_user):
    import uuid

    from yorozu.files.models import Attachment
    from yorozu.files.tests import samples as files
    from yorozu.messaging.actions import do_send_message

    message = do_send_message(
        thread=ThreadFactory(client=client_user, worker=worker_user),
        sender=client_user,
        body="資料をお送りします。",
        idempotency_key=uuid.uuid4().hex,
        actor=client_user,
        files=[files.upload(files.HELD_NAME, files.blank_png())],
    )
    attachment = Attachment.objects.get(object_id=message.pk)
    return attachment, lambda: Attachment.objects.get(pk=attachment.pk).status, None


def competition_with_no_winner(client_user, worker_user, staff_user):
    import datetime

    from django.utils import timezone

    from yorozu.formats.actions.deadlines import sweep_format_deadlines
    from yorozu.formats.models import Competition
    from yorozu.formats.tests.factories import posted_competition

    competition = posted_competition(client_user)
    Job.objects.filter(pk=competition.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    sweep_format_deadlines(timezone.now() + datetime.timedelta(days=8))
    return competition, lambda: Competition.objects.get(pk=competition.pk).stage, None


def held_avatar(client_user, worker_user, staff_user):
    from unittest import mock

    from yorozu.accounts.avatars import do_upload_avatar
    from yorozu.accounts.models import Avatar
    from yorozu.files import extraction
    from yorozu.files.tests import samples as files

    with mock.patch.object(extraction, "ocr", side_effect=FileNotFoundError("tesseract")):
        avatar = do_upload_avatar(
            worker_user, files.upload("me.jpg", files.photo_jpeg()), actor=worker_user
        )
    assert avatar.status == "held"
    return avatar, lambda: Avatar.objects.get(pk=avatar.pk).status, None


def reported_portfolio_work(client_user, worker_user, staff_user):
    from yorozu.moderation.actions import do_open_case
    from yorozu.portfolio.actions import do_add_work
    from yorozu.portfolio.models import PortfolioWork

    work = do_add_work(worker_user, title="カフェのロゴ制作", actor=worker_user)
    do_open_case(
        queue=CaseQueue.ACCOUNTS,
        content_object=work,
        subject_user=worker_user,
        reason_code="report",
        actor=client_user,
    )
    return work, lambda: PortfolioWork.objects.get(pk=work.pk).status, None


# Kinds decided on their own page (a dispute's amounts, a competition's prize): listed and
# opened in the console, which links to that page instead of offering approve and reject.
DECIDED_ELSEWHERE = {"dispute": open_dispute, "competition": competition_with_no_winner}

MAKERS = {
    "job": (held_job, {"approve": JobModeration.PUBLIC, "reject": JobModeration.REJECTED}),
    "message": (
        held_message,
        {"approve": MessageStatus.DELIVERED, "reject": MessageStatus.REJECTED},
    ),
    "proposal": (
        held_proposal,
        {"approve": ProposalStatus.SUBMITTED, "reject": ProposalStatus.REJECTED},
    ),
    "scout": (held_scout, {"approve": ScoutStatus.SENT, "reject": ScoutStatus.REJECTED}),
    "contact_request": (contact_request, {"approve": "approved", "reject": "rejected"}),
    "user": (repeat_offender, {"approve": None, "reject": None}),
    "attachment": (held_attachment, {"approve": "delivered", "reject": "rejected"}),
    "avatar": (held_avatar, {"approve": "live", "reject": "rejected"}),
    "portfolio_work": (reported_portfolio_work, {"approve": "shown", "reject": "taken_down"}),
}


def test_every_registered_kind_is_covered_here():
    assert {k.name for k in kinds()} == set(MAKERS) | set(DECIDED_ELSEWHERE)


@pytest.mark.parametrize("name", sorted(DECIDED_ELSEWHERE))
def test_kinds_decided_on_their_own_page_are_listed_and_linked(
    client, client_user, worker_user, staff_user, name
):
    content, _state, _ = DECIDED_ELSEWHERE[name](client_user, worker_user, staff_user)
    kind = {k.name: k for k in kinds()}[name]
    case = ModerationCase.objects.get(object_id=content.pk, queue=kind.queue)
    client.force_login(staff_user)
    listed = client.get(reverse("console:queue", args=[kind.queue]))
    assert reverse("console:case", args=[case.pk]) in listed.text
    opened = client.get(reverse("console:case", args=[case.pk])).text
    assert kind.decide_url(content) in opened and "data-decision-form" not in opened
    client.post(reverse("console:decide", args=[case.pk]), {"decision": "approve", "reason": ""})
    case.refresh_from_db()
    assert case.status != "decided"  # not by the console's approve


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize("name", sorted(MAKERS))
def test_every_kind_is_listed_opened_and_decided_from_the_console(
    client, client_user, worker_user, staff_user, name, decision
):
    make, outcomes = MAKERS[name]
    content, state, _ = make(client_user, worker_user, staff_user)
    kind = {k.name: k for k in kinds()}[name]
    case = ModerationCase.objects.filter(object_id=content.pk, queue=kind.queue).latest("id")
    client.force_login(staff_user)
    listed = client.get(reverse("console:queue", args=[kind.queue]))
    assert listed.status_code == 200
    assert reverse("console:case", args=[case.pk]) in listed.text
    opened = client.get(reverse("console:case", args=[case.pk]))
    assert opened.status_code == 200
    assert kind.title(content)[:6] in opened.text  # (the flagged part is marked up)
    response = client.post(
        reverse("console:decide", args=[case.pk]),
        {
            "decision": decision,
            "reason": "ガイドラインに沿っていません" if decision != "approve" else "",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.decision, case.decided_by) == ("decided", decision, staff_user)
    if outcomes[decision] is not None:
        assert state() == outcomes[decision]


@pytest.mark.parametrize("queue", list(CaseQueue))
def test_every_queue_is_reachable(client, staff_user, queue):
    client.force_login(staff_user)
    assert client.get(reverse("console:queue", args=[queue])).status_code == 200


def test_an_edited_held_posting_keeps_the_held_version_beside_the_edit(
    client, client_user, staff_user
):
    """A held MLM pitch edited into something harmless: the reviewer sees both."""
    job = do_post_job(client=client_user, data=data(description=HOLD), actor=client_user)
    harmless = "会社案内のサイトを5ページほどで作成してください。"
    do_edit_job(job, data(description=harmless), actor=client_user)
    job.refresh_from_db()
    assert job.moderation == JobModeration.HELD and job.description == harmless
    case = ModerationCase.objects.get(object_id=job.pk, queue=CaseQueue.JOBS)
    client.force_login(staff_user)
    page = client.get(reverse("console:case", args=[case.pk])).text
    assert "LINE" in page  # the held text is still there...
    assert harmless in page  # ...beside the edit
    assert page.count("data-version") == 2


def test_a_warned_posting_is_public_and_cautions_workers(client, client_user, worker_user):
    job = do_post_job(
        client=client_user,
        data=data(description="継続案件です。2回目以降は直接取引も可能です。"),
        actor=client_user,
    )
    assert job.moderation == JobModeration.PUBLIC and job.caution_reasons
    client.force_login(worker_user)
    page = client.get(reverse("jobs:detail", args=[job.pk])).text
    assert "data-job-caution" in page
    client.force_login(client_user)
    assert "data-job-caution" not in client.get(reverse("jobs:detail", args=[job.pk])).text


def test_approving_a_warned_posting_clears_its_caution(client_user, staff_user):
    job = do_post_job(
        client=client_user,
        data=data(description="継続案件です。2回目以降は直接取引も可能です。"),
        actor=client_user,
    )
    case = ModerationCase.objects.get(object_id=job.pk, queue=CaseQueue.JOBS)
    do_decide_case(case, decision="approve", actor=staff_user)
    job.refresh_from_db()
    assert job.caution_reasons == [] and job.moderation == JobModeration.PUBLIC


def test_an_upheld_report_takes_a_posting_down_for_everyone(
    client, client_user, worker_user, staff_user
):
    from yorozu.enforcement.actions import do_file_report
    from yorozu.enforcement.selectors import access_report_target

    job = JobFactory(client=client_user)
    report = do_file_report(
        item=access_report_target(worker_user, "job", job.pk),
        reason="off_platform",
        details="外部での連絡を求められました。",
        actor=worker_user,
    )
    do_decide_case(report.case, decision="reject", reason="外部誘導", actor=staff_user)
    client.force_login(worker_user)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
