"""A worker finds their task answers and competition entries from the header menu, and sees
only their own."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.formats.actions import do_submit_answer, do_submit_entry
from yorozu.formats.tests.factories import posted_competition, posted_task

pytestmark = pytest.mark.django_db

ANSWER = "一日3時間くらい使います。LINEとYouTubeとメルカリをよく開きます。"


def test_the_header_links_a_worker_to_their_answers_and_entries(worker_user, client_user, client):
    client.force_login(worker_user)
    page = client.get(reverse("jobs:search")).content.decode()
    assert f'href="{reverse("formats:my_answers")}" data-my-formats-link' in page
    answers = client.get(reverse("formats:my_answers")).content.decode()
    assert reverse("formats:my_entries") in answers
    client.force_login(client_user)  # acting as client: the client's menu has no such link
    assert "data-my-formats-link" not in client.get(reverse("jobs:search")).content.decode()


def test_my_entries_lists_only_my_own(
    worker_user, client_user, client, django_assert_max_num_queries
):
    competition = posted_competition(client_user)
    do_submit_entry(competition, worker=worker_user, body="深緑のカップの案", actor=worker_user)
    rival = UserFactory(role=Role.WORKER)
    do_submit_entry(competition, worker=rival, body="ライバルの茶色の案", actor=rival)
    other = posted_competition(client_user, title="パン屋のロゴ案の募集")
    do_submit_entry(other, worker=worker_user, body="小麦の穂の案", actor=worker_user)
    task = posted_task(client_user)
    do_submit_answer(task, worker=worker_user, answer=ANSWER, actor=worker_user)
    client.force_login(worker_user)
    url = reverse("formats:my_entries")
    client.get(url)  # warm the session and caches
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "深緑のカップの案" in page and "小麦の穂の案" in page
    assert "ライバルの茶色の案" not in page
    assert f"/competitions/{competition.pk}/#entry-" in page
    assert reverse("formats:my_answers") in page


def test_my_entries_needs_a_login(client):
    response = client.get(reverse("formats:my_entries"))
    assert response.status_code == 302 and "/login/" in response["Location"]
