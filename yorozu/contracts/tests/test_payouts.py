"""Bank accounts, withdrawals and the secretariat's batches: codes checked against the Zengin
list, names in half-width katakana, a balance that cannot be spent twice, and a transfer file
whose every record is 120 bytes and whose trailer adds up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from yorozu.accounts.models import AccountEvent
from yorozu.accounts.tests.factories import StaffFactory
from yorozu.contracts import banks, zengin
from yorozu.contracts.actions import (
    BankAccountData,
    ContractError,
    do_approve_payouts,
    do_reject_withdrawal,
    do_request_withdrawal,
    do_save_bank_account,
)
from yorozu.contracts.models import (
    BankAccount,
    LedgerAccount,
    LedgerEntry,
    WithdrawalStatus,
    WorkerBalance,
)
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.core.staff import OwnCaseRefused
from yorozu.notifications.models import Notification

MIZUHO_TOKYO = BankAccountData("0001", "001", "1", "1234567", "ワーカー ベン")


@pytest.fixture
def earner(cast):
    """The cast's worker with ¥90,000 earned and a bank account."""
    ContractFactory(worker=cast["worker"], price=100000, status="completed")
    do_save_bank_account(user=cast["worker"], data=MIZUHO_TOKYO, actor=cast["worker"])
    return cast["worker"]


@pytest.fixture
def admin(db):
    return StaffFactory(role="administrator", email="payouts@cast.test")


@pytest.mark.parametrize(
    ("raw", "kana"),
    [
        ("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"),
        ("やまだ　たろう", "ﾔﾏﾀﾞ ﾀﾛｳ"),
        ("ｷｯﾄﾞ ｼｮｳ", "ｷﾂﾄﾞ ｼﾖｳ"),  # small kana are written large
        ("カ）ヨロズ", "ｶ)ﾖﾛｽﾞ"),
        ("ボーイ", "ﾎﾞ-ｲ"),
        ("abc", "ABC"),
    ],
)
def test_holder_names_become_half_width_zengin_kana(raw, kana):
    assert banks.to_zengin_kana(raw) == kana


@pytest.mark.parametrize("raw", ["山田太郎", "ヤマダ☆", "Yamada@"])
def test_names_outside_the_zengin_set_are_refused(raw):
    with pytest.raises(banks.KanaError):
        banks.to_zengin_kana(raw)


def test_bank_and_branch_come_from_the_zengin_list():
    bank = banks.find_bank("0001")
    assert bank is not None and bank.name == "みずほ" and bank.kana == "ﾐｽﾞﾎ"
    branch = banks.find_branch("0001", "001")
    assert branch is not None and branch.name == "東京営業部"
    assert banks.find_bank("9999") is None
    assert banks.find_bank("01") is None
    assert banks.find_branch("0001", "999") is None
    assert banks.find_branch("9999", "001") is None


@pytest.mark.parametrize(
    "data",
    [
        BankAccountData("9998", "001", "1", "1234567", "ヤマダ"),  # no such bank
        BankAccountData("0001", "998", "1", "1234567", "ヤマダ"),  # no such branch
        BankAccountData("0001", "001", "3", "1234567", "ヤマダ"),  # no such account type
        BankAccountData("0001", "001", "1", "12345678", "ヤマダ"),  # 8 digits
        BankAccountData("0001", "001", "1", "12a4567", "ヤマダ"),
        BankAccountData("0001", "001", "1", "1234567", "山田"),  # kanji
        BankAccountData("0001", "001", "1", "1234567", "ア" * 31),  # too long
    ],
)
def test_bad_bank_accounts_are_refused(data, cast):
    with pytest.raises(ContractError):
        do_save_bank_account(user=cast["worker"], data=data, actor=cast["worker"])
    assert not BankAccount.objects.exists()


def test_saving_a_bank_account_is_audited_and_told(cast):
    account = do_save_bank_account(user=cast["worker"], data=MIZUHO_TOKYO, actor=cast["worker"])
    assert (account.bank_name, account.branch_kana, account.holder_name) == (
        "みずほ",
        "ﾄｳｷﾖｳ",
        "ﾜ-ｶ- ﾍﾞﾝ",
    )
    assert account.account_number == "1234567"
    assert AccountEvent.objects.filter(user=cast["worker"], event_type="bank_account_registered")
    assert Notification.objects.filter(user=cast["worker"], kind="bank_account_changed")
    with pytest.raises(PermissionDenied):
        do_save_bank_account(user=cast["worker"], data=MIZUHO_TOKYO, actor=cast["outsider"])


