"""Scouts: sending (quota, duplicates, scouts off, trust verdicts), answering, who may do what."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import WorkerProfile
from yorozu.console.actions import do_decide_case
from yorozu.jobs.models import JobFormat, JobStatus
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message, Thread
from yorozu.messaging.screening import scout_context
from yorozu.messaging.tests import samples
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import Blocked, Context, screen
from yorozu.workers import actions, selectors
from yorozu.workers.actions import (
    ScoutRefused,
    do_accept_scout,
    do_decline_scout,
    do_release_held_scout,
    do_send_scout,
)
from yorozu.workers.models import Scout, ScoutEvent, ScoutStatus
from yorozu.workers.tests.helpers import make_worker

KIND = "はじめまして。和菓子店のロゴ制作をお願いできる方を探しています。ぜひご提案ください。"
BLOCKED = "直接契約しませんか。そのほうが手数料もかからずお得です。"
# Real texts the engine holds and warns on from a client before a contract (the messaging samples,
# whose meaning messaging's own tests pin down): an upfront fee, and an offer to deal directly.
HELD = "はじめまして。" + samples.HOLD
WARN = "はじめまして。" + samples.WARN


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user, title="和菓子店のロゴ制作")


def send(client_user, worker, job, message=KIND) -> Scout:
    return do_send_scout(
        client=client_user, worker=worker, job=job, message=message, actor=client_user
    )


def test_a_scout_is_delivered_with_a_notification_and_an_audit_row(client_user, worker_user, job):
    scout = send(client_user, worker_user, job)
    assert scout.status == ScoutStatus.SENT
    assert scout.verdict == "allow"
    note = Notification.objects.get(user=worker_user)
    assert note.kind == "scout"
    assert "スカウト" in note.title and client_user.display_name in note.title
    assert note.url == reverse("workers:scouts")
    assert list(ScoutEvent.objects.values_list("event_type", flat=True)) == ["sent"]


def test_a_second_scout_for_the_same_job_and_worker_is_refused(client_user, worker_user, job):
    send(client_user, worker_user, job)
    with pytest.raises(ScoutRefused) as refused:
        send(client_user, worker_user, job, "もう一度よろしくお願いします。")
    assert "すでにスカウトを送っています" in str(refused.value.message)
    assert Scout.objects.count() == 1
    # Another job for the same worker is fine.
    send(client_user, worker_user, JobFactory(client=client_user))
    assert Scout.objects.count() == 2


def test_workers_who_turned_scouts_off_cannot_be_scouted(client_user, worker_user, job):
    WorkerProfile.objects.filter(user=worker_user).update(accepts_scouts=False)
    with pytest.raises(ScoutRefused):
        send(client_user, worker_user, job)
    assert not Scout.objects.exists()
    assert not Notification.objects.filter(user=worker_user).exists()


def test_inactive_workers_cannot_be_scouted(client_user, worker_user, job):
    worker_user.is_active = False
    worker_user.save(update_fields=["is_active"])
    with pytest.raises(ScoutRefused):
        send(client_user, worker_user, job)
    assert not Scout.objects.exists()


def test_only_the_clients_own_open_jobs(client_user, worker_user, outsider, job):
    with pytest.raises(PermissionDenied):
        send(client_user, worker_user, JobFactory(client=outsider))
    with pytest.raises(PermissionDenied):
        do_send_scout(client=client_user, worker=worker_user, job=job, message=KIND, actor=outsider)
    closed = JobFactory(client=client_user, status=JobStatus.CLOSED)
    with pytest.raises(ScoutRefused):
        send(client_user, worker_user, closed)
    with pytest.raises(ScoutRefused):
        send(client_user, client_user, job)  # yourself
    with pytest.raises(ScoutRefused):
        send(client_user, worker_user, job, "   ")
    assert not Scout.objects.exists()


@pytest.mark.parametrize("fmt", [JobFormat.TASK, JobFormat.COMPETITION])
def test_a_task_or_competition_is_neither_offered_nor_taken_for_a_scout(
    client, client_user, worker_user, job, fmt
):
    """A scout invites a proposal, which only a project takes: the form does not offer a task
    or a competition (offering one led to a scout the worker could not accept)."""
    other = JobFactory(client=client_user, title="アンケート回答のお願い", format=fmt)
    client.force_login(client_user)
    form = client.get(reverse("workers:scout", args=[worker_user.pk])).text
    assert job.title in form
    assert other.title not in form
    with pytest.raises(ScoutRefused):
        send(client_user, worker_user, other)


def test_daily_quota(settings, client_user, job):
    settings.SCOUT_DAILY_QUOTA = 2
    workers = [make_worker() for _ in range(3)]
    send(client_user, workers[0], job)
    send(client_user, workers[1], job)
    with pytest.raises(ScoutRefused) as refused:
        send(client_user, workers[2], job)
    assert "上限（2件）" in str(refused.value.message)
    assert Scout.objects.count() == 2


def test_certified_clients_get_the_higher_quota(settings, client_user, job):
    from yorozu.certification.models import CertificationStatus

    settings.SCOUT_DAILY_QUOTA = 1
    settings.SCOUT_DAILY_QUOTA_CERTIFIED = 3
    assert selectors.scout_daily_quota(client_user) == 1
    # The stored result of an evaluation, as the daily task writes it.
    CertificationStatus.objects.create(client=client_user, certified=True, since=timezone.now())
    for _ in range(3):
        send(client_user, make_worker(), job)
    with pytest.raises(ScoutRefused):
        send(client_user, make_worker(), job)
    assert selectors.scout_daily_quota(client_user) == 3


def test_default_quotas():
    from yorozu import settings as defaults

    assert defaults.SCOUT_DAILY_QUOTA == 20
    assert defaults.SCOUT_DAILY_QUOTA_CERTIFIED == 50


def test_the_quota_day_starts_at_midnight_in_tokyo(settings, client_user, job):
    settings.SCOUT_DAILY_QUOTA = 1
    tokyo = datetime.timezone(datetime.timedelta(hours=9))
    now = timezone.now()
    midnight = selectors.start_of_tokyo_day(now)
    assert midnight.astimezone(tokyo).hour == 0 and midnight <= now
    assert (now - midnight) < datetime.timedelta(days=1)
    earlier = send(client_user, make_worker(), job)
    # Sent one second before Tokyo midnight: yesterday's, so today's quota is untouched.
    Scout.objects.filter(pk=earlier.pk).update(created_at=midnight - datetime.timedelta(seconds=1))
    assert selectors.scouts_sent_today(client_user) == 0
    send(client_user, make_worker(), job)
    with pytest.raises(ScoutRefused):
        send(client_user, make_worker(), job)
    # 15:00 UTC is midnight in Tokyo: a day boundary UTC would put nine hours later.
    fixed = datetime.datetime(2026, 3, 10, 15, 30, tzinfo=datetime.UTC)
    assert selectors.start_of_tokyo_day(fixed) == datetime.datetime(
        2026, 3, 10, 15, 0, tzinfo=datetime.UTC
    )


# --- trust verdicts ---------------------------------------------------------------------------


def test_a_blocked_scout_is_refused_with_reasons_and_nothing_is_stored(
    client_user, worker_user, job
):
    with pytest.raises(Blocked) as refused:
        send(client_user, worker_user, job, BLOCKED)
    assert refused.value.reasons
    assert not Scout.objects.exists()
    assert not Notification.objects.filter(user=worker_user).exists()
    # The attempt is on the record (and counts toward the slow-down), as a blocked message is.
    attempt = ScreeningRecord.objects.get()
    assert (attempt.kind, attempt.author, attempt.text) == ("scout", client_user, BLOCKED)


def test_a_held_scout_is_stored_but_not_delivered(held, client, client_user, worker_user, job):
    scout = send(client_user, worker_user, job, HELD)
    assert scout.status == ScoutStatus.HELD and scout.verdict == "hold"
    assert scout.reasons and scout.reasons[0]["code"]
    assert not Notification.objects.filter(user=worker_user).exists()
    client.force_login(worker_user)
    assert HELD not in client.get(reverse("workers:scouts")).text
    # It waits in the console's messages queue, its text highlighted there.
    case = ModerationCase.objects.get(queue="messages")
    assert (case.content_object, case.subject_user) == (scout, client_user)
    assert case.assessment["reasons"]


def test_the_console_releases_a_held_scout(held, client_user, worker_user, superuser, job):
    scout = send(client_user, worker_user, job, HELD)
    do_decide_case(ModerationCase.objects.get(), decision="approve", actor=superuser)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.SENT
    assert Notification.objects.filter(user=worker_user, kind="scout").exists()


def test_the_console_rejects_a_held_scout_and_tells_the_client_why(
    held, client_user, worker_user, superuser, job
):
    scout = send(client_user, worker_user, job, HELD)
    do_decide_case(
        ModerationCase.objects.get(),
        decision="reject",
        reason="登録料の請求は禁止です",
        actor=superuser,
    )
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.REJECTED
    assert not Notification.objects.filter(user=worker_user).exists()
    note = Notification.objects.get(user=client_user, kind="scout_rejected")
    assert "登録料の請求は禁止です" in note.body


@pytest.fixture
def held(job):
    """The real engine holds HELD and warns on WARN as a client's scout for this job."""
    context = scout_context(job)
    assert screen("scout", HELD, context=context).verdict == "hold"
    assert screen("scout", WARN, context=context).verdict == "warn"


