"""Reporting from every entry point, duplicates, the rate limit, triage and decisions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.tests.factories import ProposalFactory
from yorozu.enforcement.actions import (
    ReportRefused,
    do_decide_report_case,
    do_file_report,
)
from yorozu.enforcement.actions.reports import report_priority, reporter_weight
from yorozu.enforcement.models import EnforcementLog, Report, Restriction, Strike
from yorozu.enforcement.selectors import REPORT_RATE_LIMIT, access_report_target
from yorozu.jobs.models import JobStatus
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.actions import ensure_thread
from yorozu.messaging.models import Message
from yorozu.moderation.actions import CaseError
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification

REPORT = reverse("enforcement:report")


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user, title="在宅で月収30万円のお仕事")


def file(reporter, target, obj, reason="mlm"):
    item = access_report_target(reporter, target, obj.pk)
    return do_file_report(item=item, reason=reason, details="怪しいです", actor=reporter)


def targets(cast, job):
    """One item of each kind that the worker can see and the client owns (or sent)."""
    worker, client = cast["worker"], cast["client"]
    thread = ensure_thread(job, worker)
    message = Message.objects.create(thread=thread, sender=client, body="LINEで話しましょう")
    from yorozu.workers.models import Scout

    scout = Scout.objects.create(client=client, worker=worker, job=job, message="ぜひ応募を")
    return {"job": job, "user": client, "message": message, "scout": scout}


@pytest.mark.parametrize("target", ["job", "user", "message", "scout"])
def test_report_from_each_entry_point(client, cast, job, target):
    item = targets(cast, job)[target]
    client.force_login(cast["worker"])
    url = f"{REPORT}?target={target}&id={item.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "off_platform", "details": "外部へ誘導"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.subject_user, report.target) == (
        cast["worker"],
        cast["client"],
        target,
    )
    case = ModerationCase.objects.get(queue="reports")
    assert report.case == case and case.subject_user == cast["client"]
    assert EnforcementLog.objects.filter(event_type="report_filed", report=report).exists()
    # The reported party is told nothing.
    assert not Notification.objects.filter(user=cast["client"]).exists()


def test_report_a_proposal(client, cast, job):
    proposal = ProposalFactory(job=job, worker=cast["worker"])
    client.force_login(cast["client"])
    url = f"{REPORT}?target=proposal&id={proposal.pk}"
    assert client.post(url, {"reason": "spam"}).status_code == 302
    assert Report.objects.get().subject_user == cast["worker"]


@pytest.mark.parametrize(
    ("who", "target"),
    [("outsider", "message"), ("outsider", "scout"), ("client", "scout"), ("outsider", "proposal")],
)
def test_items_the_reporter_cannot_see_are_404(client, cast, job, who, target):
    items = targets(cast, job)
    items["proposal"] = ProposalFactory(job=job, worker=cast["worker"])
    client.force_login(cast[who])
    url = f"{REPORT}?target={target}&id={items[target].pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "query", ["", "?target=job", "?target=job&id=abc", "?target=nope&id=1", "?target=job&id=999999"]
)
def test_malformed_report_urls_are_404(client, cast, query):
    client.force_login(cast["worker"])
    assert client.get(REPORT + query).status_code == 404


def test_anonymous_is_sent_to_login(client, job):
    response = client.get(f"{REPORT}?target=job&id={job.pk}")
    assert response.status_code == 302 and "login" in response["Location"]


def test_own_content_cannot_be_reported(client, cast, job):
    client.force_login(cast["client"])
    url = f"{REPORT}?target=job&id={job.pk}"
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 200
    assert "自分" in response.content.decode() or "own" in response.content.decode()
    assert not Report.objects.exists()
    assert not ModerationCase.objects.exists()


def test_one_report_per_reporter_per_item(client, cast, job):
    file(cast["worker"], "job", job)
    client.force_login(cast["worker"])
    response = client.post(f"{REPORT}?target=job&id={job.pk}", {"reason": "spam"})
    assert response.status_code == 200
    assert Report.objects.count() == 1
    with pytest.raises(ReportRefused):
        file(cast["worker"], "job", job)


def test_report_links_say_reported_once_the_viewer_has_reported(client, cast, job):
    items = targets(cast, job)
    other = Message.objects.create(
        thread=items["message"].thread, sender=cast["client"], body="もう一通"
    )
    worker = cast["worker"]
    client.force_login(worker)
    thread_url = reverse("messaging:thread", args=[items["message"].thread_id])
    job_url = reverse("jobs:detail", args=[job.pk])
    assert 'data-reported="' not in client.get(thread_url).text
    assert f'data-report="job-{job.pk}"' in client.get(job_url).text

    file(worker, "message", items["message"])
    file(worker, "job", job)
    page = client.get(thread_url).text
    assert f'data-reported="message-{items["message"].pk}"' in page
    assert f"target=message&amp;id={items['message'].pk}" not in page
    assert f"target=message&amp;id={other.pk}" in page  # not reported: still a link
    page = client.get(job_url).text
    assert f'data-reported="job-{job.pk}"' in page and "報告済み" in page
    assert f'data-report="job-{job.pk}"' not in page
    # Another viewer still has the links.
    client.force_login(UserFactory())
    assert f'data-report="job-{job.pk}"' in client.get(job_url).text


def test_rate_limit(cast):
    reporter = cast["outsider"]
    jobs = JobFactory.create_batch(REPORT_RATE_LIMIT + 1)
    for j in jobs[:REPORT_RATE_LIMIT]:
        file(reporter, "job", j, reason="spam")
    with pytest.raises(ReportRefused) as refused:
        file(reporter, "job", jobs[-1], reason="spam")
    assert "hour" in str(refused.value) or "時間" in str(refused.value)
    assert Report.objects.count() == REPORT_RATE_LIMIT
    # An hour later, reporting works again.
    Report.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    file(reporter, "job", jobs[-1], reason="spam")


def test_reports_on_one_item_merge_and_raise_priority(cast, job):
    first = file(cast["worker"], "job", job, reason="spam")
    case = ModerationCase.objects.get()
    before = case.priority
    second = file(cast["outsider"], "job", job, reason="mlm")
    case.refresh_from_db()
    assert first.case_id == second.case_id == case.pk
    assert ModerationCase.objects.count() == 1
    assert case.priority > before


def test_priority_weighs_reason_score_and_reporters():
    base = report_priority(severity=10, trust_score=0.0, reporter_weights=[1.0])
    assert report_priority(severity=40, trust_score=0.0, reporter_weights=[1.0]) > base
    assert report_priority(severity=10, trust_score=0.9, reporter_weights=[1.0]) > base
    assert report_priority(severity=10, trust_score=0.0, reporter_weights=[1.0, 1.0]) > base
    assert reporter_weight(4, 4) > reporter_weight(0, 0) > reporter_weight(5, 0)


def test_a_reporter_with_upheld_reports_weighs_more(cast):
    trusted, newcomer = cast["worker"], cast["outsider"]
    for _ in range(3):
        earlier = JobFactory()
        file(trusted, "job", earlier)
        do_decide_report_case(
            ModerationCase.objects.get(object_id=earlier.pk, queue="reports"),
            upheld=True,
            reason="違反",
            actor=cast["staff"],
        )
    a, b = JobFactory(), JobFactory()
    file(trusted, "job", a, reason="spam")
    file(newcomer, "job", b, reason="spam")
    pa = ModerationCase.objects.get(object_id=a.pk, status="open").priority
    pb = ModerationCase.objects.get(object_id=b.pk, status="open").priority
    assert pa > pb


def test_upheld_decision_marks_reports_strikes_removes_job_and_tells_reporters(cast, job):
    file(cast["worker"], "job", job)
    file(cast["outsider"], "job", job, reason="upfront_fees")
    case = ModerationCase.objects.get()
    do_decide_report_case(
        case,
        upheld=True,
        reason="MLMの勧誘",
        restrict={"level": "suspended", "until": timezone.now() + datetime.timedelta(days=30)},
        actor=cast["staff"],
    )
    case.refresh_from_db()
    assert case.status == "decided" and case.decision == "reject_restrict"
    assert set(Report.objects.values_list("status", flat=True)) == {"upheld"}
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert Strike.objects.filter(user=cast["client"]).count() == 1
    restriction = Restriction.objects.get(user=cast["client"])
    assert restriction.level == "suspended" and restriction.case == case
    assert restriction.rule_code in ("prohibited-mlm", "prohibited-upfront-fees")
    for reporter in (cast["worker"], cast["outsider"]):
        note = Notification.objects.get(user=reporter, kind="report_decided")
        assert cast["client"].display_name not in note.title + note.body
        assert cast["worker"].email not in note.body
    assert EnforcementLog.objects.filter(event_type="report_decided").count() == 1


def test_dismissed_decision_tells_reporter_and_changes_nothing_else(cast, job):
    file(cast["worker"], "job", job)
    do_decide_report_case(
        ModerationCase.objects.get(), upheld=False, reason="問題なし", actor=cast["staff"]
    )
    assert Report.objects.get().status == "dismissed"
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN
    assert not Strike.objects.exists() and not Restriction.objects.exists()
    assert Notification.objects.filter(user=cast["worker"], kind="report_decided").exists()


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_only_staff_decide(cast, job, who):
    file(cast["outsider"] if who != "outsider" else cast["worker"], "job", job)
    case = ModerationCase.objects.get()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_decide_report_case(case, upheld=True, reason="x", actor=cast[who])
    case.refresh_from_db()
    assert case.status == "open"
    assert set(Report.objects.values_list("status", flat=True)) == {"pending"}


def test_a_case_is_decided_once(cast, job):
    file(cast["worker"], "job", job)
    case = ModerationCase.objects.get()
    do_decide_report_case(case, upheld=False, reason="x", actor=cast["staff"])
    with pytest.raises(CaseError):
        do_decide_report_case(case, upheld=True, reason="x", actor=cast["staff"])


def test_strikes_past_the_threshold_propose_a_restriction(cast):
    client = cast["client"]
    for _ in range(3):
        j = JobFactory(client=client)
        file(cast["worker"], "job", j)
        do_decide_report_case(
            ModerationCase.objects.get(object_id=j.pk, queue="reports"),
            upheld=True,
            reason="違反",
            actor=cast["staff"],
        )
    proposal = ModerationCase.objects.get(queue="accounts")
    assert proposal.subject_user == client and proposal.reason_code == "strike_threshold"
    assert EnforcementLog.objects.filter(event_type="restriction_proposed").count() == 1
    assert not Restriction.objects.exists()  # staff confirm; nothing is imposed by itself


def test_expired_strikes_do_not_count(cast):
    client = cast["client"]
    for i in range(3):
        j = JobFactory(client=client)
        file(cast["worker"], "job", j)
        if i == 0:
            Strike.objects.update(expires_at=timezone.now())
        do_decide_report_case(
            ModerationCase.objects.get(object_id=j.pk, queue="reports"),
            upheld=True,
            reason="違反",
            actor=cast["staff"],
        )
        Strike.objects.filter(pk=Strike.objects.order_by("id").first().pk).update(
            expires_at=timezone.now()
        )
    assert not ModerationCase.objects.filter(queue="accounts").exists()


def test_a_report_case_is_decided_on_one_screen_the_consoles(client, cast, job):
    """The secretariat's list names the item and leads to the console's case page, the one
    place a report is decided; the old decision address only redirects there."""
    file(cast["worker"], "job", job)
    case = ModerationCase.objects.get()
    url = reverse("enforcement:secretariat_report_case", args=[case.pk])
    for who in ("client", "worker", "outsider"):
        client.force_login(cast[who])
        assert client.get(url).status_code == 404
        assert client.get(reverse("enforcement:secretariat_reports")).status_code == 404
    client.force_login(cast["staff"])
    listing = client.get(reverse("enforcement:secretariat_reports"))
    assert f"「{job.title}」" in listing.text
    assert reverse("console:case", args=[case.pk]) in listing.text
    assert client.get(url).url == reverse("console:case", args=[case.pk])
    assert client.post(url, {"upheld": "1", "reason": "x"}).status_code == 405
    page = client.get(reverse("console:case", args=[case.pk])).text
    assert "通報を退ける" in page or "Dismiss the reports" in page
    case.refresh_from_db()
    assert case.status == "open"


def test_my_reports_name_what_was_reported(client, cast, job):
    file(cast["worker"], "job", job)
    client.force_login(cast["worker"])
    page = client.get(reverse("enforcement:my_reports")).text
    assert f"「{job.title}」" in page
    assert f"#{job.pk}" not in page


def test_my_reports_lists_only_ones_own(client, cast, job):
    file(cast["worker"], "job", job)
    client.force_login(cast["worker"])
    response = client.get(reverse("enforcement:my_reports"))
    assert len(response.context["page_obj"].object_list) == 1
    client.force_login(UserFactory(role=Role.WORKER))
    response = client.get(reverse("enforcement:my_reports"))
    assert len(response.context["page_obj"].object_list) == 0


@pytest.mark.parametrize("decision", ["approve", "reject", "reject_restrict"])
def test_the_console_decides_a_report_case_with_the_report_effects(client, cast, job, decision):
    """The console's decide button on a reports case takes the reports path: reporters told,
    a strike when upheld, the reported job taken down, the account restricted when asked."""
    file(cast["worker"], "job", job)
    case = ModerationCase.objects.get(queue="reports")
    client.force_login(cast["staff"])
    response = client.post(
        reverse("console:decide", args=[case.pk]),
        {"decision": decision, "reason": "ガイドライン違反の求人"},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    upheld = decision != "approve"
    assert report.status == ("upheld" if upheld else "dismissed")
    assert Strike.objects.filter(user=cast["client"]).exists() == upheld
    job.refresh_from_db()
    assert (job.status == JobStatus.CLOSED) == upheld
    assert Restriction.objects.filter(user=cast["client"]).exists() == (
        decision == "reject_restrict"
    )
    note = Notification.objects.get(user=cast["worker"])
    assert note.kind.startswith("report")
    assert EnforcementLog.objects.filter(event_type="report_decided").count() == 1


def test_an_upheld_report_takes_the_badge_at_once(cast, django_capture_on_commit_callbacks):
    """The certified client loses the badge when the case is decided, not at the next daily run."""
    from yorozu.certification.actions import do_evaluate_certifications
    from yorozu.certification.models import CertificationStatus
    from yorozu.certification.tests import builders

    owner = builders.certified_client(now=timezone.now())
    do_evaluate_certifications(client_ids=[owner.pk])
    assert CertificationStatus.objects.get(client=owner).certified
    posting = JobFactory(client=owner)
    file(cast["worker"], "job", posting)
    with django_capture_on_commit_callbacks(execute=True):
        do_decide_report_case(
            ModerationCase.objects.get(), upheld=True, reason="MLMの勧誘", actor=cast["staff"]
        )
    status = CertificationStatus.objects.get(client=owner)
    assert not status.certified
    assert "no_violations" in status.failed
