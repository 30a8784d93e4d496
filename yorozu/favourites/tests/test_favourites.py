"""Favourites and follows, and inviting favourite workers to a job through the scout path."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import WorkerProfile
from yorozu.blocks.actions import do_block_user
from yorozu.favourites.actions import (
    FavouriteRefused,
    do_add_favourite,
    do_invite_favourites,
    do_remove_favourite,
)
from yorozu.favourites.models import Favourite, FavouriteKind
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.tests import samples
from yorozu.notifications.models import Notification
from yorozu.trust.screening import Blocked
from yorozu.workers.models import Scout, ScoutStatus
from yorozu.workers.tests.helpers import make_worker

INVITE = "はじめまして。和菓子店のロゴ制作をお願いできる方を探しています。ぜひご提案ください。"


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user, title="和菓子店のロゴ制作")


def test_a_client_keeps_workers_and_jobs_a_worker_keeps_jobs_and_follows_clients(
    client_user, worker_user, job
):
    other_job = JobFactory()
    do_add_favourite(kind=FavouriteKind.WORKER, target=worker_user, actor=client_user)
    do_add_favourite(kind=FavouriteKind.JOB, target=other_job, actor=client_user)
    do_add_favourite(kind=FavouriteKind.JOB, target=job, actor=worker_user)
    do_add_favourite(kind=FavouriteKind.CLIENT, target=client_user, actor=worker_user)
    again = do_add_favourite(kind=FavouriteKind.CLIENT, target=client_user, actor=worker_user)
    assert Favourite.objects.count() == 4 and again.kind == FavouriteKind.CLIENT
    assert do_remove_favourite(kind=FavouriteKind.JOB, target_id=job.pk, actor=worker_user)
    assert not do_remove_favourite(kind=FavouriteKind.JOB, target_id=job.pk, actor=worker_user)


def test_roles_and_oneself_are_refused(client_user, worker_user, job):
    with pytest.raises(FavouriteRefused):  # workers are kept by clients
        do_add_favourite(kind=FavouriteKind.WORKER, target=client_user, actor=worker_user)
    with pytest.raises(FavouriteRefused):  # clients are followed by workers
        do_add_favourite(kind=FavouriteKind.CLIENT, target=worker_user, actor=client_user)
    with pytest.raises(FavouriteRefused):
        do_add_favourite(kind=FavouriteKind.JOB, target=job, actor=client_user)
    assert Favourite.objects.count() == 0


def test_the_page_lists_each_tab_and_says_something_when_empty(client, client_user, worker_user):
    client.force_login(client_user)
    empty = client.get(reverse("favourites:list")).content.decode()
    assert "お気に入りのワーカーはまだいません" in empty
    client.post(reverse("favourites:toggle", args=["worker", worker_user.pk]))
    page = client.get(reverse("favourites:list")).content.decode()
    assert worker_user.display_name in page
    assert 'id="invite"' in page


def test_the_toggle_keeps_and_drops_from_a_profile(client, client_user, worker_user):
    client.force_login(client_user)
    profile = reverse("workers:profile", args=[worker_user.pk])
    assert "お気に入りに追加" in client.get(profile).content.decode()
    url = reverse("favourites:toggle", args=["worker", worker_user.pk])
    assert client.post(url, {"next": profile})["Location"] == profile
    assert Favourite.objects.filter(owner=client_user, person=worker_user).exists()
    assert "お気に入り登録済み" in client.get(profile).content.decode()
    client.post(url, {"action": "remove", "next": profile})
    assert not Favourite.objects.exists()


def test_a_signed_out_visitor_keeps_nothing(client, worker_user):
    response = client.post(reverse("favourites:toggle", args=["worker", worker_user.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Favourite.objects.exists()


def test_invite_sends_one_screened_scout_each_and_says_who_was_not_invited(
    client_user, worker_user, job
):
    closed = make_worker("スカウト停止中")
    WorkerProfile.objects.filter(user=closed).update(accepts_scouts=False)
    blocker = make_worker("ブロックした人")
    stranger = make_worker("お気に入りでない人")
    for worker in (worker_user, closed, blocker):
        do_add_favourite(kind=FavouriteKind.WORKER, target=worker, actor=client_user)
    do_block_user(blocked=client_user, actor=blocker)
    result = do_invite_favourites(
        job=job,
        workers=[worker_user, closed, blocker, stranger],
        message=INVITE,
        actor=client_user,
    )
    assert result.sent == [worker_user]
    assert [w for w, _ in result.refused] == [closed, blocker, stranger]
    scout = Scout.objects.get()
    assert (scout.worker, scout.job, scout.status) == (worker_user, job, ScoutStatus.SENT)
    assert Notification.objects.filter(user=worker_user, kind="scout").exists()


def test_an_invitation_text_the_door_blocks_is_refused_for_all(client_user, worker_user, job):
    do_add_favourite(kind=FavouriteKind.WORKER, target=worker_user, actor=client_user)
    with pytest.raises(Blocked):
        do_invite_favourites(
            job=job, workers=[worker_user], message=samples.LINE_ID, actor=client_user
        )
    assert Scout.objects.count() == 0


def test_invite_from_the_page_keeps_the_draft_when_refused(client, client_user, worker_user, job):
    do_add_favourite(kind=FavouriteKind.WORKER, target=worker_user, actor=client_user)
    client.force_login(client_user)
    url = reverse("favourites:list") + "?tab=worker"
    refused = client.post(
        url, {"job": job.pk, "workers": [worker_user.pk], "message": samples.LINE_ID}
    )
    assert refused.status_code == 200
    assert samples.LINE_ID[:8] in refused.content.decode()
    assert Scout.objects.count() == 0
    sent = client.post(url, {"job": job.pk, "workers": [worker_user.pk], "message": INVITE})
    assert sent.status_code == 302
    assert Scout.objects.filter(worker=worker_user, job=job).count() == 1


def test_a_worker_has_no_invite_form(client, worker_user):
    client.force_login(worker_user)
    page = client.get(reverse("favourites:list") + "?tab=worker").content.decode()
    assert 'id="invite"' not in page
    assert not worker_user.acting_as_client


@pytest.mark.parametrize("n", [1, 15])
def test_the_list_query_count_does_not_grow(client, client_user, n, django_assert_max_num_queries):
    for index in range(n):
        worker = make_worker(f"お気に入り{index}")
        do_add_favourite(kind=FavouriteKind.WORKER, target=worker, actor=client_user)
    client.force_login(client_user)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("favourites:list") + "?tab=worker")
    assert page.content.decode().count('class="favourite-toggle"') == n
