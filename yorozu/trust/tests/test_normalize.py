"""The normalizer: each obfuscation is undone, and its promises hold for any Unicode input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yorozu.trust.engine import normalize


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("ＬＩＮＥ", "line"),  # full-width
        ("ﾗｲﾝ", "line"),  # half-width katakana
        ("らいん", "line"),
        ("エルアイエヌイー", "line"),
        ("𝐋𝐈𝐍𝐄", "line"),  # mathematical bold
        ("𝕃𝕚𝕟𝕖", "line"),  # double-struck
        ("Ⓛⓘⓝⓔ", "line"),  # enclosed
        ("lіnе", "line"),  # Cyrillic і and е inside a Latin word
        ("ΙΙΝΕ".lower(), "iine"),  # Greek word made only of look-alikes
        ("L\u200bI\u200cN\u200dE", "line"),  # zero-width characters
        ("l i n e", "line"),  # split by spaces
        ("L.I.N.E", "line"),  # split by dots
        ("l-i-n-e交換", "line交換"),
        ("ら・い・ん", "line"),
        ("taro あっとまーく gmail ドット com", "taro @ gmail.com"),
        ("taro[at]gmail[dot]com", "taro@gmail.com"),
        ("taro(at)gmail(dot)com", "taro@gmail.com"),
        ("ぜろきゅうぜろいちにさんよんごろくななはち", "09012345678"),
        ("〇九〇の一二三四の五六七八", "09012345678"),
        ("ゼロハチゼロ イチニサンヨン ゴロクナナハチ", "08012345678"),
        ("zero nine zero one two three four five six seven eight", "09012345678"),
        ("０９０ー１２３４ー５６７８", "090-1234-5678"),
        ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width dakuten composes
    ],
)
def test_obfuscation_is_undone(raw, canonical):
    assert normalize(raw).text == canonical


@pytest.mark.parametrize(
    "legit",
    [
        "アットホームな職場",
        "ドット絵",
        "オンライン",
        "ガイドライン",
        "一緒に頑張りましょう",
        "2024/1/5 10:00",
    ],
)
def test_ordinary_words_are_left_alone(legit):
    assert normalize(legit).text == legit


def test_mask_glyphs_are_unified():
    assert normalize("LI◯E").text == "li○e"


def test_span_maps_back_through_every_stage():
    raw = "連絡は ｔａｒｏ あっとまーく ｇｍａｉｌ ドット ｃｏｍ まで"
    n = normalize(raw)
    at = n.text.index("@")
    start, end = n.span(at, at + 1)
    assert raw[start:end] == "あっとまーく"
    s2, e2 = n.span(n.text.index("taro"), n.text.index("com") + 3)
    assert raw[s2:e2] == "ｔａｒｏ あっとまーく ｇｍａｉｌ ドット ｃｏｍ"


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=80)
TRICKY = st.lists(
    st.sampled_from(
        [
            *"lineLINE@.0123456789 -・らいんライン〇一二三四五六七八九ぜろきゅうにしくごｶﾞﾟ゛゙",
            "\u200b",
            "\u0301",
            "İ",
            "ẞ",
            "ﬁ",
            "Ⅻ",
            "㈱",
            "𝐋",
            "а",
            "ο",
            "ドット",
            "アット",
            "[at]",
        ]
    ),
    max_size=40,
).map("".join)


@SETTINGS
@given(st.one_of(ANY_TEXT, TRICKY))
def test_normalize_is_idempotent_and_never_raises(text):
    once = normalize(text).text
    assert normalize(once).text == once


@SETTINGS
@given(st.one_of(ANY_TEXT, TRICKY), st.data())
def test_every_span_lies_inside_the_original(text, data):
    n = normalize(text)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    start, end = n.span(a, b)
    assert 0 <= start < end <= len(text)
