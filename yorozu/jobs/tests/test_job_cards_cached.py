"""Cards rendered once per content (`jobs.cards`): the same HTML as the template, never stale."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import override

from yorozu.enforcement.actions.reports import do_file_report
from yorozu.enforcement.selectors import access_report_target
from yorozu.jobs.cards import render_job_cards
from yorozu.jobs.models import Job
from yorozu.jobs.selectors import JobSearchParams, search_jobs
from yorozu.jobs.tests.factories import JobFactory


def request_as(user):
    request = RequestFactory().get("/jobs/")
    request.user = user
    return request


def plain(jobs, request) -> str:
    """What the page rendered before: the card template, included once per job."""
    return "".join(
        render_to_string(
            "jobs/job_card.html", {"job": job, "user": request.user, "request": request}
        )
        for job in jobs
    )


@pytest.mark.parametrize("who", ["anonymous", "client", "worker", "reporter"])
def test_cards_are_the_templates_html_for_every_viewer(cast, who):
    JobFactory.create_batch(3)
    own = JobFactory(client=cast["client"])
    reported = JobFactory()
    if who == "reporter":
        item = access_report_target(cast["worker"], "job", reported.pk)
        do_file_report(item=item, reason="mlm", actor=cast["worker"])
    user = AnonymousUser() if who == "anonymous" else cast["worker" if who == "reporter" else who]
    jobs = list(search_jobs(JobSearchParams()))
    assert own in jobs
    for language in ("ja", "en"):
        with override(language):
            cold = render_job_cards(jobs, request_as(user))
            warm = render_job_cards(jobs, request_as(user))
            assert cold == warm == plain(jobs, request_as(user))
    if who == "reporter":
        assert "data-reported=" in cold


def test_a_changed_value_is_never_served_from_a_stored_card(db):
    job = JobFactory(title="ロゴ制作")
    anonymous = request_as(AnonymousUser())
    first = render_job_cards(list(search_jobs(JobSearchParams())), anonymous)
    assert "提案 0件" in first
    # A proposal raises the count without touching the posting's updated_at.
    Job.objects.filter(pk=job.pk).update(proposal_count=3)
    second = render_job_cards(list(search_jobs(JobSearchParams())), anonymous)
    assert "提案 3件" in second
    profile = job.client.client_profile
    profile.kind, profile.company_name = "company", "株式会社よろず"
    profile.save()
    third = render_job_cards(list(search_jobs(JobSearchParams())), anonymous)
    assert "株式会社よろず" in third


def test_pages_render_each_card_once_per_content(client, db, django_assert_max_num_queries):
    JobFactory.create_batch(5)
    fragments = caches["fragments"]
    fragments.clear()

    def cards_stored() -> int:  # the page itself is stored there too (core.pages)
        return sum("fragment:jobs/job_card" in k for k in fragments._cache)  # type: ignore[attr-defined]

    first = client.get(reverse("jobs:search"))
    stored = cards_stored()
    assert stored == 5
    second = client.get(reverse("jobs:search"))
    assert cards_stored() == stored
    assert first.content.count(b'class="card job-card"') == 5
    assert second.content.count(b'class="card job-card"') == 5
    home = client.get(reverse("home:home"))
    assert home.content.count(b'class="card job-card"') == 5
