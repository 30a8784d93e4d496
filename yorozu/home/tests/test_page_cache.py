"""The public pages cached for visitors (core.pages): a write shows on the next request, and
nothing per-user is stored or served to someone else."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from yorozu.accounts.tests.clients import YorozuClient
from yorozu.core.pages import page_version
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.actions import do_close_job
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

def pages_of(job):
    return [
        reverse("home:home"),
        reverse("jobs:search"),
        reverse("jobs:detail", args=[job.pk]),
        reverse("accounts:client_profile", args=[job.client_id]),
    ]


def test_a_visitor_is_served_the_stored_page(client, django_assert_max_num_queries):
    JobFactory(title="ロゴ作成のお願い")
    first = client.get("/jobs/")
    with django_assert_max_num_queries(1):  # the version only
        second = client.get("/jobs/")
    assert "ロゴ作成のお願い" in second.text
    masked = re.compile(r"[A-Za-z0-9]{64}")  # the CSRF token is masked afresh each time
    assert masked.sub("", first.text) == masked.sub("", second.text)


def test_an_edit_shows_on_the_next_request(client):
    job = JobFactory(title="旧タイトルの仕事")
    for url in pages_of(job):
        assert "旧タイトルの仕事" in client.get(url).text
    Job.objects.filter(pk=job.pk).update(title="新タイトルの仕事")  # no action, no signal
    for url in pages_of(job):
        text = client.get(url).text
        assert "新タイトルの仕事" in text, url
        assert "旧タイトルの仕事" not in text, url


def test_a_closed_job_leaves_the_search_on_the_next_request(client, client_user):
    job = JobFactory(title="締め切る仕事", client=client_user)
    assert "締め切る仕事" in client.get("/jobs/").text
    do_close_job(job, actor=client_user)
    assert "締め切る仕事" not in client.get("/jobs/").text


def test_a_restriction_hides_the_clients_jobs_on_the_next_request(client, staff_user):
    job = JobFactory(title="制限される依頼者の仕事")
    for url in pages_of(job)[:3]:
        assert client.get(url).status_code == 200
    before = page_version("public")
    do_restrict_account(job.client, level="suspended", reason="調査中", actor=staff_user)
    assert page_version("public") > before
    assert "制限される依頼者の仕事" not in client.get("/").text
    assert "制限される依頼者の仕事" not in client.get("/jobs/").text
    assert client.get(pages_of(job)[2]).status_code == 404


def test_a_last_login_does_not_raise_the_version(client_user):
    before = page_version("public")
    YorozuClient().force_login(client_user)  # writes last_login
    assert page_version("public") == before


def test_signed_in_people_get_their_own_page_and_it_is_never_stored(client_user, worker_user):
    job = JobFactory(title="見られる仕事")
    visitor = Client()
    visitor.get(reverse("jobs:detail", args=[job.pk]))  # stored for visitors
    signed_in = YorozuClient()
    signed_in.force_login(worker_user)
    for url in pages_of(job):
        text = signed_in.get(url).text
        assert worker_user.display_name in text, url  # the header is theirs
        assert reverse("accounts:login") + '"' not in text  # not the visitor's header
    for url in pages_of(job):
        assert worker_user.display_name not in visitor.get(url).text, url


def test_the_job_page_shows_the_owner_their_own_controls_after_a_visitor(client_user):
    job = JobFactory(client=client_user)
    edit = reverse("jobs:edit", args=[job.pk])
    assert edit not in Client().get(reverse("jobs:detail", args=[job.pk])).text
    owner = YorozuClient()
    owner.force_login(client_user)
    assert edit in owner.get(reverse("jobs:detail", args=[job.pk])).text


def test_each_visitor_gets_their_own_csrf_token_and_it_works():
    JobFactory()
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        text = visitor.get("/").text
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', text))
        assert len(found) == 1
        token = found.pop()
        tokens.append(visitor.cookies["csrftoken"].value)
        response = visitor.post(
            "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302  # the token matched this visitor's cookie
    assert tokens[0] != tokens[1]


def test_a_flash_message_is_never_stored(client_user):
    JobFactory()
    visitor = Client()
    visitor.get("/")
    visitor.cookies["messages"] = "x"  # a flash message on its way: the view renders it
    assert visitor.get("/").status_code == 200
    del visitor.cookies["messages"]
    assert "flash-" not in visitor.get("/").text
