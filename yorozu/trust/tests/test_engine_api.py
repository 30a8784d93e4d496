"""The public API: rules as data, shadow and draft states, thresholds, robustness."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yorozu.trust.engine import Assessment, Context, Engine, Rule, assess


def rule(**kw):
    base = dict(
        code="test.rule",
        category="test",
        weight=5.0,
        message_ja="テスト",
        message_en="test",
        keywords=("ばなな",),
    )
    base.update(kw)
    return Rule(**base)


def test_custom_rule_fires_with_span_into_original():
    eng = Engine(rules=[rule()], model=None)
    text = "今日はﾊﾞﾅﾅではなく、ばななを食べた"
    a = eng.assess(text)
    assert a.verdict == "hold"
    assert text[a.reasons[0].start : a.reasons[0].end] == "ばなな"


def test_shadow_rule_is_reported_but_not_counted():
    eng = Engine(rules=[rule(state="shadow")], model=None)
    a = eng.assess("ばなな")
    assert a.verdict == "allow" and a.score == 0.0
    assert [r.code for r in a.shadow] == ["test.rule"]


def test_draft_rule_is_not_evaluated():
    eng = Engine(rules=[rule(state="draft")], model=None)
    a = eng.assess("ばなな")
    assert a.reasons == () and a.shadow == ()


def test_rule_scoped_by_kind_and_stage():
    eng = Engine(rules=[rule(kinds=frozenset({"job"}), stages=frozenset({"pre_contract"}))])
    assert eng.assess("ばなな", Context(kind="message")).verdict == "allow"
    assert eng.assess("ばなな", Context(kind="job")).verdict == "hold"


def test_near_and_lexicon_references():
    eng = Engine(rules=[rule(keywords=("@app",), near=("交換",), window=5)], model=None)
    assert eng.assess("LINE交換").verdict != "allow"
    assert eng.assess("LINEのスタンプをたくさん作って、名刺交換").verdict == "allow"


def test_bad_rules_are_rejected_at_compile_time():
    with pytest.raises(ValueError):
        Engine(rules=[rule(near=("@no_such_set",))])
    with pytest.raises(ValueError):
        Engine(rules=[rule(), rule()])
    with pytest.raises(ValueError):
        Engine(rules=[rule(keywords=())])


def test_context_validates_its_fields():
    with pytest.raises(ValueError):
        Context(kind="tweet")
    with pytest.raises(ValueError):
        Context(stage="later")


def test_score_is_monotone_in_points_and_bounded():
    a = assess("LINE交換しよう、IDは abc123、電話は 090-1234-5678、メールは a.b@gmail.com")
    assert isinstance(a, Assessment)
    assert 0.0 < a.score <= 1.0
    assert a.verdict == "block"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["message", "scout", "proposal", "job", "profile"]))
def test_assess_never_raises_and_spans_are_inside(text, kind):
    a = assess(text, Context(kind=kind))
    assert a.verdict in ("allow", "warn", "hold", "block")
    assert 0.0 <= a.score <= 1.0
    for r in a.reasons:
        assert 0 <= r.start <= r.end <= len(text)


OBFUSCATED_EMAILS = st.builds(
    lambda user, at, dom, pre, post: f"{pre}{user}{at}{dom}{post}",
    st.from_regex(r"[a-z]{3,8}[0-9]{0,3}", fullmatch=True),
    st.sampled_from(["@", "＠", " あっとまーく ", "[at]", "(at)", " アットマーク "]),
    st.sampled_from(["gmail.com", "ｇｍａｉｌ．ｃｏｍ", "yahoo.co.jp", "outlook[dot]jp"]),
    st.sampled_from(["", "連絡は", "メールは "]),
    st.sampled_from(["", " まで", "です。よろしく"]),
)


@settings(max_examples=200, deadline=None)
@given(OBFUSCATED_EMAILS)
def test_email_span_points_at_the_flagged_characters(text):
    from yorozu.trust.engine import normalize

    a = assess(text)
    emails = [r for r in a.reasons if r.code == "contact.email"]
    assert emails, text
    r = emails[0]
    assert "@" in normalize(text[r.start : r.end]).text
