"""Staff rules cannot hang the site (issue 14, item 6): catastrophic patterns are refused with
a clear reason wherever a rule is written, staff patterns run on a linear-time engine, and a
rule is backtested before it reaches shadow."""

import re
import time

import pytest
from django.urls import reverse

from yorozu.console.forms import RuleForm
from yorozu.trust.actions import (
    RuleError,
    do_create_rule,
    do_edit_rule,
    do_record_backtest,
    do_set_rule_state,
)
from yorozu.trust.engine import Context, Engine, Rule, default_engine
from yorozu.trust.engine.rules import DEFAULT_RULES
from yorozu.trust.engine.staff_patterns import problems
from yorozu.trust.models import TrustRule
from yorozu.trust.rules import build_engine, forget_engine, row_values_from_rule
from yorozu.trust.screening import screen

CATASTROPHIC = [
    "(a+)+b",  # the pattern of the issue: 2.3 s on 24 characters with `re`
    "(a*)*b",
    r"(\w+\s?)*$",
    "(.*a){12}",
    "(a|aa)+b",
    "(a?a)+b",
    "(?:x+)+y",
    r"(?:[a-z0-9]+\.?)+@",
]
FINE = [
    r"(?:\d+-)+\d+",
    r"line[:：]?\s*[a-z0-9_]{4,}",
    "(?:稼げ|儲か)る",
    r"[0-9]{2,4}-[0-9]{2,4}-[0-9]{4}",
    r"(?:[a-z]+\.)+[a-z]{2,}",
    r"\d{1,3}(?:,\d{3})+円",
    "(?:ab|ac)+",
]
MSG = Context(kind="message", stage="pre_contract")


@pytest.fixture(autouse=True)
def _fresh_engine():
    forget_engine()


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_shapes_are_refused_with_the_reason(pattern):
    found = problems(pattern)
    assert [p.code for p in found] == ["catastrophic"], found
    assert "repetition" in found[0].detail


@pytest.mark.parametrize("pattern", FINE)
def test_ordinary_patterns_pass(pattern):
    assert problems(pattern) == []


def test_the_check_is_right_about_re_itself():
    """The refused shapes really backtrack in `re` (a few ms on 20 characters and doubling),
    the accepted ones do not: the check refuses what hurts, not what looks odd."""

    def seconds(pattern: str, text: str) -> float:
        compiled = re.compile(pattern)
        start = time.perf_counter()
        compiled.search(text)
        return time.perf_counter() - start

    assert seconds("(a+)+b", "a" * 20 + "c") > 20 * seconds("(?:\\d+-)+\\d+", "1-" * 10 + "c")
    assert seconds("(a+)+b", "a" * 22 + "c") > 2 * seconds("(a+)+b", "a" * 20 + "c")


@pytest.mark.parametrize(
    "pattern",
    ["(?<![a-z])line", "line(?=id)", r"(ab)\1"],
)
def test_what_the_linear_engine_cannot_run_is_refused(pattern):
    assert [p.code for p in problems(pattern)] == ["unsupported"]


def test_syntax_and_length():
    assert [p.code for p in problems("(")] == ["syntax"]
    assert [p.code for p in problems("a" * 501)] == ["too_long"]


def test_shipped_patterns_are_trusted_as_they_are():
    shipped = [p for rule in DEFAULT_RULES for p in rule.patterns]
    assert any("(?<" in p for p in shipped)  # ours use look-behind, on `re`
    assert all(problems(p) == [] for p in shipped)


def test_a_staff_pattern_runs_in_linear_time_even_if_the_check_missed_it():
    """The engine compiles a staff (`linear`) rule's pattern with RE2: the pattern of the issue
    on 24 characters and on 20,000 takes well under a millisecond per check."""
    base = default_engine()
    rule = Rule(
        code="staff.slow",
        category="test",
        weight=6,
        message_ja="テスト",
        message_en="test",
        patterns=("(a+)+b",),
        linear=True,
    )
    engine = Engine(rules=[rule], lexicon=base.lexicon, model=None)
    for n in (24, 20_000):
        start = time.perf_counter()
        got = engine.assess("a" * n + "c", MSG)
        assert time.perf_counter() - start < 0.25
        assert got.verdict == "allow"
    hit = engine.assess("在庫 aaab です", MSG)
    assert hit.verdict == "block" and (hit.reasons[0].start, hit.reasons[0].end) == (3, 7)


