"""Privacy (APPI): a person downloads their data as a ZIP of JSON and deletes their account.

Deletion erases or anonymises personal data and keeps what the law and enforcement need
(contracts and the ledger, reviews, messages, reports, restrictions, audit logs), under the
anonymised account, which can never sign in again.
"""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yorozu.accounts.actions import (
    DELETED_DISPLAY_NAME,
    AccountDeletionRefused,
    do_delete_account,
    do_submit_identity_document,
)
from yorozu.accounts.models import AccountEvent, IdentityDocument, User, WorkerProfile
from yorozu.accounts.tests.documents import PNG
from yorozu.contracts.models import ContractStatus, LedgerEntry, Proposal, ProposalStatus
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.enforcement.actions import do_file_report, do_restrict_account
from yorozu.enforcement.models import EnforcementLog, Report
from yorozu.enforcement.selectors import access_report_target
from yorozu.jobs.models import JobStatus
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.models import Message
from yorozu.messaging.tests.factories import ThreadFactory, send
from yorozu.notifications.models import Notification
from yorozu.reviews.models import Review

PASSWORD = "pw-yorozu-123"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def export(client) -> dict[str, object]:
    response = client.post(reverse("accounts:privacy_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {
        name.removesuffix(".json"): json.loads(archive.read(name))
        for name in archive.namelist()
        if name.endswith(".json")
    }


def test_the_export_holds_what_the_person_wrote_and_what_is_held_about_them(
    client, client_user, worker_user, outsider
):
    contract = ContractFactory(client=client_user, worker=worker_user, status="completed")
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, "納品物をお送りしました。")
    send(thread, client_user, "ありがとうございます。")  # not the worker's: not in their export
    item = access_report_target(worker_user, "user", outsider.pk)
    do_file_report(item=item, reason="harassment", details="暴言がありました", actor=worker_user)
    client.force_login(worker_user)

    data = export(client)

    assert data["account"]["email"] == "worker@cast.test"
    assert data["account"]["display_name"] == worker_user.display_name
    assert data["account"]["email_addresses"] == [
        {"email": "worker@cast.test", "verified": True, "primary": True}
    ]
    assert "bio" in data["worker_profile"] and "birth_date" in data["worker_profile"]
    assert "skill_years" in data["worker_profile"] and data["portfolio_works"] == []
    assert data["avatars"] == [] and "company_url" in data["client_profile"]
    assert [m["body"] for m in data["messages_sent"]] == ["納品物をお送りしました。"]
    assert [c["id"] for c in data["contracts"]] == [contract.pk]
    assert [p["job_id"] for p in data["proposals"]] == [contract.job_id]
    assert [r["details"] for r in data["reports_filed"]] == ["暴言がありました"]
    for name in ("jobs", "reviews_written", "reviews_received", "scouts_sent", "notifications"):
        assert isinstance(data[name], list)
    assert AccountEvent.objects.filter(user=worker_user, event_type="data_exported").exists()


def test_the_export_is_the_persons_own_only(client, worker_user):
    assert client.post(reverse("accounts:privacy_export")).status_code == 302  # to login
    client.force_login(worker_user)
    assert client.get(reverse("accounts:privacy_export")).status_code == 405  # POST only


def delete(client, password=PASSWORD, confirm="on"):
    return client.post(
        reverse("accounts:privacy_delete"), {"password": password, "confirm": confirm}
    )


