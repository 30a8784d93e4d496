"""Each restriction level's effect on every path: search, home, worker search, messaging,
posting, editing, scouting, and the suspension middleware."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.models import WorkerProfile
from yorozu.certification.metrics import upheld_violations_by_client
from yorozu.enforcement.actions import do_restrict_account
from yorozu.jobs.actions import do_edit_job, do_post_job
from yorozu.jobs.models import Job
from yorozu.jobs.selectors import JobSearchParams, latest_open_jobs, search_jobs
from yorozu.jobs.tests.factories import JobFactory, subcategory
from yorozu.messaging.actions import MessageRefused, do_send_message, ensure_thread
from yorozu.messaging.models import Message
from yorozu.workers.actions import ScoutRefused, do_send_scout
from yorozu.workers.models import Scout
from yorozu.workers.selectors import searchable_workers

MIDDLEWARE_WITH_SUSPENSION = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "yorozu.enforcement.middleware.SuspensionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

LEVELS = {
    "none": None,
    "warning": {"level": "warning"},
    "no_message": {"level": "limited", "features": ["message"]},
    "no_post": {"level": "limited", "features": ["post"]},
    "no_scout": {"level": "limited", "features": ["scout"]},
    "suspended": {
        "level": "suspended",
        "until": timezone.now() + datetime.timedelta(days=365),
    },
    "permanent": {"level": "permanent"},
}


def restrict(user, staff, key):
    if LEVELS[key] is not None:
        do_restrict_account(user, reason="規約違反", actor=staff, **LEVELS[key])


def job_data(**overrides):
    data = {
        "title": "ロゴの制作",
        "category": subcategory(),
        "description": "会社のロゴを作ってください。",
        "pay_type": "fixed",
        "budget_min": 10000,
        "budget_max": 30000,
        "deadline": timezone.localdate() + datetime.timedelta(days=10),
        "hires_wanted": 1,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("key", list(LEVELS))
def test_client_jobs_in_search_and_home(cast, key):
    job = JobFactory(client=cast["client"])
    other = JobFactory()
    restrict(cast["client"], cast["staff"], key)
    hidden = key in ("no_post", "suspended", "permanent")
    found = set(search_jobs(JobSearchParams()).values_list("pk", flat=True))
    assert (job.pk in found) is not hidden
    assert other.pk in found
    assert (job in list(latest_open_jobs())) is not hidden


@pytest.mark.parametrize("key", list(LEVELS))
def test_worker_search(cast, key):
    restrict(cast["worker"], cast["staff"], key)
    hidden = key in ("suspended", "permanent")
    found = set(searchable_workers().values_list("user_id", flat=True))
    assert (cast["worker"].pk in found) is not hidden
    assert cast["outsider"].pk in found


@pytest.mark.parametrize("key", list(LEVELS))
def test_sending_messages(cast, key):
    thread = ensure_thread(JobFactory(client=cast["client"]), cast["worker"])
    restrict(cast["worker"], cast["staff"], key)
    refused = key in ("no_message", "suspended", "permanent")
    send = lambda: do_send_message(  # noqa: E731
        thread=thread,
        sender=cast["worker"],
        body="よろしくお願いします",
        idempotency_key="k1",
        actor=cast["worker"],
    )
    if refused:
        with pytest.raises(MessageRefused):
            send()
        assert not Message.objects.exists()
    else:
        send()
        assert Message.objects.count() == 1
    # The other party is unaffected.
    do_send_message(
        thread=thread,
        sender=cast["client"],
        body="こちらこそ",
        idempotency_key="k2",
        actor=cast["client"],
    )


@pytest.mark.parametrize("key", list(LEVELS))
def test_posting_and_editing_jobs(cast, key):
    job = JobFactory(client=cast["client"])
    restrict(cast["client"], cast["staff"], key)
    refused = key in ("no_post", "suspended", "permanent")
    before = Job.objects.count()
    if refused:
        with pytest.raises(PermissionDenied):
            do_post_job(client=cast["client"], data=job_data(), actor=cast["client"])
        with pytest.raises(PermissionDenied):
            do_edit_job(job, {"title": "新しいタイトル"}, actor=cast["client"])
        assert Job.objects.count() == before
        job.refresh_from_db()
        assert job.title != "新しいタイトル"
    else:
        do_post_job(client=cast["client"], data=job_data(), actor=cast["client"])
        assert Job.objects.count() == before + 1


@pytest.mark.parametrize("key", list(LEVELS))
def test_scouting(cast, key):
    job = JobFactory(client=cast["client"])
    WorkerProfile.objects.filter(user=cast["worker"]).update(accepts_scouts=True)
    restrict(cast["client"], cast["staff"], key)
    # A posting-barred client's jobs are hidden from everyone, so no scout can be about one.
    refused = key in ("no_scout", "no_post", "suspended", "permanent")
    send = lambda: do_send_scout(  # noqa: E731
        client=cast["client"],
        worker=cast["worker"],
        job=job,
        message="ぜひご応募ください。",
        actor=cast["client"],
    )
    if refused:
        with pytest.raises(ScoutRefused):
            send()
        assert not Scout.objects.exists()
    else:
        send()
        assert Scout.objects.count() == 1


@override_settings(MIDDLEWARE=MIDDLEWARE_WITH_SUSPENSION)
@pytest.mark.parametrize("key", ["suspended", "permanent"])
def test_suspension_middleware_allows_only_notice_appeal_help_logout(client, cast, key):
    restrict(cast["client"], cast["staff"], key)
    client.force_login(cast["client"])
    statement = reverse("enforcement:statement")
    for url in ("/", reverse("jobs:search"), reverse("jobs:new"), reverse("messaging:inbox")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == statement
    assert client.post(reverse("jobs:new"), {}).status_code == 403
    assert client.get(statement).status_code == 200
    restriction = cast["client"].restrictions.get()
    assert client.get(reverse("enforcement:appeal", args=[restriction.pk])).status_code == 200
    assert client.get(reverse("content:faq")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


@override_settings(MIDDLEWARE=MIDDLEWARE_WITH_SUSPENSION)
@pytest.mark.parametrize("key", ["none", "warning", "no_message", "no_post"])
def test_suspension_middleware_leaves_others_alone(client, cast, key):
    restrict(cast["client"], cast["staff"], key)
    client.force_login(cast["client"])
    assert client.get(reverse("jobs:search")).status_code == 200


def test_certification_counts_upheld_violations_and_restrictions(cast):
    now = timezone.now()
    since = now - datetime.timedelta(days=180)
    assert upheld_violations_by_client(since, now, None) == {}
    do_restrict_account(cast["client"], level="warning", reason="x", actor=cast["staff"])
    assert upheld_violations_by_client(since, now, None) == {}
    do_restrict_account(
        cast["client"], level="limited", features=["post"], reason="x", actor=cast["staff"]
    )
    assert upheld_violations_by_client(since, timezone.now(), None) == {cast["client"].pk: 1}
    assert upheld_violations_by_client(since, timezone.now(), [cast["worker"].pk]) == {}


def test_a_posting_barred_client_is_sent_to_the_notice_not_a_403(client, cast):
    job = JobFactory(client=cast["client"])
    restrict(cast["client"], cast["staff"], "no_post")
    client.force_login(cast["client"])
    statement = reverse("enforcement:statement")
    for url in (reverse("jobs:new"), reverse("jobs:edit", args=[job.pk])):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == statement
        assert "仕事の掲載・編集ができません" in response.text


@pytest.mark.parametrize("key", ["none", "no_message", "no_post", "suspended"])
def test_the_client_profile_lists_open_jobs_only_while_postings_are_visible(client, cast, key):
    JobFactory(client=cast["client"], title="ロゴ制作のお仕事")
    restrict(cast["client"], cast["staff"], key)
    client.force_login(cast["worker"])
    page = client.get(reverse("accounts:client_profile", args=[cast["client"].pk]))
    assert ("ロゴ制作のお仕事" in page.text) == (key in ("none", "no_message"))
