"""The FAQ the site ships describes the formats as they work now: files in entries and who
opens them, entries per worker, the reminder before automatic approval, editing."""

import pytest
from django.urls import reverse

from yorozu.content.actions import do_load_content

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, expected",
    [
        ("ファイル", "採用されなかった作品のファイルは応募者のもの"),
        ("1日前", "自動承認の1日前には、クライアントに通知とメールでお知らせします"),
        ("締切を延ばす", "掲載したタスクやコンペの内容を変更できますか"),
        ("応募できる数", "1人が応募できる数はクライアントが決めます"),
    ],
)
def test_the_faq_explains_what_changed(client, query, expected):
    do_load_content()
    page = client.get(reverse("content:faq"), {"q": query}).content.decode()
    assert expected in page