def test_deleting_erases_personal_data_and_keeps_what_must_be_kept(
    client, client_user, worker_user
):
    contract = ContractFactory(client=client_user, worker=worker_user, status="completed")
    ledger_before = LedgerEntry.objects.filter(contract=contract).count()
    # The worker has been paid out (earnings still held would block the deletion).
    from yorozu.contracts.models import WorkerBalance

    WorkerBalance.objects.filter(user=worker_user).update(available=0, in_payout=0)
    Review.objects.create(
        contract=contract,
        reviewer=client_user,
        reviewee=worker_user,
        direction="client_to_worker",
        overall=5,
        quality=5,
        communication=5,
        timeliness=5,
    )
    thread = ThreadFactory(client=client_user, worker=worker_user)
    send(thread, worker_user, "納品物をお送りしました。")
    open_job = JobFactory(client=worker_user)
    pending = Proposal.objects.create(
        job=JobFactory(), worker=worker_user, price=30000, message="提案です。", delivery_days=7
    )
    do_submit_identity_document(
        worker_user, SimpleUploadedFile("id.png", PNG, "image/png"), actor=worker_user
    )
    stored = IdentityDocument.objects.get(user=worker_user).document
    Authenticator.objects.create(user=worker_user, type="totp", data={"secret": "ABC"})
    WorkerProfile.objects.filter(user=worker_user).update(bio="東京在住のデザイナーです。")
    client.force_login(worker_user)

    response = delete(client)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    user = User.objects.get(pk=worker_user.pk)
    assert user.email == f"deleted-{user.pk}@deleted.invalid"
    assert user.display_name == DELETED_DISPLAY_NAME
    assert not user.has_usable_password()
    assert not user.is_active and user.deleted_at is not None
    assert WorkerProfile.objects.get(user=user).bio == ""
    assert not IdentityDocument.objects.filter(user=user).exists()
    assert not stored.storage.exists(stored.name)
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    open_job.refresh_from_db()
    assert open_job.status == JobStatus.CLOSED
    pending.refresh_from_db()
    assert pending.status == ProposalStatus.WITHDRAWN
    # Kept, under the anonymised account.
    assert contract.__class__.objects.filter(pk=contract.pk, worker=user).exists()
    assert LedgerEntry.objects.filter(contract=contract).count() == ledger_before
    assert Review.objects.filter(reviewee=user).exists()
    assert Message.objects.filter(sender=user, body="納品物をお送りしました。").exists()
    event = AccountEvent.objects.get(user=user, event_type="account_deleted")
    assert "payment_ledger" in event.data["kept"]
    # It never signs in again, and the address is free for a new account.
    response = client.post(
        reverse("accounts:login"), {"login": "worker@cast.test", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_deleting_needs_the_password_and_the_confirmation(client, worker_user):
    client.force_login(worker_user)
    assert delete(client, password="wrong-password").status_code == 400
    assert delete(client, confirm="").status_code == 400
    assert User.objects.get(pk=worker_user.pk).is_active


@pytest.mark.parametrize(
    "status", [ContractStatus.FUNDED, ContractStatus.DELIVERED, ContractStatus.DISPUTED]
)
def test_an_account_with_a_contract_in_progress_cannot_be_deleted(
    client, client_user, worker_user, status
):
    ContractFactory(client=client_user, worker=worker_user, status=status)
    client.force_login(worker_user)
    page = client.get(reverse("accounts:privacy"))
    assert "進行中の契約があります" in page.text
    assert delete(client).status_code == 400
    assert User.objects.get(pk=worker_user.pk).is_active
    with pytest.raises(AccountDeletionRefused):
        do_delete_account(worker_user, actor=worker_user)


def test_a_restricted_account_may_download_but_not_delete(client, worker_user, staff_user):
    do_restrict_account(worker_user, level="suspended", reason="規約違反", actor=staff_user)
    client.force_login(worker_user)
    assert client.get(reverse("accounts:privacy")).status_code == 200  # past the suspension lock
    assert client.post(reverse("accounts:privacy_export")).status_code == 200
    assert delete(client).status_code == 400
    assert User.objects.get(pk=worker_user.pk).is_active
    assert EnforcementLog.objects.filter(subject_user=worker_user).exists()


def test_staff_accounts_are_closed_by_an_administrator(client, staff_user):
    client.force_login(staff_user)
    assert delete(client).status_code == 400
    assert User.objects.get(pk=staff_user.pk).is_active


def test_only_the_owner_deletes(worker_user, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_delete_account(worker_user, actor=outsider)


def test_reports_about_a_deleted_account_stay(client, outsider, worker_user):
    item = access_report_target(outsider, "user", worker_user.pk)
    report = do_file_report(item=item, reason="harassment", details="暴言", actor=outsider)
    client.force_login(worker_user)
    delete(client)
    assert Report.objects.filter(pk=report.pk, subject_user_id=worker_user.pk).exists()


def test_the_privacy_policy_is_in_the_help_section(client, db):
    from django.core.management import call_command

    call_command("load_content")
    page = client.get(reverse("content:privacy"))
    assert page.status_code == 200
    assert "プライバシーポリシー" in page.text
    assert "退会後も保存する情報" in page.text
    assert reverse("content:privacy") in client.get("/").text  # linked from every footer


def test_earnings_not_yet_paid_out_block_deletion(worker_user):
    from yorozu.accounts.selectors import deletion_blockers
    from yorozu.contracts.models import WorkerBalance

    assert deletion_blockers(worker_user) == []
    WorkerBalance.objects.update_or_create(user=worker_user, defaults={"available": 12000})
    assert any("出金" in b or "paid out" in b for b in deletion_blockers(worker_user))
