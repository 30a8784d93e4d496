"""job_card.html renders from what the selectors joined: no query per card."""

from django.template.loader import render_to_string

from yorozu.jobs.models import Job, PayType
from yorozu.jobs.selectors import (
    JobSearchParams,
    latest_open_jobs,
    open_jobs_of_client,
    search_jobs,
)
from yorozu.jobs.tests.factories import JobFactory


def test_card_shows_what_a_worker_scans_for(db):
    job = JobFactory(title="LP制作", pay_type=PayType.HOURLY, budget_min=2000, budget_max=3500)
    profile = job.client.client_profile
    profile.kind, profile.company_name = "company", "株式会社よろず"
    profile.save()
    [job] = list(search_jobs(JobSearchParams()))
    html = render_to_string("jobs/job_card.html", {"job": job})
    assert "LP制作" in html
    assert f"/jobs/{job.pk}/" in html
    assert "ホームページ作成" in html
    assert "¥2,000〜¥3,500（時給）" in html
    assert "株式会社よろず" in html
    assert "提案 0件" in html


def test_every_selector_gives_cards_their_relations(db, django_assert_num_queries):
    client = JobFactory().client
    JobFactory.create_batch(3, client=client)
    for jobs in (
        list(search_jobs(JobSearchParams())),
        list(latest_open_jobs()),
        list(open_jobs_of_client(client)[:10]),
    ):
        with django_assert_num_queries(0):
            for job in jobs:
                render_to_string("jobs/job_card.html", {"job": job})


def test_card_never_queries_for_the_client_profile(db, django_assert_num_queries):
    """A list built without the profile join shows the display name rather than a query a card."""
    job = JobFactory()
    profile = job.client.client_profile
    profile.kind, profile.company_name = "company", "株式会社よろず"
    profile.save()
    joined = Job.objects.select_related("category", "client").get(pk=job.pk)
    bare = Job.objects.select_related("category").get(pk=job.pk)
    with django_assert_num_queries(0):
        with_client = render_to_string("jobs/job_card.html", {"job": joined})
        without_client = render_to_string("jobs/job_card.html", {"job": bare})
    assert job.client.display_name in with_client
    assert "株式会社よろず" not in with_client + without_client
