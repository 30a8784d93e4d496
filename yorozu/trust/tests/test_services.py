from yorozu.trust.services import assess_text, assessment_as_json


def test_assess_text_flags_a_line_id_before_escrow_and_allows_it_after():
    before = assess_text("LINEのIDは yamada_1234 です。こちらに連絡ください", kind="message")
    assert before.verdict != "allow"
    after = assess_text(
        "LINEのIDは yamada_1234 です。こちらに連絡ください", kind="message", stage="post_contract"
    )
    assert after.verdict in {"allow", "warn"}


def test_assessment_json_keeps_spans_into_the_original_text():
    text = "メールは taro.yamada@gmail.com までお願いします"
    data = assessment_as_json(assess_text(text, kind="message"))
    assert data["verdict"] != "allow"
    assert data["reasons"]
    for reason in data["reasons"]:
        assert 0 <= reason["start"] < reason["end"] <= len(text)
