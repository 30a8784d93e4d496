"""The three job actions and their audit rows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from yorozu.catalog.models import Category
from yorozu.jobs.actions import JobNotOpen, do_close_job, do_edit_job, do_post_job
from yorozu.jobs.models import Job, JobEvent, JobStatus
from yorozu.jobs.tests.factories import JobFactory


def posting(**overrides):
    data = {
        "title": "ECサイトの構築",
        "category": Category.objects.get(slug="web-ec"),
        "description": "商品30点ほどのショップを作ってください。",
        "pay_type": "fixed",
        "budget_min": 100000,
        "budget_max": 300000,
        "deadline": timezone.localdate() + datetime.timedelta(days=10),
        "hires_wanted": 2,
    }
    data.update(overrides)
    return data


def test_post_job_sets_main_category_and_writes_event(client_user):
    job = do_post_job(client=client_user, data=posting(), actor=client_user)
    job.refresh_from_db()
    assert job.client == client_user
    assert job.main_category.slug == "web"
    assert job.status == JobStatus.OPEN
    assert job.hires_wanted == 2
    assert list(job.events.values_list("event_type", "actor")) == [("posted", client_user.pk)]


def test_post_job_refuses_a_main_category(client_user):
    with pytest.raises(ValueError):
        do_post_job(
            client=client_user,
            data=posting(category=Category.objects.get(slug="web")),
            actor=client_user,
        )
    assert not Job.objects.exists()


def test_post_job_for_someone_else_is_refused(client_user, outsider):
    with pytest.raises(PermissionDenied):
        do_post_job(client=client_user, data=posting(), actor=outsider)
    assert not Job.objects.exists()


def test_edit_job_records_changed_fields_and_bumps_updated_at(client_user):
    job = JobFactory(client=client_user, updated_at=timezone.now() - datetime.timedelta(days=1))
    before = job.updated_at
    data = {
        **posting(),
        "title": "新しいタイトル",
        "category": Category.objects.get(slug="design-logo"),
        "budget_max": job.budget_max,
        "budget_min": job.budget_min,
        "description": job.description,
        "pay_type": job.pay_type,
        "deadline": job.deadline,
        "hires_wanted": job.hires_wanted,
    }
    changed = do_edit_job(job, data, actor=client_user)
    assert changed == ["title", "category"]
    job.refresh_from_db()
    assert job.title == "新しいタイトル"
    assert job.main_category.slug == "design"
    assert job.updated_at > before
    event = job.events.get()
    assert (event.event_type, event.data, event.actor) == (
        "edited",
        {"fields": ["title", "category"], "verdict": "allow"},
        client_user,
    )


def test_edit_without_changes_writes_nothing(client_user):
    job = JobFactory(client=client_user)
    data = {name: getattr(job, name) for name in posting()}
    assert do_edit_job(job, data, actor=client_user) == []
    assert not JobEvent.objects.exists()


def test_edit_closed_job_is_refused(client_user):
    job = JobFactory(client=client_user, status=JobStatus.CLOSED)
    with pytest.raises(JobNotOpen):
        do_edit_job(job, {"title": "変更"}, actor=client_user)
    job.refresh_from_db()
    assert job.title != "変更"
    assert not JobEvent.objects.exists()


def test_edit_refuses_job_closed_behind_a_stale_instance(client_user):
    job = JobFactory(client=client_user)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED)
    with pytest.raises(JobNotOpen):
        do_edit_job(job, {"title": "変更"}, actor=client_user)
    assert Job.objects.get(pk=job.pk).title != "変更"


def test_close_job_once_and_twice(client_user):
    job = JobFactory(client=client_user)
    assert do_close_job(job, actor=client_user) is True
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert job.closed_at is not None
    closed_at = job.closed_at
    # A second close (another tab, a double click) changes nothing and writes no second event.
    stale = Job.objects.get(pk=job.pk)
    stale.status = JobStatus.OPEN
    assert do_close_job(stale, actor=client_user) is False
    job.refresh_from_db()
    assert job.closed_at == closed_at
    assert list(job.events.values_list("event_type", flat=True)) == ["closed"]


@pytest.mark.parametrize("who", ["worker", "outsider", "staff"])
def test_only_the_owner_edits_or_closes(cast, client_user, who):
    job = JobFactory(client=client_user)
    actor = cast[who]
    with pytest.raises(PermissionDenied):
        do_edit_job(job, {"title": "乗っ取り"}, actor=actor)
    with pytest.raises(PermissionDenied):
        do_close_job(job, actor=actor)
    job.refresh_from_db()
    assert job.title != "乗っ取り"
    assert job.status == JobStatus.OPEN
    assert not JobEvent.objects.exists()
