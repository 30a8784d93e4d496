"""An account whose address is not confirmed can browse, but not post, propose, scout or message.

Such an account cannot sign in through the login form (allauth sends the link again); it exists
signed in only when it predates confirmation or was made by staff in the admin. Every write for
others to read refuses it at the top of its action (`accounts.gates.admit`), keeping the draft.
"""

import datetime
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.gates import EmailNotConfirmed, admit
from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.catalog.models import Category
from yorozu.contracts.models import Proposal
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.workers.models import Scout

NOT_CONFIRMED = "先にメールアドレスの確認を済ませてください"


@pytest.fixture
def unconfirmed_client(db):
    return UserFactory(email="new-client@example.com", role=Role.CLIENT, email_confirmed=False)


@pytest.fixture
def unconfirmed_worker(db):
    return UserFactory(email="new-worker@example.com", role=Role.WORKER, email_confirmed=False)


def test_browsing_works(client, unconfirmed_worker):
    client.force_login(unconfirmed_worker)
    job = JobFactory()
    for url in ("/", "/jobs/", reverse("jobs:detail", args=[job.pk]), "/account/settings/"):
        assert client.get(url).status_code == 200, url
    assert NOT_CONFIRMED not in client.get("/account/security/").text


def test_posting_is_refused_with_the_form_kept(client, unconfirmed_client):
    client.force_login(unconfirmed_client)
    response = client.post(
        reverse("jobs:new"),
        {
            "title": "未確認アカウントの募集",
            "category": Category.objects.get(slug="web-wordpress").pk,
            "description": "既存サイトのデザインを修正してください。",
            "pay_type": "hourly",
            "budget_min": "1500",
            "budget_max": "3000",
            "deadline": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "hires_wanted": "1",
        },
    )
    assert response.status_code == 403
    assert NOT_CONFIRMED in response.text
    assert "未確認アカウントの募集" in response.text
    assert not Job.objects.filter(client=unconfirmed_client).exists()


def test_proposing_is_refused_with_the_message_kept(client, unconfirmed_worker):
    client.force_login(unconfirmed_worker)
    job = JobFactory()
    response = client.post(
        reverse("contracts:propose", args=[job.pk]),
        {"price": "50000", "delivery_days": "5", "message": "未確認ですが提案します。"},
    )
    assert response.status_code == 403
    assert NOT_CONFIRMED in response.text
    assert "未確認ですが提案します。" in response.text
    assert not Proposal.objects.exists()


def test_messaging_is_refused_with_the_draft_kept(client, unconfirmed_worker, client_user):
    thread = ThreadFactory(client=client_user, worker=unconfirmed_worker)
    client.force_login(unconfirmed_worker)
    response = client.post(
        reverse("messaging:send", args=[thread.pk]),
        {"body": "確認前の下書きです。", "idempotency_key": uuid.uuid4().hex},
    )
    assert response.status_code == 403
    assert NOT_CONFIRMED in response.text
    assert "確認前の下書きです。" in response.text
    assert not Message.objects.exists()


def test_scouting_is_refused_with_the_message_kept(client, unconfirmed_client, worker_user):
    job = JobFactory(client=unconfirmed_client)
    client.force_login(unconfirmed_client)
    response = client.post(
        reverse("workers:scout", args=[worker_user.pk]),
        {"job": job.pk, "message": "ぜひ一度お話しさせてください。"},
    )
    assert response.status_code == 403
    assert NOT_CONFIRMED in response.text
    assert "ぜひ一度お話しさせてください。" in response.text
    assert not Scout.objects.exists()


def test_a_confirmed_address_opens_every_action(unconfirmed_worker):
    with pytest.raises(EmailNotConfirmed):
        admit(unconfirmed_worker, "message")
    EmailAddress.objects.create(
        user=unconfirmed_worker, email=unconfirmed_worker.email, verified=True, primary=True
    )
    for action in ("message", "job", "proposal", "scout"):
        admit(unconfirmed_worker, action)


def test_a_confirmed_old_address_does_not_vouch_for_a_new_unconfirmed_one(worker_user):
    """After an e-mail change, User.email is the confirmed new address; if it were ever set by
    hand to an unconfirmed one, the gate closes."""
    worker_user.email = "changed-by-hand@example.com"
    worker_user.save(update_fields=["email"])
    with pytest.raises(EmailNotConfirmed):
        admit(worker_user, "message")


def test_accounts_that_predate_confirmation_get_an_unconfirmed_address(db):
    """The data migration gives every older account its address, unconfirmed."""
    from importlib import import_module

    from django.apps import apps

    user = UserFactory(email="old@example.com", email_confirmed=False)
    migration = import_module("yorozu.accounts.migrations.0005_email_addresses")
    migration.add_unconfirmed_addresses(apps, None)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == ("old@example.com", True, False)
    migration.add_unconfirmed_addresses(apps, None)  # idempotent
    assert EmailAddress.objects.filter(user=user).count() == 1