def test_withdrawal_moves_the_balance_into_payout(earner):
    withdrawal = do_request_withdrawal(user=earner, amount=60000, request_key="a", actor=earner)
    balance = WorkerBalance.objects.get(user=earner)
    assert (balance.available, balance.in_payout) == (30000, 60000)
    assert withdrawal.bank_code == "0001" and withdrawal.holder_name == "ﾜ-ｶ- ﾍﾞﾝ"
    rows = LedgerEntry.objects.filter(withdrawal=withdrawal)
    assert {(r.account, r.amount) for r in rows} == {("worker", -60000), ("payout", 60000)}


def test_the_same_request_key_is_one_withdrawal(earner):
    first = do_request_withdrawal(user=earner, amount=10000, request_key="same", actor=earner)
    again = do_request_withdrawal(user=earner, amount=10000, request_key="same", actor=earner)
    assert first.pk == again.pk
    assert WorkerBalance.objects.get(user=earner).available == 80000


@pytest.mark.parametrize(("amount", "why"), [(999, "minimum"), (90001, "balance")])
def test_withdrawals_below_the_minimum_or_above_the_balance_are_refused(amount, why, earner):
    with pytest.raises(ContractError):
        do_request_withdrawal(user=earner, amount=amount, request_key=why, actor=earner)
    assert WorkerBalance.objects.get(user=earner).available == 90000


def test_no_withdrawal_without_a_bank_account(cast):
    ContractFactory(worker=cast["worker"], price=10000, status="completed")
    with pytest.raises(ContractError):
        do_request_withdrawal(
            user=cast["worker"], amount=5000, request_key="x", actor=cast["worker"]
        )


def test_a_batch_issues_transfers_and_records_each_payout(earner, admin):
    one = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    two = do_request_withdrawal(user=earner, amount=20000, request_key="2", actor=earner)
    batch = do_approve_payouts([one.pk, two.pk], transfer_date=timezone.localdate(), actor=admin)
    assert (batch.count, batch.total) == (2, 50000)
    one.refresh_from_db()
    assert (one.status, one.batch, one.decided_by) == (WithdrawalStatus.APPROVED, batch, admin)
    balance = WorkerBalance.objects.get(user=earner)
    assert (balance.available, balance.in_payout) == (40000, 0)
    paid = LedgerEntry.objects.filter(account=LedgerAccount.BANK, user=earner)
    assert sorted(paid.values_list("amount", flat=True)) == [20000, 30000]
    assert Notification.objects.filter(user=earner, kind="withdrawal_approved").count() == 2
    # approving again does nothing: they are no longer requested
    with pytest.raises(ContractError):
        do_approve_payouts([one.pk], transfer_date=timezone.localdate(), actor=admin)


def test_only_payout_managers_approve_and_never_their_own(earner, cast):
    withdrawal = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    reviewer = StaffFactory(role="reviewer", email="r@cast.test")
    with pytest.raises(PermissionDenied):
        do_approve_payouts([withdrawal.pk], transfer_date=timezone.localdate(), actor=reviewer)
    from django.contrib.auth.models import Group

    earner.is_staff = True
    earner.save(update_fields=["is_staff"])
    earner.groups.add(Group.objects.get(name="administrator"))
    with pytest.raises(OwnCaseRefused):
        do_approve_payouts([withdrawal.pk], transfer_date=timezone.localdate(), actor=earner)


def test_a_past_transfer_date_is_refused(earner, admin):
    withdrawal = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    with pytest.raises(ContractError):
        do_approve_payouts(
            [withdrawal.pk],
            transfer_date=timezone.localdate() - datetime.timedelta(days=1),
            actor=admin,
        )


def test_a_returned_withdrawal_goes_back_to_the_balance(earner, admin):
    withdrawal = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    do_reject_withdrawal(withdrawal, reason="口座名義が一致しません", actor=admin)
    balance = WorkerBalance.objects.get(user=earner)
    assert (balance.available, balance.in_payout) == (90000, 0)
    withdrawal.refresh_from_db()
    assert withdrawal.status == WithdrawalStatus.REJECTED
    assert "一致しません" in Notification.objects.get(user=earner, kind="withdrawal_rejected").body
    with pytest.raises(ContractError):
        do_reject_withdrawal(withdrawal, reason="二度目", actor=admin)


# ---- the Zengin file ------------------------------------------------------------------------

REQUESTER = zengin.Requester(
    code="0000000001",
    name="ｶ)ﾖﾛｽﾞ",
    bank_code="0001",
    bank_kana="ﾐｽﾞﾎ",
    branch_code="001",
    branch_kana="ﾄｳｷﾖｳ",
    account_type="1",
    account_number="7654321",
)


