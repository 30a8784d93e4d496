"""The public pages cached for visitors (core.pages): a write shows on the next request, and
nothing per-user is stored or served to someone else."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from yorozu.accounts.tests.clients import YorozuClient
from yorozu.blocks.actions import do_block_user
from yorozu.core.pages import page_version
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.actions import do_close_job
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory, send

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
    # The CSRF token is masked afresh each time, and the CSP nonce is each response's own.
    masked = re.compile(r'[A-Za-z0-9]{64}|nonce="[^"]+"')
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


# --- pages cached per person (version "private") ----------------------------------------------

KEY_INPUT = re.compile(r'name="idempotency_key" value="([0-9a-f]{32})"')


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def signed_in(user):
    browser = YorozuClient()
    browser.force_login(user)
    return browser


def test_a_thread_is_served_from_the_cache_until_a_message_arrives(
    thread, client_user, worker_user, django_assert_max_num_queries
):
    send(thread, client_user, "最初のご連絡です。")
    worker = signed_in(worker_user)
    url = reverse("messaging:thread", args=[thread.pk])
    assert "最初のご連絡です。" in worker.get(url).text  # marks it read: a write
    worker.get(url)  # stored
    with django_assert_max_num_queries(4):  # session, user, restrictions, version
        assert "最初のご連絡です。" in worker.get(url).text
    send(thread, client_user, "二通目のご連絡です。")
    assert "二通目のご連絡です。" in worker.get(url).text
    assert "二通目のご連絡です。" in worker.get(reverse("messaging:inbox")).text


def test_a_cached_thread_gives_each_load_its_own_idempotency_key(thread, worker_user):
    worker = signed_in(worker_user)
    url = reverse("messaging:thread", args=[thread.pk])
    keys = [KEY_INPUT.search(worker.get(url).text).group(1) for _ in range(3)]
    assert len(set(keys)) == 3
    for key in keys:  # each load's form sends its own message
        worker.post(
            reverse("messaging:send", args=[thread.pk]),
            {"body": f"ご連絡 {key[:6]} です。", "idempotency_key": key},
        )
    assert Message.objects.filter(thread=thread).count() == 3


def test_one_persons_cached_page_is_never_served_to_another(thread, client_user, worker_user):
    url = reverse("messaging:thread", args=[thread.pk])
    worker, client = signed_in(worker_user), signed_in(client_user)
    for _ in range(2):
        worker_page, client_page = worker.get(url).text, client.get(url).text
        assert worker_user.display_name in worker_page
        assert client_user.display_name in client_page
        # Each sees the caution worded for their own role, and their own header.
        assert worker_page != client_page
        assert 'value="worker" class="role-btn active"' in worker_page
        assert 'value="client" class="role-btn active"' in client_page
    inbox = reverse("messaging:inbox")
    assert worker.get(inbox).text != client.get(inbox).text


def test_an_outsider_is_refused_a_thread_another_person_has_cached(thread, worker_user, outsider):
    url = reverse("messaging:thread", args=[thread.pk])
    signed_in(worker_user).get(url)
    assert signed_in(outsider).get(url).status_code == 404


def test_a_block_shows_on_the_next_request(thread, client_user, worker_user):
    url = reverse("messaging:thread", args=[thread.pk])
    client = signed_in(client_user)
    before = client.get(url).text
    do_block_user(blocked=worker_user, actor=client_user)
    assert client.get(url).text != before


def test_a_role_switch_shows_on_the_next_request(client_user):
    client = signed_in(client_user)
    assert client.get(reverse("workers:search")).status_code == 200
    first = client.get(reverse("workers:search")).text
    client.post(reverse("home:switch_role"), {"role": "worker", "next": "/"})
    second = client.get(reverse("workers:search")).text
    assert first != second
    assert 'value="worker" class="role-btn active"' in second


@pytest.mark.parametrize("who", ["visitor", "worker"])
def test_a_stored_pages_script_nonce_is_the_one_its_csp_header_names(who, worker_user, thread):
    browser = Client() if who == "visitor" else signed_in(worker_user)
    url = "/jobs/" if who == "visitor" else reverse("messaging:thread", args=[thread.pk])
    nonces = set()
    for _ in range(3):  # rendered, then stored copies
        response = browser.get(url)
        found = re.findall(r'nonce="([^"]+)"', response.text)
        assert found, "the page has a script with a nonce"
        header = response.headers.get("Content-Security-Policy", "")
        if "'nonce-" in header:  # a policy that names nonces names this response's own
            assert all(f"'nonce-{n}'" in header for n in found), (found, header)
        nonces.update(found)
    assert len(nonces) == 3  # each response its own, never a stored one


def test_every_table_a_visitor_page_reads_raises_the_public_version(client, settings):
    """The visitor pages are served until a write to one of PUBLIC_PAGE_TABLES raises the
    "public" version. A table such a page reads that is not in the list would be shown stale
    (until the minute turns): this reads every visitor-cached page afresh, collects the tables
    its queries touch, and fails on any the list forgets — a new app's table shown on a public
    page must be added there."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yorozu.home.apps import PUBLIC_PAGE_TABLES

    listed = set(PUBLIC_PAGE_TABLES)
    # Read to serve any request, not to draw the page: the counter itself, sessions.
    infrastructure = {"core_pageversion", "django_session"}
    from yorozu.contracts.tests.factories import ContractFactory, make_company
    from yorozu.reviews.actions import do_leave_review

    # A client with a record to show: a company page, a completed contract, a worker's review.
    done = ContractFactory(status="completed")
    client_user = done.client
    make_company(client_user)
    stars = {"overall": 5, "quality": 5, "communication": 5, "timeliness": 5}
    do_leave_review(
        contract=done,
        reviewer=done.worker,
        data={**stars, "comment": "指示が明確で進めやすかったです。"},
        actor=done.worker,
    )
    job = JobFactory(title="表を数える仕事", client=client_user)
    read: dict[str, set[str]] = {}
    for url in pages_of(job):
        caches["fragments"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            for table in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', query["sql"]):
                read.setdefault(table, set()).add(url)
    forgotten = {t: sorted(urls) for t, urls in read.items() if t not in listed | infrastructure}
    assert forgotten == {}


def test_a_new_avatar_shows_on_the_client_profile_on_the_next_request(client):
    """The user table raises the public version on any column but the last login (an avatar
    is a column of it)."""
    job = JobFactory(title="アバターの仕事")
    url = reverse("accounts:client_profile", args=[job.client_id])
    before = page_version("public")
    client.get(url)
    type(job.client).objects.filter(pk=job.client_id).update(avatar="avatars/new.png")
    assert page_version("public") > before
    type(job.client).objects.filter(pk=job.client_id).update(last_login=None)
    after = page_version("public")
    type(job.client).objects.filter(pk=job.client_id).update(last_login=job.created_at)
    assert page_version("public") == after
