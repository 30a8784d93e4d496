"""Throttling: failed logins lock an account and an address out; quotas stop floods with a 429
that keeps what was typed.

The quota tests run with the production limits (yorozu/settings.py), not the test settings'
wide ones.
"""

import datetime
import threading
import time
import types
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from yorozu import settings as production
from yorozu.accounts.models import Role, User
from yorozu.accounts.tests.factories import UserFactory
from yorozu.catalog.models import Category
from yorozu.contracts.models import Proposal
from yorozu.core import quotas
from yorozu.core.models import QuotaHit
from yorozu.core.quotas import QuotaExceeded, Window, spend_quota
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory

LOGIN = "/account/login/"
LOCKED_OUT = "ログイン失敗が連続しています"


@pytest.fixture
def production_quotas(settings):
    settings.QUOTAS = production.QUOTAS
    return settings.QUOTAS


def login_attempt(client, email, password, address="203.0.113.7"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address)


# --- login ----------------------------------------------------------------------------------


def test_the_31st_login_attempt_is_refused_even_with_the_right_password(client, worker_user):
    for _ in range(30):
        response = login_attempt(client, "worker@cast.test", "wrong-password")
        assert "_auth_user_id" not in client.session
    response = login_attempt(client, "worker@cast.test", "pw-yorozu-123")
    # Refused twice over: the account is locked (5 failures), and the address has spent its 30
    # login attempts a minute, which answers 429 with our page and Retry-After.
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "操作の回数が多すぎます" in response.text
    assert "_auth_user_id" not in client.session


def test_a_locked_account_is_told_so_even_with_the_right_password(client, worker_user):
    for _ in range(5):
        login_attempt(client, "worker@cast.test", "wrong-password")
    response = login_attempt(client, "worker@cast.test", "pw-yorozu-123")
    assert response.status_code == 200
    assert LOCKED_OUT in response.text
    assert "_auth_user_id" not in client.session


def test_an_account_locks_after_five_failures_whatever_the_address(client, worker_user, outsider):
    for n in range(5):
        login_attempt(client, "worker@cast.test", "wrong-password", address=f"198.51.100.{n}")
    response = login_attempt(client, "worker@cast.test", "pw-yorozu-123", address="192.0.2.99")
    assert LOCKED_OUT in response.text
    assert "_auth_user_id" not in client.session
    # Another account is not locked by it.
    response = login_attempt(client, "outsider@cast.test", "pw-yorozu-123", address="192.0.2.99")
    assert client.session["_auth_user_id"]


def test_an_address_locks_after_twenty_failures_across_accounts(client, worker_user, outsider):
    for n in range(20):
        login_attempt(client, f"nobody{n}@example.com", "guess", address="203.0.113.50")
    response = login_attempt(client, "worker@cast.test", "pw-yorozu-123", address="203.0.113.50")
    assert LOCKED_OUT in response.text
    assert "_auth_user_id" not in client.session
    # The same account from another address still signs in.
    login_attempt(client, "worker@cast.test", "pw-yorozu-123", address="203.0.113.51")
    assert client.session["_auth_user_id"] == str(worker_user.pk)


def test_a_successful_login_does_not_count_as_a_failure(client, worker_user):
    for _ in range(8):
        login_attempt(client, "worker@cast.test", "pw-yorozu-123")
        assert client.session["_auth_user_id"] == str(worker_user.pk)
        client.logout()


# --- messages: the 4th in a second ------------------------------------------------------------


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


@pytest.fixture
def one_second(monkeypatch):
    """The quota's clock stands still, so "four sends in one second" does not depend on how fast
    this machine serves four requests (under load it took more than a second)."""
    frozen = time.time()
    monkeypatch.setattr(quotas, "time", types.SimpleNamespace(time=lambda: frozen))


def send_form(client, thread, body, **headers):
    return client.post(
        reverse("messaging:send", args=[thread.pk]),
        {"body": body, "idempotency_key": uuid.uuid4().hex},
        **headers,
    )


def test_the_4th_message_in_a_second_gets_429_and_its_draft_back(
    client, thread, worker_user, production_quotas, one_second
):
    client.force_login(worker_user)
    for n in range(3):
        assert send_form(client, thread, f"{n}件目のご連絡です。").status_code == 302
    response = send_form(client, thread, "4件目の下書き：納期について相談させてください。")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "4件目の下書き：納期について相談させてください。" in response.text  # the draft
    assert "操作の回数が多すぎます" in response.text
    assert Message.objects.filter(sender=worker_user).count() == 3


