"""Worker tiers (認定ワーカー, プロ認定ワーカー): the worker metrics, grant, pro on top of the
lower tier, revocation with the reason told and recorded, criteria edits at the next run, the
progress page, and the badge on the profile, in worker search and on proposals."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import IdentityStatus, Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.certification import metrics
from yorozu.certification.actions import do_evaluate_worker_tiers
from yorozu.certification.models import (
    Criterion,
    Programme,
    WorkerTierEvent,
    WorkerTierStatus,
)
from yorozu.certification.tests import builders as b
from yorozu.certification.tests.builders import DAY, HOUR, NOW
from yorozu.contracts.models import ContractStatus, Milestone, MilestoneStatus, ProposalStatus
from yorozu.notifications.models import Notification
from yorozu.reviews.models import Direction, Review
from yorozu.workers.models import Scout, ScoutStatus

TIER_BADGE = "tier-badge"
PROGRESS = "/account/tier/"


def tier_worker(**extra):
    return UserFactory(role=Role.WORKER, **({"identity_status": IdentityStatus.VERIFIED} | extra))


def completed_job(
    w, *, now=NOW, days_ago=30, stars=5, late_days=0, answered=True, owner=None
) -> None:
    """One contract `w` completed `days_ago` days before `now`: a milestone due 5 days after
    acceptance, delivered `late_days` after its due date, a review of `stars`, and a client's
    message answered by the worker within the hour (or never)."""
    owner = owner or b.client()
    posted = now - (days_ago + 15) * DAY
    j = b.job(owner, created_at=posted)
    p = b.proposal(j, created_at=posted + HOUR, status=ProposalStatus.HIRED, by=w)
    accepted = posted + 2 * HOUR
    c = b.contract(p, accepted_at=accepted, completed_at=now - days_ago * DAY)
    due = timezone.localdate(accepted) + datetime.timedelta(days=5)
    delivered = accepted + datetime.timedelta(days=5 + late_days) - 2 * HOUR
    Milestone.objects.create(
        contract=c,
        position=1,
        title=c.title,
        amount=c.amount,
        due_date=due,
        status=MilestoneStatus.RELEASED,
        funded_at=c.funded_at,
        delivered_at=delivered,
        released=c.amount,
    )
    Review.objects.create(
        contract=c,
        reviewer_id=c.client_id,
        reviewee_id=w.pk,
        direction=Direction.CLIENT_TO_WORKER,
        overall=stars,
        quality=stars,
        communication=stars,
        timeliness=stars,
        created_at=c.completed_at + HOUR,
    )
    t = b.thread(j, w)
    b.message(t, owner, at=posted + 3 * HOUR)
    if answered:
        b.message(t, w, at=posted + 4 * HOUR)


def qualified_worker(now=NOW, contracts=5, **extra):
    w = tier_worker(**extra)
    for i in range(contracts):
        completed_job(w, now=now, days_ago=20 + i)
    return w


# --- metrics ------------------------------------------------------------------------------


def test_worker_metrics_are_computed_per_worker_in_one_pass(db):
    w = tier_worker()
    completed_job(w, stars=5)
    completed_job(w, stars=4, late_days=2, answered=False)
    completed_job(w, days_ago=400, stars=1)  # outside the one-year window
    other = tier_worker()
    completed_job(other, stars=3)
    since = NOW - 365 * DAY

    assert metrics.completed_contracts(since, NOW, None) == {w.pk: 2.0, other.pk: 1.0}
    assert metrics.average_rating(since, NOW, None) == {w.pk: 4.5, other.pk: 3.0}
    assert metrics.on_time_delivery_rate(since, NOW, None) == {w.pk: 50.0, other.pk: 100.0}
    assert metrics.worker_response_rate(NOW - 182 * DAY, NOW, [w.pk]) == {w.pk: 50.0}


def test_on_time_counts_an_overdue_undelivered_milestone_as_late_and_ignores_no_due_date(db):
    w = tier_worker()
    completed_job(w)
    c = b.contract(
        b.proposal(b.job(b.client(), created_at=NOW - 30 * DAY), created_at=NOW - 30 * DAY, by=w),
        status=ContractStatus.FUNDED,
        accepted_at=NOW - 29 * DAY,
    )
    Milestone.objects.create(
        contract=c,
        position=1,
        title="t",
        amount=c.amount,
        due_date=(NOW - 3 * DAY).date(),
        status=MilestoneStatus.FUNDED,
        funded_at=c.funded_at,
    )
    Milestone.objects.create(
        contract=c,
        position=2,
        title="no date",
        amount=1,
        status=MilestoneStatus.FUNDED,
        funded_at=c.funded_at,
    )
    assert metrics.on_time_delivery_rate(NOW - 365 * DAY, NOW, [w.pk]) == {w.pk: 50.0}


def test_scouts_count_as_answered_when_accepted_or_declined_within_72_hours(db):
    w = tier_worker()
    owner = b.client()
    for n, (status, after) in enumerate(
        [
            (ScoutStatus.ACCEPTED, 5 * HOUR),
            (ScoutStatus.DECLINED, 100 * HOUR),  # too late
            (ScoutStatus.SENT, None),  # never answered
            (ScoutStatus.HELD, None),  # never shown to the worker: not counted
        ]
    ):
        sent = NOW - (10 + n) * DAY
        Scout.objects.create(
            client=owner,
            worker=w,
            job=b.job(owner, created_at=sent - DAY),
            message="ぜひ",
            status=status,
            created_at=sent,
            decided_at=sent + after if after else None,
        )
    assert metrics.scout_answers(NOW - 182 * DAY, NOW, None) == {w.pk: (3, 1)}


# --- grant, pro, revoke -------------------------------------------------------------------


def test_a_qualified_worker_is_granted_the_tier_with_an_event_and_a_notification(db):
    w = qualified_worker()
    b.client()  # a client who never worked is not a worker to evaluate
    result = do_evaluate_worker_tiers(now=NOW)
    assert result.granted == [(w.pk, Programme.WORKER)]
    assert result.workers == 1 + 5 * 0  # the clients of the jobs never worked
    status = WorkerTierStatus.objects.get(worker=w)
    assert status.tier == Programme.WORKER and status.since == NOW
    assert status.values["worker_completed"] == 5.0
    # Not pro: the pro criteria (20 contracts…) are stored and failed.
    assert "pro_completed" in status.failed and "worker_completed" not in status.failed
    event = WorkerTierEvent.objects.get(worker=w)
    assert event.kind == WorkerTierEvent.Kind.GRANTED and event.tier == Programme.WORKER
    note = Notification.objects.get(user=w, kind="worker_tier_granted")
    assert "認定ワーカー" in note.title

    # The next day, unchanged: no new event or notification; `since` kept.
    do_evaluate_worker_tiers(now=NOW + DAY)
    assert WorkerTierEvent.objects.filter(worker=w).count() == 1
    status.refresh_from_db()
    assert status.since == NOW and status.evaluated_at == NOW + DAY


def test_pro_needs_the_lower_tier_too(db):
    Criterion.objects.filter(code="pro_completed").update(threshold=5)
    pro = qualified_worker()
    unverified = qualified_worker(identity_status=IdentityStatus.UNVERIFIED)
    do_evaluate_worker_tiers(now=NOW)
    assert WorkerTierStatus.objects.get(worker=pro).tier == Programme.PRO_WORKER
    # Meets every pro criterion but not the lower tier's identity check: no tier at all.
    assert WorkerTierStatus.objects.get(worker=unverified).tier == ""


def test_revoked_when_a_criterion_fails_with_the_reason_told_and_recorded(db):
    w = qualified_worker()
    do_evaluate_worker_tiers(now=NOW)
    # Three one-star reviews pull the average under 4.5.
    for _ in range(3):
        completed_job(w, days_ago=2, stars=1)
    result = do_evaluate_worker_tiers(now=NOW + HOUR)
    assert result.revoked == [(w.pk, Programme.WORKER, ["worker_rating"])]
    status = WorkerTierStatus.objects.get(worker=w)
    assert status.tier == "" and status.since is None
    event = WorkerTierEvent.objects.get(worker=w, kind=WorkerTierEvent.Kind.REVOKED)
    assert event.tier == Programme.WORKER and event.failed == ["worker_rating"]
    assert event.values["worker_rating"] == 3.5
    note = Notification.objects.get(user=w, kind="worker_tier_revoked")
    assert "認定ワーカー" in note.title
    assert Criterion.objects.get(code="worker_rating").label_ja in note.body


def test_a_violation_revokes_the_tier(db):
    from yorozu.enforcement.models import Restriction, RestrictionLevel

    w = qualified_worker()
    do_evaluate_worker_tiers(now=NOW)
    level = next(lv for lv in RestrictionLevel if lv != RestrictionLevel.WARNING)
    Restriction.objects.create(user=w, level=level, starts_at=NOW - DAY, reason="テスト")
    result = do_evaluate_worker_tiers(now=NOW + HOUR, worker_ids=[w.pk])
    assert result.revoked == [(w.pk, Programme.WORKER, ["worker_no_violations"])]


def test_criteria_edits_take_effect_on_the_next_run(db):
    w = qualified_worker()
    do_evaluate_worker_tiers(now=NOW)
    assert WorkerTierStatus.objects.get(worker=w).tier == Programme.WORKER

    Criterion.objects.filter(code="worker_completed").update(threshold=10)
    do_evaluate_worker_tiers(now=NOW + HOUR)
    status = WorkerTierStatus.objects.get(worker=w)
    assert status.tier == "" and status.failed[0] == "worker_completed"

    Criterion.objects.filter(code="worker_completed").update(enabled=False)
    do_evaluate_worker_tiers(now=NOW + 2 * HOUR)
    status = WorkerTierStatus.objects.get(worker=w)
    assert status.tier == Programme.WORKER and "worker_completed" not in status.values

    # Client criteria do not touch worker tiers, and the reverse.
    Criterion.objects.filter(programme=Programme.CLIENT).update(enabled=False)
    do_evaluate_worker_tiers(now=NOW + 3 * HOUR)
    assert WorkerTierStatus.objects.get(worker=w).tier == Programme.WORKER


def test_a_criterion_may_only_use_its_programmes_metrics(db):
    from django.core.exceptions import ValidationError

    criterion = Criterion(
        programme=Programme.WORKER,
        code="x",
        label_ja="x",
        label_en="x",
        metric="hire_rate",
        threshold=1,
    )
    with pytest.raises(ValidationError):
        criterion.full_clean()


def test_evaluation_is_set_based(db, django_assert_max_num_queries):
    """A fixed number of queries whatever the number of workers (no query per worker)."""
    for _ in range(4):
        qualified_worker(contracts=1)
    with django_assert_max_num_queries(20):
        do_evaluate_worker_tiers(now=NOW)


# --- pages and badges ---------------------------------------------------------------------


@pytest.fixture
def tiered(db):
    """A worker holding 認定ワーカー at the real clock."""
    now = timezone.now()
    w = qualified_worker(now=now, display_name="認定ワーカー太郎")
    do_evaluate_worker_tiers(now=now)
    return w


def test_progress_page_shows_each_criterion_value_and_what_is_missing(client, db):
    now = timezone.now()
    w = qualified_worker(now=now, contracts=3)
    do_evaluate_worker_tiers(now=now)
    client.force_login(w)
    response = client.get(PROGRESS)
    assert response.status_code == 200
    text = response.text
    assert 'data-criterion="worker_completed"' in text
    assert 'data-tier-section="worker"' in text and 'data-tier-section="pro_worker"' in text
    assert (
        text.count("<progress")
        == Criterion.objects.filter(
            enabled=True, programme__in=[Programme.WORKER, Programme.PRO_WORKER]
        ).count()
    )
    assert 'class="next-tier"' in text
    missing = text.split('class="next-tier"')[1].split("</p>")[0]
    assert Criterion.objects.get(code="worker_completed").label_ja in missing
    assert Criterion.objects.get(code="worker_rating").label_ja not in missing
    assert TIER_BADGE not in text


def test_progress_page_of_a_tiered_worker_shows_the_badge(client, tiered):
    client.force_login(tiered)
    text = client.get(PROGRESS).text
    assert TIER_BADGE in text and 'data-tier="worker"' in text


def test_progress_page_before_any_evaluation_and_for_anonymous(client, worker_user):
    response = client.get(PROGRESS)
    assert response.status_code == 302
    client.force_login(worker_user)
    response = client.get(PROGRESS)
    assert response.status_code == 200
    assert "<progress" in response.text


def test_programme_page_lists_the_tiers_criteria_from_the_data(client, db):
    Criterion.objects.filter(code="worker_rating").update(label_ja="テスト用の評価基準")
    text = client.get(reverse("certification:tier_programme")).text
    assert "テスト用の評価基準" in text
    assert 'data-tier="pro_worker"' in text


def test_badge_on_profile_worker_search_and_proposals(client, tiered, client_user):
    from yorozu.workers.actions import rebuild_worker_search_rows

    rebuild_worker_search_rows()
    j = b.job(client_user, created_at=timezone.now() - DAY)
    b.proposal(j, created_at=timezone.now() - HOUR, by=tiered)
    client.force_login(client_user)
    for url in (
        reverse("workers:profile", args=[tiered.pk]),
        reverse("workers:search"),
        reverse("contracts:job_proposals", args=[j.pk]),
    ):
        text = client.get(url).text
        assert tiered.display_name in text, url
        assert TIER_BADGE in text, url
        assert "certification/tier.svg" in text, url


def test_no_badge_for_a_worker_without_a_tier(client, client_user, worker_user):
    from yorozu.workers.actions import rebuild_worker_search_rows

    rebuild_worker_search_rows()
    client.force_login(client_user)
    for url in (reverse("workers:profile", args=[worker_user.pk]), reverse("workers:search")):
        assert TIER_BADGE not in client.get(url).text


def test_certified_workers_only_filter_in_worker_search(
    client, tiered, client_user, worker_user, django_assert_max_num_queries
):
    from yorozu.workers.actions import rebuild_worker_search_rows

    rebuild_worker_search_rows()
    client.force_login(client_user)
    everyone = client.get(reverse("workers:search")).text
    assert tiered.display_name in everyone and worker_user.display_name in everyone
    assert "認定ワーカーのみ" in everyone and 'name="tiered"' in everyone
    client.get(reverse("workers:search"), {"tiered": "on"})  # warm the per-day usage counters
    with django_assert_max_num_queries(12):
        filtered = client.get(reverse("workers:search"), {"tiered": "on"}).text
    assert tiered.display_name in filtered
    assert worker_user.display_name not in filtered
    assert filtered.count(TIER_BADGE) == 1


def test_completing_and_reviewing_reevaluates_the_worker(db, django_capture_on_commit_callbacks):
    """The complete and review actions enqueue `evaluate_worker` on commit (run at once here)."""
    from yorozu.contracts.actions import do_complete_contract
    from yorozu.contracts.tests.factories import ContractFactory
    from yorozu.reviews.actions import do_leave_review

    contract = ContractFactory(status=ContractStatus.DELIVERED)
    with django_capture_on_commit_callbacks(execute=True):
        do_complete_contract(contract, actor=contract.client)
    status = WorkerTierStatus.objects.get(worker=contract.worker)
    assert status.values["worker_completed"] == 1.0
    assert status.values["worker_rating"] is None

    with django_capture_on_commit_callbacks(execute=True):
        do_leave_review(
            contract=contract,
            reviewer=contract.client,
            data={"overall": 4, "quality": 4, "communication": 4, "timeliness": 4},
            actor=contract.client,
        )
    status.refresh_from_db()
    assert status.values["worker_rating"] == 4.0


def test_the_worker_dashboard_links_to_the_progress_page(client, worker_user):
    client.force_login(worker_user)
    text = client.get(reverse("contracts:dashboard")).text
    assert f'href="{PROGRESS}"' in text and "認定ワーカーの達成状況" in text


def test_losing_pro_keeps_the_lower_tier_and_names_the_pro_criterion(db):
    Criterion.objects.filter(code="pro_completed").update(threshold=5)
    w = qualified_worker()
    do_evaluate_worker_tiers(now=NOW)
    assert WorkerTierStatus.objects.get(worker=w).tier == Programme.PRO_WORKER
    completed_job(w, days_ago=2, stars=4)  # five 5s and a 4: 4.83
    completed_job(w, days_ago=2, stars=4)  # five 5s and two 4s = 4.71: below 4.8, above 4.5
    result = do_evaluate_worker_tiers(now=NOW + HOUR)
    assert result.revoked == [(w.pk, Programme.PRO_WORKER, ["pro_rating"])]
    status = WorkerTierStatus.objects.get(worker=w)
    assert status.tier == Programme.WORKER and status.since == NOW + HOUR
    note = Notification.objects.get(user=w, kind="worker_tier_revoked")
    assert "プロ認定ワーカー" in note.title


def test_staff_edit_worker_criteria_in_the_admin(admin_client, db):
    criterion = Criterion.objects.get(code="worker_completed")
    listing = admin_client.get("/admin/certification/criterion/?programme__exact=worker").text
    assert ">worker_completed<" in listing and ">order_value<" not in listing
    url = f"/admin/certification/criterion/{criterion.pk}/change/"
    form = {
        "programme": "worker",
        "code": "worker_completed",
        "label_ja": "直近1年間に8件以上の契約を完了",
        "label_en": "8 or more contracts completed in the last year",
        "metric": "completed_contracts",
        "comparison": ">=",
        "threshold": "8",
        "window_days": "365",
        "enabled": "on",
        "position": "20",
    }
    assert admin_client.post(url, form).status_code == 302
    criterion.refresh_from_db()
    assert criterion.threshold == 8
    # A client metric on a worker criterion is refused.
    response = admin_client.post(url, {**form, "metric": "hire_rate"})
    assert response.status_code == 200
    criterion.refresh_from_db()
    assert criterion.metric == "completed_contracts"
    for page in ("workertierstatus", "workertierevent"):
        assert admin_client.get(f"/admin/certification/{page}/").status_code == 200
