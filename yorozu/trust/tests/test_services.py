import pytest

from yorozu.trust.screening import POST_CONTRACT, Context, screen
from yorozu.trust.services import assessment_as_json

pytestmark = pytest.mark.django_db


def test_screen_flags_a_line_id_before_escrow_and_allows_it_after():
    text = "LINEのIDは yamada_1234 です。こちらに連絡ください"
    assert screen("message", text).verdict != "allow"
    after = screen("message", text, context=Context(stage=POST_CONTRACT))
    assert after.verdict in {"allow", "warn"}


def test_assessment_json_keeps_spans_into_the_original_text():
    text = "メールは taro.yamada@gmail.com までお願いします"
    data = assessment_as_json(screen("message", text).assessment)
    assert data["verdict"] != "allow"
    assert data["reasons"]
    for reason in data["reasons"]:
        assert 0 <= reason["start"] < reason["end"] <= len(text)
