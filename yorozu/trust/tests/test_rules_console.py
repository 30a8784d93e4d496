"""Rules as rows: shadow has no effect, going live needs a backtest, hits are counted, the flood
guard shadows a rule that suddenly matches far more, rescans resume from their cursor."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.jobs.models import JobModeration
from yorozu.jobs.tests.factories import JobFactory
from yorozu.moderation.models import ModerationCase
from yorozu.trust.actions import (
    FLOOD_FLOOR,
    RuleError,
    do_create_rule,
    do_record_backtest,
    do_set_rule_state,
    do_start_rescan,
)
from yorozu.trust.models import Rescan, RescanChunk, RuleHitDaily, TrustRule, VerdictDaily
from yorozu.trust.rules import forget_engine
from yorozu.trust.screening import screen
from yorozu.trust.tasks import backtest_rule, process_rescan

WORD = "もふもふ商材"
TEXT = f"{WORD}のご案内です。"


@pytest.fixture(autouse=True)
def _fresh_engine():
    # Each test's rules are rolled back with it: start from a freshly built engine.
    forget_engine()


def verdict_of(text: str):
    return screen("message", text).assessment


@pytest.fixture
def thread(client_user, worker_user):
    from yorozu.messaging.tests.factories import ThreadFactory

    return ThreadFactory(client=client_user, worker=worker_user)


def send_many(thread, user, text: str, n: int) -> None:
    """Send `text` n times for real (each message is acted on, so each is counted)."""
    from yorozu.messaging.tests.factories import send

    for _ in range(n):
        send(thread, user, text)


def make_rule(actor, *, weight=5.0, code="test.mofu"):
    return do_create_rule(
        code=code,
        data={
            "category": "test",
            "weight": weight,
            "message_ja": "テスト用のルールです。",
            "keywords": [WORD],
        },
        actor=actor,
    )


def go_live(rule, actor):
    do_record_backtest(rule, result=backtest_rule(rule, days=30), actor=actor)
    if rule.state == "draft":
        do_set_rule_state(rule, state="shadow", actor=actor)
    return do_set_rule_state(rule, state="live", actor=actor)


def to_shadow(rule, actor):
    do_record_backtest(rule, result={"days": 1}, actor=actor)
    return do_set_rule_state(rule, state="shadow", actor=actor)


def test_a_draft_rule_does_nothing_and_shadow_is_reported_but_not_counted(staff_user):
    rule = make_rule(staff_user)
    assert verdict_of(TEXT).verdict == "allow"
    to_shadow(rule, staff_user)
    shadowed = verdict_of(TEXT)
    assert shadowed.verdict == "allow" and shadowed.points == 0
    assert [r.code for r in shadowed.shadow] == ["test.mofu"]
    do_set_rule_state(rule, state="live", actor=staff_user)
    live = verdict_of(TEXT)
    assert live.verdict == "hold" and [r.code for r in live.reasons] == ["test.mofu"]


def test_shadow_rules_never_change_a_verdict_on_the_corpus_sample(staff_user):
    texts = ["LINE交換しませんか？", "ロゴを作ってください", "MLMで月収100万", TEXT]
    before = [verdict_of(t).verdict for t in texts]
    rule = make_rule(staff_user, weight=10)
    to_shadow(rule, staff_user)
    assert [verdict_of(t).verdict for t in texts] == before


def test_shadow_and_live_need_a_current_backtest_and_follow_the_state_machine(staff_user):
    rule = make_rule(staff_user)
    with pytest.raises(RuleError):
        do_set_rule_state(rule, state="live", actor=staff_user)  # draft → live is not a step
    with pytest.raises(RuleError) as refused:
        do_set_rule_state(rule, state="shadow", actor=staff_user)  # no backtest yet
    assert refused.value.code == "rule_needs_backtest"
    assert TrustRule.objects.get(pk=rule.pk).state == "draft"
    go_live(rule, staff_user)
    assert list(rule.events.values_list("event_type", flat=True)) == [
        "created",
        "backtest",
        "state",
        "state",
    ]
    # Taking a rule out of force is never refused, backtest or not.
    TrustRule.objects.filter(pk=rule.pk).update(updated_at=timezone.now())
    rule.refresh_from_db()
    assert not rule.backtest_current
    assert do_set_rule_state(rule, state="shadow", actor=staff_user).state == "shadow"


def test_backtest_counts_and_samples_postings_and_messages(staff_user):
    JobFactory(description=f"本日は{WORD}を紹介します")
    JobFactory(description="普通の仕事です")
    old = JobFactory(description=f"古い{WORD}")
    old.created_at = timezone.now() - datetime.timedelta(days=90)
    old.save()
    result = backtest_rule(make_rule(staff_user), days=30)
    assert result["flagged"]["job"] == 1 and result["scanned"]["job"] == 2
    assert result["samples"][0]["match"] == WORD


def test_hits_are_counted_where_a_verdict_is_acted_on_never_where_it_is_only_read(
    staff_user, thread, worker_user, client
):
    go_live(make_rule(staff_user, weight=1.0), staff_user)
    for _ in range(5):
        verdict_of(TEXT)  # screening alone (a backtest, the console) counts nothing
    client.force_login(worker_user)
    for _ in range(60):  # the pre-send nudge on every pause in typing counts nothing either
        client.post(reverse("messaging:nudge", args=[thread.pk]), {"body": TEXT})
    assert not RuleHitDaily.objects.filter(code="test.mofu").exists()
    send_many(thread, worker_user, TEXT, 3)  # sent: acted on, counted at once, in the database
    row = RuleHitDaily.objects.get(code="test.mofu", day=timezone.localdate())
    assert row.hits == 3
    assert VerdictDaily.objects.filter(kind="message", verdict="allow").get().count == 3


def test_the_nudge_cannot_move_a_rule_into_shadow(staff_user, thread, worker_user, client):
    """55 nudges from one account once pushed two live rules into shadow through the flood
    guard: drafts are not traffic."""
    rule = go_live(make_rule(staff_user, weight=1.0), staff_user)
    client.force_login(worker_user)
    for _ in range(FLOOD_FLOOR + 10):
        client.post(reverse("messaging:nudge", args=[thread.pk]), {"body": TEXT})
    rule.refresh_from_db()
    assert rule.state == "live"
    assert not rule.events.filter(event_type="flood_guard").exists()


def test_the_flood_guard_shadows_a_rule_and_alerts_staff(staff_user, thread, worker_user):
    rule = go_live(make_rule(staff_user, weight=1.0), staff_user)
    today = timezone.localdate()
    for days_ago in range(1, 8):
        RuleHitDaily.objects.create(
            code=rule.code, day=today - datetime.timedelta(days=days_ago), hits=10
        )
    send_many(thread, worker_user, TEXT, FLOOD_FLOOR - 1)
    assert TrustRule.objects.get(pk=rule.pk).state == "live"  # 49 < floor
    send_many(thread, worker_user, TEXT, 1)
    assert TrustRule.objects.get(pk=rule.pk).state == "live"  # 50 ≤ 5 × average of 10
    RuleHitDaily.objects.filter(code=rule.code, day=today).update(hits=0)
    RuleHitDaily.objects.filter(code=rule.code).exclude(day=today).update(hits=1)
    send_many(thread, worker_user, TEXT, FLOOD_FLOOR + 1)
    rule.refresh_from_db()
    assert rule.state == "shadow"
    assert rule.events.filter(event_type="flood_guard").exists()
    assert staff_user.notifications.filter(kind="trust_flood_guard").exists()
    assert verdict_of(TEXT).verdict == "allow"


def test_a_rescan_resumes_from_its_cursor_and_never_duplicates_holds(staff_user):
    jobs = [JobFactory(description=f"{WORD} {i}" if i % 2 else "普通") for i in range(12)]
    rule = make_rule(staff_user)
    to_shadow(rule, staff_user)
    # Going live plans a rescan; the immediate backend runs it at once. Plan our own instead.
    do_set_rule_state(rule, state="live", actor=staff_user)
    Rescan.objects.all().delete()
    from yorozu.jobs.models import Job

    Job.objects.update(moderation=JobModeration.PUBLIC)
    ModerationCase.objects.all().delete()
    # Outside a committed transaction the task is planned but not run: we run the batches.
    rescan = do_start_rescan(reason="test", actor=staff_user)
    # The first worker handles one batch of 5, then is "killed".
    assert process_rescan(rescan.pk, max_batches=1, batch_size=5) == 5
    chunk = RescanChunk.objects.get(rescan=rescan, kind="job")
    assert chunk.cursor == jobs[4].pk and not chunk.done
    first_holds = ModerationCase.objects.count()
    assert first_holds == 2
    # A fresh run continues from the cursor and finishes.
    process_rescan(rescan.pk, batch_size=5)
    rescan.refresh_from_db()
    assert rescan.status == "done" and rescan.processed == 12 and rescan.new_holds == 6
    assert ModerationCase.objects.filter(reason_code="rescan_hold").count() == 6
    # Running it again changes nothing.
    process_rescan(rescan.pk, batch_size=5)
    assert ModerationCase.objects.count() == 6
    assert Job.objects.filter(moderation=JobModeration.HELD).count() == 6


def test_changing_a_live_rule_rescans_and_holds_land_in_the_queue(
    staff_user, django_capture_on_commit_callbacks
):
    held = JobFactory(description=f"{WORD}をどうぞ")
    JobFactory(description="普通の仕事")
    with django_capture_on_commit_callbacks(execute=True):
        go_live(make_rule(staff_user), staff_user)  # the immediate backend runs the rescan
    held.refresh_from_db()
    assert held.moderation == JobModeration.HELD
    case = ModerationCase.objects.get(object_id=held.pk, queue="jobs")
    assert case.reason_code == "rescan_hold"
    rescan = Rescan.objects.get()
    assert rescan.status == "done" and rescan.new_holds == 1
