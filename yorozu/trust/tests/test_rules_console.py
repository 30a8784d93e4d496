"""Rules as rows: shadow has no effect, going live needs a backtest, hits are counted, the flood
guard shadows a rule that suddenly matches far more, rescans resume from their cursor."""

import datetime

import pytest
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
from yorozu.trust.services import assess_text, discard_rule_hits, flush_rule_hits
from yorozu.trust.tasks import backtest_rule, process_rescan

WORD = "もふもふ商材"
TEXT = f"{WORD}のご案内です。"


@pytest.fixture(autouse=True)
def _clean_buffer():
    # Each test's rules are rolled back with it: start from a freshly built engine.
    forget_engine()
    discard_rule_hits()
    yield
    discard_rule_hits()


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
    if rule.state == "draft":
        do_set_rule_state(rule, state="shadow", actor=actor)
    do_record_backtest(rule, result=backtest_rule(rule, days=30), actor=actor)
    return do_set_rule_state(rule, state="live", actor=actor)


def test_a_draft_rule_does_nothing_and_shadow_is_reported_but_not_counted(staff_user):
    rule = make_rule(staff_user)
    assert assess_text(TEXT, kind="message").verdict == "allow"
    do_set_rule_state(rule, state="shadow", actor=staff_user)
    shadowed = assess_text(TEXT, kind="message")
    assert shadowed.verdict == "allow" and shadowed.points == 0
    assert [r.code for r in shadowed.shadow] == ["test.mofu"]
    do_record_backtest(rule, result={"days": 1}, actor=staff_user)
    do_set_rule_state(rule, state="live", actor=staff_user)
    live = assess_text(TEXT, kind="message")
    assert live.verdict == "hold" and [r.code for r in live.reasons] == ["test.mofu"]


def test_shadow_rules_never_change_a_verdict_on_the_corpus_sample(staff_user):
    texts = ["LINE交換しませんか？", "ロゴを作ってください", "MLMで月収100万", TEXT]
    before = [assess_text(t, kind="message").verdict for t in texts]
    rule = make_rule(staff_user, weight=10)
    do_set_rule_state(rule, state="shadow", actor=staff_user)
    assert [assess_text(t, kind="message").verdict for t in texts] == before


def test_going_live_needs_a_current_backtest_and_follows_the_state_machine(staff_user):
    rule = make_rule(staff_user)
    with pytest.raises(RuleError):
        do_set_rule_state(rule, state="live", actor=staff_user)  # draft → live is not a step
    do_set_rule_state(rule, state="shadow", actor=staff_user)
    with pytest.raises(RuleError):
        do_set_rule_state(rule, state="live", actor=staff_user)  # no backtest yet
    assert TrustRule.objects.get(pk=rule.pk).state == "shadow"
    go_live(rule, staff_user)
    assert list(rule.events.values_list("event_type", flat=True)) == [
        "created",
        "state",
        "backtest",
        "state",
    ]


def test_backtest_counts_and_samples_postings_and_messages(staff_user):
    JobFactory(description=f"本日は{WORD}を紹介します")
    JobFactory(description="普通の仕事です")
    old = JobFactory(description=f"古い{WORD}")
    old.created_at = timezone.now() - datetime.timedelta(days=90)
    old.save()
    result = backtest_rule(make_rule(staff_user), days=30)
    assert result["flagged"]["job"] == 1 and result["scanned"]["job"] == 2
    assert result["samples"][0]["match"] == WORD


def test_hits_are_counted_per_rule_and_day_in_batches(staff_user):
    go_live(make_rule(staff_user, weight=1.0), staff_user)
    for _ in range(3):
        assess_text(TEXT, kind="message")
    assert not RuleHitDaily.objects.filter(code="test.mofu").exists()  # still buffered
    flush_rule_hits()
    row = RuleHitDaily.objects.get(code="test.mofu", day=timezone.localdate())
    assert row.hits == 3
    assert VerdictDaily.objects.filter(kind="message", verdict="allow").get().count == 3


def test_the_flood_guard_shadows_a_rule_and_alerts_staff(staff_user):
    rule = go_live(make_rule(staff_user, weight=1.0), staff_user)
    today = timezone.localdate()
    for days_ago in range(1, 8):
        RuleHitDaily.objects.create(
            code=rule.code, day=today - datetime.timedelta(days=days_ago), hits=10
        )
    for _ in range(FLOOD_FLOOR - 1):
        assess_text(TEXT, kind="message")
    flush_rule_hits()
    assert TrustRule.objects.get(pk=rule.pk).state == "live"  # 49 < floor
    assess_text(TEXT, kind="message")
    flush_rule_hits()
    assert TrustRule.objects.get(pk=rule.pk).state == "live"  # 50 ≤ 5 × average of 10
    RuleHitDaily.objects.filter(code=rule.code, day=today).update(hits=0)
    RuleHitDaily.objects.filter(code=rule.code).exclude(day=today).update(hits=1)
    for _ in range(FLOOD_FLOOR + 1):
        assess_text(TEXT, kind="message")
    flush_rule_hits()
    rule.refresh_from_db()
    assert rule.state == "shadow"
    assert rule.events.filter(event_type="flood_guard").exists()
    assert staff_user.notifications.filter(kind="trust_flood_guard").exists()
    assert assess_text(TEXT, kind="message").verdict == "allow"


def test_a_rescan_resumes_from_its_cursor_and_never_duplicates_holds(staff_user):
    jobs = [JobFactory(description=f"{WORD} {i}" if i % 2 else "普通") for i in range(12)]
    rule = make_rule(staff_user)
    do_set_rule_state(rule, state="shadow", actor=staff_user)
    do_record_backtest(rule, result={"days": 1}, actor=staff_user)
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
