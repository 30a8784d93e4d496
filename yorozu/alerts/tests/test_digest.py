"""Saved searches and the daily digest: matching, idempotence, follows, unsubscribe, the queue."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from yorozu.alerts.actions import (
    SavedSearchRefused,
    do_save_search,
    do_send_daily_digests,
    do_send_digest,
)
from yorozu.alerts.models import SavedSearch, SearchKind
from yorozu.alerts.tasks import send_daily_digests
from yorozu.catalog.models import Category
from yorozu.core.scheduler import DailyTask, registered
from yorozu.favourites.actions import do_add_favourite
from yorozu.favourites.models import FavouriteKind
from yorozu.jobs.tests.factories import JobFactory
from yorozu.notifications.actions import do_set_notification_preferences
from yorozu.notifications.models import Notification
from yorozu.workers.tests.helpers import make_worker

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def save_jobs(user, query: str, name="ロゴの仕事") -> SavedSearch:
    return do_save_search(kind=SearchKind.JOB, query=QueryDict(query), name=name, actor=user)


def digest_of(user) -> Notification:
    return Notification.objects.get(user=user, kind="saved_search_digest")


def test_a_digest_lists_only_new_matches_and_runs_once(worker_user):
    JobFactory(title="既存のロゴ制作")  # matched before the search was saved: not news
    saved = save_jobs(worker_user, "q=ロゴ&page=3")
    assert saved.query == "q=%E3%83%AD%E3%82%B4"  # the page number is not part of a search
    JobFactory(title="和菓子店のロゴ制作")
    JobFactory(title="コーポレートサイト制作")  # does not match
    assert do_send_digest(worker_user) == 1
    note = digest_of(worker_user)
    assert "和菓子店のロゴ制作" in note.body
    assert "既存のロゴ制作" not in note.body and "コーポレートサイト" not in note.body
    assert note.url == reverse("alerts:list")
    # The same day again: nothing new, nothing sent.
    assert do_send_digest(worker_user) == 0
    assert Notification.objects.filter(user=worker_user).count() == 1


def test_a_job_that_matches_late_is_still_news(worker_user):
    held = JobFactory(title="ロゴ制作（審査中）", moderation="held")
    save_jobs(worker_user, "q=ロゴ")
    held.moderation = "public"
    held.save(update_fields=["moderation"])
    assert do_send_digest(worker_user) == 1
    assert "ロゴ制作（審査中）" in digest_of(worker_user).body


def test_a_worker_search_digest_for_a_client(client_user):
    saved = do_save_search(
        kind=SearchKind.WORKER, query=QueryDict("q=イラスト"), name="イラスト", actor=client_user
    )
    make_worker("イラストのアヤ", headline="イラスト制作10年")
    make_worker("翻訳のケン", headline="英日翻訳")
    assert do_send_digest(client_user) == 1
    body = digest_of(client_user).body
    assert "イラストのアヤ" in body and "翻訳のケン" not in body
    assert saved.kind == SearchKind.WORKER


def test_worker_searches_are_for_clients(worker_user):
    with pytest.raises(SavedSearchRefused):
        do_save_search(kind=SearchKind.WORKER, query=QueryDict(""), name="", actor=worker_user)
    assert not SavedSearch.objects.exists()


def test_followed_clients_new_jobs_are_in_the_digest(worker_user, client_user):
    do_add_favourite(kind=FavouriteKind.CLIENT, target=client_user, actor=worker_user)
    do_send_digest(worker_user)  # the first run sets the mark
    JobFactory(client=client_user, title="フォロー先の新しい仕事")
    assert do_send_digest(worker_user) == 1
    assert "フォロー先の新しい仕事" in digest_of(worker_user).body


def test_alerts_off_and_digest_settings_are_honoured(worker_user, mailoutbox):
    saved = save_jobs(worker_user, "q=ロゴ")
    saved.alerts = False
    saved.save()
    JobFactory(title="ロゴの仕事A")
    assert do_send_digest(worker_user) == 0
    saved.alerts = True
    saved.save()
    do_set_notification_preferences(
        choices={"digests": {"in_app": False, "email": False}}, actor=worker_user
    )
    do_send_digest(worker_user)
    assert not Notification.objects.filter(user=worker_user).exists()


@pytest.mark.django_db(transaction=True)
def test_the_email_has_a_one_click_stop_link_for_the_alert(client, mailoutbox):
    from yorozu.accounts.tests.factories import UserFactory

    parent = Category.objects.get_or_create(
        slug="digest-main", defaults={"name_ja": "デザイン", "name_en": "Design"}
    )[0]
    category = Category.objects.get_or_create(
        slug="digest-sub", defaults={"parent": parent, "name_ja": "ロゴ", "name_en": "Logo"}
    )[0]
    worker = UserFactory()
    saved = save_jobs(worker, "q=ロゴ")
    JobFactory(title="ロゴの新着", category=category, main_category=parent)
    do_send_digest(worker)
    mail = mailoutbox[-1]
    assert "ロゴの新着" in mail.body
    stop = re.search(r"https?://\S+(/account/searches/stop/\S+/)", mail.body).group(1)
    assert client.get(stop).status_code == 200
    assert SavedSearch.objects.get(pk=saved.pk).alerts  # a GET (link scanner) stops nothing
    done = client.post(stop)
    assert 'id="stopped"' in done.content.decode()
    assert not SavedSearch.objects.get(pk=saved.pk).alerts
    # The topic's unsubscribe link (every e-mail's) is there too.
    assert "/notifications/unsubscribe/" in mail.body


@pytest.mark.django_db(transaction=True)
def test_the_daily_digest_runs_on_the_database_queue():
    from yorozu.accounts.tests.factories import UserFactory

    parent = Category.objects.get_or_create(
        slug="digest-main", defaults={"name_ja": "デザイン", "name_en": "Design"}
    )[0]
    category = Category.objects.get_or_create(
        slug="digest-sub", defaults={"parent": parent, "name_ja": "ロゴ", "name_en": "Logo"}
    )[0]
    worker = UserFactory()
    save_jobs(worker, "q=ロゴ")
    JobFactory(title="ロゴの仕事B", category=category, main_category=parent)
    with override_settings(TASKS=DB_QUEUE):
        result = send_daily_digests.enqueue()
        assert not Notification.objects.exists()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        row = DBTaskResult.objects.get(id=result.id)
        assert row.status == "SUCCESSFUL", row.traceback
        assert row.return_value == {"users": 1, "notified": 1, "items": 1}
    assert "ロゴの仕事B" in Notification.objects.get(user=worker).body


def test_the_digest_is_registered_with_the_scheduler():
    assert DailyTask("yorozu.alerts.tasks.send_daily_digests", datetime.time(7, 0)) in registered()


def test_everyone_with_an_alert_gets_one_digest(worker_user, outsider):
    save_jobs(worker_user, "q=ロゴ")
    save_jobs(outsider, "q=翻訳")
    JobFactory(title="ロゴの仕事C")
    result = do_send_daily_digests(now=timezone.now())
    assert (result.users, result.notified, result.items) == (2, 1, 1)


def test_the_pages_save_list_and_delete(client, worker_user):
    client.force_login(worker_user)
    page = client.get(reverse("jobs:search") + "?q=ロゴ").content.decode()
    assert 'id="save-search"' in page
    response = client.post(
        reverse("alerts:save"), {"kind": "job", "query": "q=ロゴ", "name": "ロゴ"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/jobs/?q=")
    saved = SavedSearch.objects.get(owner=worker_user)
    listing = client.get(reverse("alerts:list")).content.decode()
    assert "ロゴ" in listing
    client.post(reverse("alerts:alerts", args=[saved.pk]), {"on": "off"})
    assert not SavedSearch.objects.get(pk=saved.pk).alerts
    client.post(reverse("alerts:delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_someone_elses_saved_search_is_not_found(client, worker_user, outsider):
    saved = save_jobs(worker_user, "q=ロゴ")
    client.force_login(outsider)
    assert client.post(reverse("alerts:delete", args=[saved.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