def make(staff_user, patterns, code="test.pattern"):
    return do_create_rule(
        code=code,
        data={"category": "test", "weight": 6.0, "message_ja": "テスト", "patterns": patterns},
        actor=staff_user,
    )


def test_the_actions_refuse_a_catastrophic_pattern(staff_user):
    with pytest.raises(RuleError, match="repetition") as exc:  # the detail is the engine's
        make(staff_user, ["(a+)+b"])
    assert exc.value.code == "rule_pattern_refused"
    assert not TrustRule.objects.exists()
    rule = make(staff_user, ["zzq+"])
    with pytest.raises(RuleError):
        do_edit_rule(rule, {"patterns": [r"(\w+\s?)*$"]}, actor=staff_user)
    assert TrustRule.objects.get(pk=rule.pk).patterns == ["zzq+"]


def test_the_console_form_says_why(staff_user, client):
    form = RuleForm(
        data={
            "code": "test.slow",
            "category": "test",
            "weight": 6,
            "message_ja": "テスト",
            "patterns": "(a+)+b\n(?<![a-z])line",
            "window": 30,
        }
    )
    assert not form.is_valid()
    errors = form.errors["patterns"]
    assert len(errors) == 2
    assert "(a+)+b" in errors[0] and "指数関数的" in errors[0]  # exponential time
    assert "後読み" in errors[1]  # look-behind
    client.force_login(staff_user)
    page = client.post(
        reverse("console:rule_new"),
        {
            "code": "test.slow",
            "category": "test",
            "weight": 6,
            "message_ja": "テスト",
            "patterns": "(a+)+b",
            "window": 30,
        },
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert page.status_code == 200
    assert "指数関数的" in page.content.decode()
    assert "(a+)+b" in page.content.decode()  # the draft is kept
    assert not TrustRule.objects.exists()


def test_a_stored_bad_row_is_left_out_not_fatal(staff_user):
    """A row written before patterns were checked (or straight into the table) cannot break
    screening: the engine is built without it and the text is still assessed."""
    TrustRule.objects.create(
        code="legacy.slow",
        category="test",
        weight=6,
        message_ja="テスト",
        patterns=["(a+)+b"],
        state="live",
    )
    engine = build_engine(list(TrustRule.objects.all()))
    assert "legacy.slow" not in {r.code for r in engine.rules}
    assert screen("message", "こんにちは").assessment.verdict == "allow"  # builds the engine
    start = time.perf_counter()  # (a+)+b on `re` would take minutes on this text
    assert screen("message", "a" * 30 + "c").assessment.verdict == "allow"
    assert time.perf_counter() - start < 1.0


def test_a_shipped_rule_override_keeps_its_own_patterns(staff_user):
    """The flood guard writes a row copying a shipped rule (look-behind and all): it still
    builds, on `re`, and matches as the shipped rule does."""
    shipped = next(r for r in DEFAULT_RULES if any("(?<" in p for p in r.patterns))
    row = TrustRule.objects.create(**row_values_from_rule(shipped), state="live")
    engine = build_engine([row])
    assert shipped.code in {r.code for r in engine.rules}


def test_a_rule_reaches_shadow_only_after_a_backtest(staff_user):
    rule = make(staff_user, ["zzq+"])
    with pytest.raises(RuleError) as exc:
        do_set_rule_state(rule, state="shadow", actor=staff_user)
    assert exc.value.code == "rule_needs_backtest"
    assert TrustRule.objects.get(pk=rule.pk).state == "draft"
    do_record_backtest(rule, result={"days": 1}, actor=staff_user)
    assert do_set_rule_state(rule, state="shadow", actor=staff_user).state == "shadow"


def test_changing_what_a_running_rule_matches_sends_it_back_to_draft(staff_user):
    rule = make(staff_user, ["zzq+"])
    do_record_backtest(rule, result={"days": 1}, actor=staff_user)
    do_set_rule_state(rule, state="shadow", actor=staff_user)
    assert [r.code for r in screen("message", "zzqq").assessment.shadow] == ["test.pattern"]
    do_edit_rule(rule, {"weight": 5.0}, actor=staff_user)  # the weight: it keeps running
    assert TrustRule.objects.get(pk=rule.pk).state == "shadow"
    do_edit_rule(rule, {"patterns": ["zzx+"]}, actor=staff_user)
    rule.refresh_from_db()
    assert rule.state == "draft" and not rule.backtest_current
    assert screen("message", "zzxx").assessment.shadow == ()
    with pytest.raises(RuleError):
        do_set_rule_state(rule, state="shadow", actor=staff_user)