def test_a_warned_scout_is_delivered_with_the_warning_shown_to_the_worker(
    held, client, client_user, worker_user, job
):
    scout = send(client_user, worker_user, job, WARN)
    assert scout.status == ScoutStatus.SENT and scout.verdict == "warn"
    assert Notification.objects.filter(user=worker_user, kind="scout").exists()
    client.force_login(worker_user)
    text = client.get(reverse("workers:scouts")).text
    assert "このスカウトにはご注意ください" in text
    assert scout.reasons[0]["message_ja"] in text


def test_the_scout_is_assessed_as_a_scout_from_a_client(monkeypatch, client_user, worker_user, job):
    seen = {}
    real = actions.screen

    def spy(kind, text, *, author=None, context=None):
        seen.update(kind=kind, context=context)
        return real(kind, text, author=author, context=context)

    monkeypatch.setattr(actions, "screen", spy)
    send(client_user, worker_user, job)
    context: Context = seen["context"]
    assert (seen["kind"], context.stage, context.sender_role, context.job_title) == (
        "scout",
        "pre_contract",
        "client",
        job.title,
    )


def test_staff_release_a_held_scout_and_it_is_delivered(
    held, client_user, worker_user, superuser, job
):
    scout = send(client_user, worker_user, job, HELD)
    with pytest.raises(PermissionDenied):
        do_release_held_scout(scout, actor=worker_user)
    assert do_release_held_scout(scout, actor=superuser)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.SENT
    assert Notification.objects.filter(user=worker_user, kind="scout").exists()
    assert not do_release_held_scout(scout, actor=superuser)