def test_with_htmx_the_refused_draft_comes_back_in_the_swapped_form(
    client, thread, worker_user, production_quotas, one_second
):
    client.force_login(worker_user)
    for n in range(3):
        send_form(client, thread, f"{n}件目", HTTP_HX_REQUEST="true")
    response = send_form(client, thread, "htmxの下書き", HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert response["Retry-After"]
    assert "htmxの下書き" in response.text
    assert Message.objects.filter(sender=worker_user).count() == 3


def test_the_per_minute_quota_holds_across_seconds(thread, worker_user, production_quotas):
    """30 a minute, one a second for the last 30 seconds: the windows slide over stored hits."""
    now = timezone.now().timestamp()
    QuotaHit.objects.bulk_create(
        [QuotaHit(key=f"message:account:{worker_user.pk}", at=now - 30 + n) for n in range(30)]
    )
    with pytest.raises(QuotaExceeded) as refused:
        spend_quota("message", account=worker_user)
    assert 1 <= refused.value.retry_after <= 31
    assert refused.value.status == 429


# --- postings, proposals, signups -------------------------------------------------------------


def job_form(n):
    return {
        "title": f"WordPressサイトの改修 {n}",
        "category": Category.objects.get(slug="web-wordpress").pk,
        "description": "既存サイトのデザインを修正してください。",
        "pay_type": "hourly",
        "budget_min": "1500",
        "budget_max": "3000",
        "deadline": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "hires_wanted": "1",
    }


def test_identical_postings_in_a_burst_are_stopped_with_the_form_kept(
    client, client_user, production_quotas
):
    client.force_login(client_user)
    for n in range(2):
        assert client.post(reverse("jobs:new"), job_form(n)).status_code == 302
    response = client.post(reverse("jobs:new"), job_form(2))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "WordPressサイトの改修 2" in response.text
    assert Job.objects.filter(client=client_user).count() == 2


def test_proposals_in_a_burst_are_stopped_with_the_message_kept(
    client, worker_user, production_quotas
):
    jobs = [JobFactory() for _ in range(4)]
    client.force_login(worker_user)
    for job in jobs[:3]:
        response = client.post(
            reverse("contracts:propose", args=[job.pk]),
            {"price": "50000", "delivery_days": "5", "message": "ぜひお手伝いさせてください。"},
        )
        assert response.status_code == 302
    response = client.post(
        reverse("contracts:propose", args=[jobs[3].pk]),
        {"price": "50000", "delivery_days": "5", "message": "四件目の提案文です。"},
    )
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "四件目の提案文です。" in response.text
    assert Proposal.objects.filter(worker=worker_user).count() == 3


def signup(client, email, address="203.0.113.9"):
    return client.post(
        reverse("accounts:signup"),
        {
            "email": email,
            "display_name": "新人",
            "password1": "kumo-to-sakura-42",
            "password2": "kumo-to-sakura-42",
            "role": Role.WORKER,
            "agree_terms": "on",
        },
        REMOTE_ADDR=address,
    )


def test_signups_from_one_address_are_limited_and_the_limit_reveals_no_account(
    client, client_user, production_quotas
):
    for n in range(3):
        assert signup(client, f"new{n}@example.com").status_code == 302
    # The 4th is refused whether or not the address is registered: the same 429 either way.
    fresh = signup(client, "new-again@example.com")
    taken = signup(client, "client@cast.test")
    assert fresh.status_code == taken.status_code == 429
    assert fresh["Retry-After"] and taken["Retry-After"]
    assert 'value="new-again@example.com"' in fresh.text  # the form as typed
    assert User.objects.filter(email__startswith="new").count() == 3
    # Another address may still sign up.
    assert signup(client, "elsewhere@example.com", address="198.51.100.3").status_code == 302


# --- the stores ----------------------------------------------------------------------------


def test_the_database_store_refuses_past_every_window_and_counts_nothing_refused(
    settings, worker_user
):
    settings.QUOTAS = {"message": {"account": [(2, 60)], "address": []}}
    spend_quota("message", account=worker_user)
    spend_quota("message", account=worker_user)
    for _ in range(3):
        with pytest.raises(QuotaExceeded):
            spend_quota("message", account=worker_user)
    assert QuotaHit.objects.count() == 2


def test_quotas_count_the_client_address_from_the_request(client, settings, db):
    settings.QUOTAS = {"signup": {"address": [(1, 60)]}}
    assert signup(client, "first@example.com", address="192.0.2.1").status_code == 302
    assert signup(client, "second@example.com", address="192.0.2.1").status_code == 429
    assert signup(client, "third@example.com", address="192.0.2.2").status_code == 302


def test_ipv6_clients_are_counted_by_their_64(settings, db):
    from django.test import RequestFactory

    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:aaaa:bbbb:cccc:dddd")
    assert quotas.client_address(request) == "2001:db8:1:2::"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer already"
)
def test_the_database_store_is_exact_under_concurrency(settings):
    settings.QUOTAS = {"message": {"account": [(5, 60)], "address": []}}
    user = UserFactory()
    outcomes: list[str] = []

    def attempt():
        try:
            spend_quota("message", account=user)
            outcomes.append("ok")
        except QuotaExceeded:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 5
    assert QuotaHit.objects.count() == 5


REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_store(settings):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    client.flushdb()
    settings.REDIS_URL = REDIS_URL
    settings.QUOTA_STORE = "cache"
    yield client
    client.flushdb()


def test_the_redis_store_counts_sliding_windows_atomically(redis_store, settings, db):
    settings.QUOTAS = {"message": {"account": [(3, 1), (5, 60)], "address": []}}
    user = User(pk=987654)
    for _ in range(3):
        spend_quota("message", account=user)
    with pytest.raises(QuotaExceeded) as refused:
        spend_quota("message", account=user)
    assert refused.value.retry_after == 1
    assert redis_store.zcard("yorozu:quota:message:account:987654") == 3
    # Many threads at once never let more than the window through.
    redis_store.flushdb()
    outcomes: list[bool] = []

    def attempt():
        try:
            spend_quota("message", account=user)
            outcomes.append(True)
        except QuotaExceeded:
            outcomes.append(False)

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(True) == 3


def test_windows_are_read_from_settings(settings):
    settings.QUOTAS = {"job": {"account": [[2, 10]], "address": [(20, 3600)]}}
    assert quotas.limits_for("job", "account") == [Window(2, 10)]
    assert quotas.limits_for("job", "address") == [Window(20, 3600)]
    assert quotas.limits_for("job", "nothing") == []
