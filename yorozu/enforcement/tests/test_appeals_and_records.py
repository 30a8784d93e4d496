"""Statement of reasons, appeals by a different reviewer, the audit log, transparency figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.tests.factories import StaffFactory
from yorozu.enforcement.actions import (
    AppealError,
    do_decide_appeal,
    do_decide_report_case,
    do_file_appeal,
    do_file_report,
    do_restrict_account,
)
from yorozu.enforcement.models import Appeal, EnforcementLog, Report, Restriction
from yorozu.enforcement.selectors import access_report_target, is_suspended, transparency_figures
from yorozu.jobs.tests.factories import JobFactory
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification


@pytest.fixture
def second_staff(db):
    return StaffFactory(email="staff2@cast.test")


@pytest.fixture
def restriction(cast):
    return do_restrict_account(
        cast["client"],
        level="permanent",
        reason="MLMの勧誘",
        rule_code="prohibited-mlm",
        content_label="求人 #1: 在宅ワーク",
        actor=cast["staff"],
    )


def test_statement_of_reasons(client, cast, restriction):
    client.force_login(cast["client"])
    body = client.get(reverse("enforcement:statement")).content.decode()
    assert "MLMの勧誘" in body
    assert "/help/guidelines/#prohibited-mlm" in body
    assert "求人 #1: 在宅ワーク" in body
    assert reverse("enforcement:appeal", args=[restriction.pk]) in body
    client.force_login(cast["worker"])
    body = client.get(reverse("enforcement:statement")).content.decode()
    assert "MLMの勧誘" not in body


@pytest.mark.parametrize("who", ["worker", "outsider", "staff"])
def test_only_the_restricted_user_reaches_the_appeal(client, cast, restriction, who):
    client.force_login(cast[who])
    url = reverse("enforcement:appeal", args=[restriction.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "誤解です"}).status_code == 404
    assert not Appeal.objects.exists()


def test_appeal_once_then_decided_by_a_different_reviewer(client, cast, restriction, second_staff):
    client.force_login(cast["client"])
    url = reverse("enforcement:appeal", args=[restriction.pk])
    assert client.post(url, {"text": "誤解です。MLMではありません。"}).status_code == 302
    with pytest.raises(AppealError):
        do_file_appeal(restriction, text="もう一度", actor=cast["client"])
    appeal = Appeal.objects.get()
    with pytest.raises(AppealError):
        do_decide_appeal(appeal, upheld=True, reason="取り消し", actor=cast["staff"])
    appeal.refresh_from_db()
    assert appeal.status == "pending" and is_suspended(cast["client"])
    do_decide_appeal(
        appeal, upheld=True, reason="確認の結果、違反はありませんでした", actor=second_staff
    )
    appeal.refresh_from_db()
    restriction.refresh_from_db()
    assert appeal.status == "upheld" and appeal.decided_by == second_staff
    assert restriction.lifted_at is not None and restriction.lifted_by == second_staff
    assert not is_suspended(cast["client"])
    assert Notification.objects.filter(user=cast["client"], kind="restriction_lifted").exists()
    assert EnforcementLog.objects.filter(event_type="appeal_decided").count() == 1
    with pytest.raises(AppealError):
        do_decide_appeal(appeal, upheld=False, reason="x", actor=second_staff)


def test_a_rejected_appeal_keeps_the_restriction_and_is_told(cast, restriction, second_staff):
    appeal = do_file_appeal(restriction, text="誤解です", actor=cast["client"])
    do_decide_appeal(appeal, upheld=False, reason="違反を確認しました", actor=second_staff)
    assert is_suspended(cast["client"])
    note = Notification.objects.get(user=cast["client"], kind="appeal_decided")
    assert "違反を確認しました" in note.body


def test_the_case_decider_cannot_decide_the_appeal(cast, second_staff):
    job = JobFactory(client=cast["client"])
    item = access_report_target(cast["worker"], "job", job.pk)
    do_file_report(item=item, reason="mlm", actor=cast["worker"])
    do_decide_report_case(
        ModerationCase.objects.get(),
        upheld=True,
        reason="違反",
        restrict={"level": "permanent"},
        actor=cast["staff"],
    )
    appeal = do_file_appeal(Restriction.objects.get(), text="誤解です", actor=cast["client"])
    with pytest.raises(AppealError):
        do_decide_appeal(appeal, upheld=True, reason="x", actor=cast["staff"])
    do_decide_appeal(appeal, upheld=False, reason="維持", actor=second_staff)


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_secretariat_pages_are_staff_only(client, cast, restriction, who):
    client.force_login(cast[who])
    # The restricted client is held at their statement by the suspension lock; the others get a
    # plain 404, so the pages' existence is not advertised.
    suspended = who == "client"
    for name, args in [
        ("enforcement:audit", []),
        ("enforcement:secretariat_reports", []),
        ("enforcement:secretariat_appeals", []),
        ("enforcement:secretariat_lift", [restriction.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        if suspended:
            assert response.status_code == 302
            assert response.url == reverse("enforcement:statement")
        else:
            assert response.status_code == 404
    assert client.post(
        reverse("enforcement:secretariat_lift", args=[restriction.pk]), {"reason": "x"}
    ).status_code == (403 if suspended else 404)
    restriction.refresh_from_db()
    assert restriction.lifted_at is None


def test_audit_log_filters_and_csv(client, cast, restriction):
    do_restrict_account(cast["worker"], level="warning", reason="注意", actor=cast["staff"])
    client.force_login(cast["staff"])
    url = reverse("enforcement:audit")
    response = client.get(url, {"subject": cast["worker"].pk})
    assert [r.subject_user for r in response.context["page_obj"]] == [cast["worker"]]
    response = client.get(url, {"event_type": "restricted", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("id,created_at,event_type")
    assert len(lines) == 3
    assert client.get(url, {"since": "not-a-date", "subject": "x"}).status_code == 200


def test_staff_lift_with_reason(client, cast, restriction):
    client.force_login(cast["staff"])
    url = reverse("enforcement:secretariat_lift", args=[restriction.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    restriction.refresh_from_db()
    assert restriction.lifted_at is None
    assert client.post(url, {"reason": "本人確認で誤認と判明"}).status_code == 302
    restriction.refresh_from_db()
    assert restriction.lift_reason == "本人確認で誤認と判明"


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def test_transparency_figures_from_known_data(client, cast, second_staff):
    staff = cast["staff"]
    # Q1 2025: three reports on two jobs; one job removed (decided after 10 h and 20 h), one
    # dismissed (after 30 h); one account restricted; one appeal, upheld.
    j1, j2 = JobFactory(client=cast["client"]), JobFactory()
    for reporter, job in [(cast["worker"], j1), (cast["outsider"], j1), (cast["worker"], j2)]:
        do_file_report(
            item=access_report_target(reporter, "job", job.pk), reason="mlm", actor=reporter
        )
    do_decide_report_case(
        ModerationCase.objects.get(object_id=j1.pk),
        upheld=True,
        reason="違反",
        restrict={"level": "permanent"},
        actor=staff,
    )
    do_decide_report_case(
        ModerationCase.objects.get(object_id=j2.pk), upheld=False, reason="問題なし", actor=staff
    )
    appeal = do_file_appeal(Restriction.objects.get(), text="誤解", actor=cast["client"])
    do_decide_appeal(appeal, upheld=True, reason="取り消し", actor=second_staff)
    r1, r2, r3 = Report.objects.order_by("id")
    Report.objects.filter(pk=r1.pk).update(
        created_at=at(2025, 2, 1, 0), decided_at=at(2025, 2, 1, 10)
    )
    Report.objects.filter(pk=r2.pk).update(
        created_at=at(2025, 1, 31, 14), decided_at=at(2025, 2, 1, 10)
    )
    Report.objects.filter(pk=r3.pk).update(
        created_at=at(2025, 3, 1, 0), decided_at=at(2025, 3, 2, 6)
    )
    Restriction.objects.update(starts_at=at(2025, 2, 1, 10))
    Appeal.objects.update(created_at=at(2025, 2, 3))
    # The decided-job log rows are append-only: make a figure in Q2 2025 from a new one instead.
    EnforcementLog.objects.create(
        event_type="report_decided",
        data={"upheld": True, "target": "job"},
        created_at=at(2025, 5, 1),
    )
    (q2, q1) = [q for q in transparency_figures() if q.year == 2025]
    assert q1.label == "2025 Q1"
    assert (q1.reports_received, q1.accounts_restricted, q1.appeals_received) == (3, 1, 1)
    assert (q1.appeals_upheld, q1.appeals_rejected) == (1, 0)
    assert q1.median_hours_to_decision == 20.0
    assert q2.jobs_removed == 1
    response = client.get(reverse("enforcement:transparency"))
    assert response.status_code == 200
    assert "2025 Q1" in response.content.decode()


def test_transparency_empty_state(client, db):
    response = client.get(reverse("enforcement:transparency"))
    assert response.status_code == 200 and response.context["quarters"] == []