def transfer(amount: int = 1000, **kwargs) -> zengin.Transfer:
    values = {
        "bank_code": "0005",
        "bank_kana": "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ",
        "branch_code": "001",
        "branch_kana": "ﾎﾝﾃﾝ",
        "account_type": "1",
        "account_number": "0012345",
        "holder_name": "ﾔﾏﾀﾞ ﾀﾛｳ",
        "amount": amount,
        "customer_code": "42",
    }
    values.update(kwargs)
    return zengin.Transfer(**values)


def test_zengin_records_are_120_bytes_and_the_trailer_adds_up():
    content = zengin.transfer_file(
        REQUESTER, datetime.date(2030, 3, 25), [transfer(12345), transfer(9_999_999_999)]
    )
    raw = content.split(b"\r\n")
    assert raw[-1] == b""
    assert [len(r) for r in raw[:-1]] == [120] * 5
    header, first, second, trailer, end = zengin.parse(content)
    assert header[0] == "1" and header[1:3] == "21" and header[3] == "0"
    assert header[4:14] == "0000000001"
    assert header[14:54] == "ｶ)ﾖﾛｽﾞ".ljust(40)
    assert header[54:58] == "0325"
    assert header[58:62] == "0001" and header[77:80] == "001"
    assert header[95] == "1" and header[96:103] == "7654321"
    assert first[0] == "2" and first[1:5] == "0005"
    assert first[20:23] == "001"
    assert first[42] == "1" and first[43:50] == "0012345"
    assert first[50:80] == "ﾔﾏﾀﾞ ﾀﾛｳ".ljust(30)
    assert first[80:90] == "0000012345"
    assert first[91:101] == "0000000042"
    assert first[111] == "7"
    assert second[80:90] == "9999999999"
    assert trailer[0] == "8"
    assert int(trailer[1:7]) == 2
    assert int(trailer[7:19]) == 12345 + 9_999_999_999
    assert end == "9" + " " * 119
    # the half-width katakana are one byte each in Shift_JIS
    assert content.decode("cp932").count("ﾔﾏﾀﾞ") == 2


@pytest.mark.parametrize(
    "bad",
    [
        {"amount": 0},
        {"amount": 10_000_000_000},
        {"holder_name": "ア" * 31},
        {"holder_name": "山田"},
        {"holder_name": " "},
        {"account_number": "12345678"},
        {"bank_code": "12345"},
    ],
)
def test_zengin_refuses_values_that_do_not_fit(bad):
    with pytest.raises((zengin.ZenginError, banks.KanaError)):
        zengin.transfer_file(
            REQUESTER, datetime.date(2030, 3, 25), [transfer(**{"amount": 1000, **bad})]
        )


def test_long_bank_names_are_cut_to_their_field():
    record = zengin.data_record(transfer(1000, bank_kana="ｱ" * 40))
    assert len(record) == 120


def test_staff_download_the_batch_file(client, earner, admin):
    one = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    batch = do_approve_payouts([one.pk], transfer_date=timezone.localdate(), actor=admin)
    client.force_login(admin)
    response = client.get(f"/secretariat/payouts/batches/{batch.pk}/zengin.txt")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    _header, data, trailer, _end = zengin.parse(response.content)
    assert data[50:80].rstrip() == "ﾜ-ｶ- ﾍﾞﾝ"
    assert int(data[80:90]) == 30000 and int(data[91:101]) == one.pk
    assert int(trailer[1:7]) == 1 and int(trailer[7:19]) == 30000
    batch.refresh_from_db()
    assert batch.downloaded_at is not None


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_payout_pages_are_not_there_for_others(who, cast, client, earner, admin):
    one = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    batch = do_approve_payouts([one.pk], transfer_date=timezone.localdate(), actor=admin)
    reviewer = StaffFactory(role="reviewer", email="reviewer2@cast.test")
    for user in (cast[who], reviewer):
        client.force_login(user)
        assert client.get("/secretariat/payouts/").status_code == 404
        assert client.get(f"/secretariat/payouts/batches/{batch.pk}/zengin.txt").status_code == 404


def test_staff_approve_a_batch_through_the_page(client, earner, admin):
    one = do_request_withdrawal(user=earner, amount=30000, request_key="1", actor=earner)
    client.force_login(admin)
    page = client.get("/secretariat/payouts/")
    assert page.status_code == 200 and "ﾜ-ｶ- ﾍﾞﾝ" in page.content.decode()
    response = client.post(
        "/secretariat/payouts/",
        {"withdrawals": [one.pk], "transfer_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.status == WithdrawalStatus.APPROVED