def test_held_scouts_are_listed_for_staff_in_the_admin(
    held, client, client_user, worker_user, superuser, job
):
    send(client_user, worker_user, job, HELD)
    client.force_login(superuser)
    response = client.get(reverse("admin:workers_scout_changelist"), {"status__exact": "held"})
    assert response.status_code == 200
    assert HELD in response.text
    usage = client.get(reverse("admin:workers_filterusagedaily_changelist"))
    assert usage.status_code == 200


# --- answering --------------------------------------------------------------------------------


def test_accepting_opens_the_thread_with_the_scout_as_first_message(client_user, worker_user, job):
    scout = send(client_user, worker_user, job)
    thread = do_accept_scout(scout, actor=worker_user)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.ACCEPTED and scout.decided_at is not None
    assert thread == Thread.objects.get(job=job, worker=worker_user)
    message = Message.objects.get(thread=thread)
    assert message.sender_id == client_user.pk and message.body == KIND
    note = Notification.objects.get(user=client_user, kind="scout_accepted")
    assert note.url == reverse("messaging:thread", args=[thread.pk])
    with pytest.raises(ScoutRefused):
        do_accept_scout(scout, actor=worker_user)
    with pytest.raises(ScoutRefused):
        do_decline_scout(scout, actor=worker_user)
    assert Message.objects.filter(thread=thread).count() == 1


def test_declining_tells_the_client(client_user, worker_user, job):
    scout = send(client_user, worker_user, job)
    do_decline_scout(scout, actor=worker_user)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.DECLINED
    assert Notification.objects.filter(user=client_user, kind="scout_declined").exists()
    assert not Thread.objects.filter(job=job, worker=worker_user).exists()


def test_only_the_scouted_worker_answers(client_user, worker_user, outsider, job):
    scout = send(client_user, worker_user, job)
    for actor in (outsider, client_user):
        with pytest.raises(PermissionDenied):
            do_accept_scout(scout, actor=actor)
        with pytest.raises(PermissionDenied):
            do_decline_scout(scout, actor=actor)
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.SENT


def test_a_scout_for_a_job_closed_since_cannot_be_accepted(client_user, worker_user, job):
    scout = send(client_user, worker_user, job)
    job.status = JobStatus.CLOSED
    job.save(update_fields=["status"])
    with pytest.raises(ScoutRefused):
        do_accept_scout(scout, actor=worker_user)
    do_decline_scout(scout, actor=worker_user)


# --- through the pages ------------------------------------------------------------------------


