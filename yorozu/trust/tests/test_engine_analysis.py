"""The morphological analyser the engine reads mention roles from (SudachiPy, core dictionary)."""

import pytest

from yorozu.trust.engine import analysis, normalize

pytestmark = pytest.mark.skipif(not analysis.available(), reason="sudachipy not installed")


def test_morphemes_index_the_text_and_carry_dictionary_forms():
    text = normalize("ＬＩＮＥで話しましょう。電話番号を掲載").text
    ms = analysis.analyse(text)
    assert "".join(text[m.begin : m.end] for m in ms) == text
    lemmas = [m.lemma for m in ms]
    assert "話す" in lemmas and "電話番号" in lemmas
    verb = next(m for m in ms if m.lemma == "話す")
    assert verb.pos == "動詞"


def test_a_slice_keeps_offsets_into_the_whole_text():
    text = "はじめまして。lineで連絡ください"
    ms = analysis.analyse(text, 7)
    assert ms[0].begin == 7 and text[ms[0].begin : ms[0].end] == "line"


def test_long_text_is_cut_into_chunks_without_losing_characters():
    text = ("店舗の電話番号を掲載します。\n" * 600)[:9000]
    ms = analysis.analyse(text)
    assert ms[-1].end == len(text)
    assert sum(m.end - m.begin for m in ms) == len(text)