def test_client_sends_a_scout_from_the_form(client, client_user, worker_user, job):
    client.force_login(client_user)
    url = reverse("workers:scout", args=[worker_user.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert job.title in form.text
    assert "あと20件" in form.text
    response = client.post(url, {"job": job.pk, "message": KIND})
    assert response.status_code == 302
    assert Scout.objects.get().status == ScoutStatus.SENT
    sent = client.get(reverse("workers:scouts_sent")).text
    assert worker_user.display_name in sent and "返事待ち" in sent


def test_a_blocked_scout_comes_back_with_the_draft_and_the_reasons(
    client, client_user, worker_user, job
):
    client.force_login(client_user)
    response = client.post(
        reverse("workers:scout", args=[worker_user.pk]), {"job": job.pk, "message": BLOCKED}
    )
    assert response.status_code == 200
    assert "このスカウトは送信できません" in response.text
    assert BLOCKED in response.text  # the draft is kept
    assert response.context["refusal_reasons"]
    for reason in response.context["refusal_reasons"]:
        assert reason in response.text
    # One rule category, said once: "直接取引" caught twice is not repeated to the writer.
    assert response.text.count("直接取引") == 1
    assert not Scout.objects.exists()


def test_a_duplicate_from_the_form_gets_a_clear_message(client, client_user, worker_user, job):
    send(client_user, worker_user, job)
    client.force_login(client_user)
    response = client.post(
        reverse("workers:scout", args=[worker_user.pk]), {"job": job.pk, "message": KIND}
    )
    assert "すでにスカウトを送っています" in response.text
    assert Scout.objects.count() == 1


@pytest.mark.parametrize("who", ["worker", "outsider", "staff"])
def test_only_clients_open_the_scout_form(client, cast, who, job):
    target = make_worker()
    client.force_login(cast[who])
    url = reverse("workers:scout", args=[target.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"job": job.pk, "message": KIND}).status_code == 403
    assert not Scout.objects.exists()


def test_anonymous_scout_form_goes_to_login(client, worker_user):
    response = client.get(reverse("workers:scout", args=[worker_user.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_worker_accepts_from_the_scouts_page_and_is_invited_to_propose(
    client, client_user, worker_user, job
):
    scout = send(client_user, worker_user, job)
    client.force_login(worker_user)
    page = client.get(reverse("workers:scouts"))
    assert KIND in page.text and job.title in page.text
    response = client.post(reverse("workers:scout_accept", args=[scout.pk]), follow=True)
    assert "スカウトを承諾しました" in response.text
    assert reverse("contracts:propose", args=[job.pk]) in response.text
    thread = Thread.objects.get(job=job, worker=worker_user)
    assert reverse("messaging:thread", args=[thread.pk]) in response.text


@pytest.mark.parametrize("who", ["client", "outsider", "staff"])
def test_nobody_else_answers_a_scout_through_the_pages(client, cast, who, job):
    scout = send(cast["client"], cast["worker"], job)
    client.force_login(cast[who])
    assert client.post(reverse("workers:scout_accept", args=[scout.pk])).status_code == 404
    assert client.post(reverse("workers:scout_decline", args=[scout.pk])).status_code == 404
    scout.refresh_from_db()
    assert scout.status == ScoutStatus.SENT
    assert not Thread.objects.exists()


def test_scouts_page_query_count(client, client_user, worker_user, django_assert_max_num_queries):
    for _ in range(5):
        scout = send(client_user, worker_user, JobFactory(client=client_user))
    do_accept_scout(scout, actor=worker_user)
    client.force_login(worker_user)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("workers:scouts")).status_code == 200


def test_a_certified_client_gets_the_certified_quota_for_real(settings, client_user, job):
    from yorozu.certification.models import CertificationStatus

    settings.SCOUT_DAILY_QUOTA = 1
    settings.SCOUT_DAILY_QUOTA_CERTIFIED = 2
    assert selectors.scout_daily_quota(client_user) == 1
    CertificationStatus.objects.update_or_create(client=client_user, defaults={"certified": True})
    assert selectors.scout_daily_quota(client_user) == 2


def test_the_console_shows_a_held_scout_with_its_flagged_text(
    held, client, client_user, worker_user, staff_user, job
):
    send(client_user, worker_user, job, HELD)
    case = ModerationCase.objects.get()
    client.force_login(staff_user)
    page = client.get(reverse("console:case", args=[case.pk]))
    assert page.status_code == 200
    flagged = page.text.split("data-flagged-text>", 1)[1].split("</pre>", 1)[0]
    assert "<mark" in flagged
    # The text is whole once the highlighting is taken out.
    assert re.sub(r"<[^>]+>", "", flagged) == HELD
