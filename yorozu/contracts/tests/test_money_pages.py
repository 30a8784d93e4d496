"""The money pages: fees and take-home before commitment, the offer's milestones, earnings and
withdrawals, PDF documents for the parties only, and the secretariat's disputes page."""

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.tests.factories import StaffFactory
from yorozu.contracts.actions import (
    do_dispute_contract,
)
from yorozu.contracts.models import (
    ContractStatus,
    Dispute,
    Milestone,
    Withdrawal,
    WorkerBalance,
)
from yorozu.contracts.tests.factories import ContractFactory, ProposalFactory
from yorozu.jobs.tests.factories import JobFactory

CAST = ["client", "worker", "outsider", "staff"]


def login(client, user):
    client.force_login(user)
    return client


def pdf_text(content: bytes) -> tuple[str, set[str]]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return text, fonts


# ---- before commitment ----------------------------------------------------------------------


def test_propose_page_previews_fee_and_take_home(client, cast):
    job = JobFactory(client=cast["client"])
    page = login(client, cast["worker"]).get(reverse("contracts:propose", args=[job.pk])).text
    assert 'data-fee-percent="10"' in page
    assert "fees.js" in page
    assert "手数料" in page and "受取額" in page


def test_proposal_page_tells_the_worker_what_they_receive(client, cast):
    proposal = ProposalFactory(
        job=JobFactory(client=cast["client"]), worker=cast["worker"], price=50000
    )
    page = (
        login(client, cast["worker"])
        .get(reverse("contracts:proposal_detail", args=[proposal.pk]))
        .text
    )
    assert "¥5,000" in page and "¥45,000" in page


@pytest.mark.parametrize("who", ["client", "worker"])
def test_the_offer_shows_both_sides_what_they_pay_and_receive(who, client, cast):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], price=200000, withholding=True
    )
    page = login(client, cast[who]).get(reverse("contracts:detail", args=[contract.pk])).text
    assert "¥20,420" in page  # withholding
    assert "¥179,580" in page  # paid into escrow
    assert "¥20,000" in page  # fee
    assert "¥159,580" in page  # take-home
    if who == "worker":
        assert 'name="terms_version"' in page


def test_client_edits_the_offer_into_milestones_through_the_page(client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], price=80000)
    url = reverse("contracts:edit_offer", args=[contract.pk])
    assert login(client, cast["client"]).get(url).status_code == 200
    response = client.post(
        url,
        {
            "ms-TOTAL_FORMS": "2",
            "ms-INITIAL_FORMS": "1",
            "ms-MIN_NUM_FORMS": "1",
            "ms-MAX_NUM_FORMS": "10",
            "ms-0-title": "デザイン案",
            "ms-0-amount": "30000",
            "ms-1-title": "仕上げ",
            "ms-1-amount": "50000",
            "ms-1-due_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert list(Milestone.objects.filter(contract=contract).values_list("title", "amount")) == [
        ("デザイン案", 30000),
        ("仕上げ", 50000),
    ]


@pytest.mark.parametrize("who", ["worker", "outsider", "staff"])
def test_only_the_client_edits_the_offer(who, client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], price=80000)
    response = login(client, cast[who]).post(
        reverse("contracts:edit_offer", args=[contract.pk]),
        {"ms-TOTAL_FORMS": "1", "ms-INITIAL_FORMS": "0", "ms-0-title": "x", "ms-0-amount": "1000"},
    )
    assert response.status_code in (302, 404)
    assert Milestone.objects.get(contract=contract).amount == 80000


def test_milestones_and_acceptance_deadline_show_on_the_contract(client, cast):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], status="delivered", milestones=[30000, 50000]
    )
    page = login(client, cast["client"]).get(reverse("contracts:detail", args=[contract.pk])).text
    assert "マイルストーン1" in page and "マイルストーン2" in page
    assert 'id="step-request_changes"' in page and 'id="step-complete"' in page
    assert "自動で検収" in page


# ---- earnings and withdrawals ---------------------------------------------------------------


def test_earnings_page_lists_payments_and_balance(client, cast, django_assert_max_num_queries):
    for price in (30000, 50000, 70000):
        ContractFactory(worker=cast["worker"], price=price, status="completed")
    login(client, cast["worker"])
    with django_assert_max_num_queries(16):
        page = client.get(reverse("contracts:earnings"))
    text = page.text
    assert page.status_code == 200
    assert "¥135,000" in text  # available: 150,000 less 10 %
    assert "¥63,000" in text and "¥7,000" in text


def test_bank_account_and_withdrawal_through_the_pages(client, cast):
    ContractFactory(worker=cast["worker"], price=30000, status="completed")
    login(client, cast["worker"])
    response = client.post(
        reverse("contracts:bank_account"),
        {
            "bank_code": "0001",
            "branch_code": "001",
            "account_type": "1",
            "account_number": "7654321",
            "holder_name": "ワーカー ベン",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("contracts:earnings")).text
    assert "ﾜ-ｶ- ﾍﾞﾝ" in page and "****321" in page
    key = "token-1"
    response = client.post(
        reverse("contracts:withdraw_earnings"), {"amount": "27000", "request_key": key}
    )
    assert response.status_code == 302
    client.post(reverse("contracts:withdraw_earnings"), {"amount": "27000", "request_key": key})
    assert Withdrawal.objects.filter(user=cast["worker"]).count() == 1
    assert WorkerBalance.objects.get(user=cast["worker"]).available == 0


def test_bad_bank_account_shows_the_reason(client, cast):
    response = login(client, cast["worker"]).post(
        reverse("contracts:bank_account"),
        {
            "bank_code": "0001",
            "branch_code": "999",
            "account_type": "1",
            "account_number": "7654321",
            "holder_name": "ヤマダ",
        },
    )
    assert response.status_code == 400
    assert "999" in response.text


# ---- documents ------------------------------------------------------------------------------


@pytest.fixture
def paid(cast):
    from yorozu.contracts.tests.factories import make_company

    make_company(cast["client"])
    return ContractFactory(
        client=cast["client"],
        worker=cast["worker"],
        status="completed",
        price=110000,
        withholding=True,
    )


@pytest.mark.parametrize("who", CAST)
def test_documents_are_for_the_two_parties_only(who, client, cast, paid):
    login(client, cast[who])
    urls = [
        reverse("contracts:documents", args=[paid.pk]),
        reverse("contracts:invoice", args=[paid.pk, 1]),
        reverse("contracts:receipt", args=[paid.pk, 1]),
    ]
    for url in urls:
        assert client.get(url).status_code == (200 if who in ("client", "worker") else 404)


def test_invoice_is_a_japanese_pdf_with_the_registration_number(client, cast, paid, settings):
    response = login(client, cast["client"]).get(reverse("contracts:invoice", args=[paid.pk, 1]))
    assert response["Content-Type"] == "application/pdf"
    text, fonts = pdf_text(response.content)
    assert "請求書" in text
    assert settings.INVOICE_ISSUER["registration_number"] in text
    assert "株式会社テスト" in text
    assert "11,231" in text  # withholding on ¥110,000
    assert "98,769" in text  # billed: what the client pays into escrow
    assert "10,000" in text  # consumption tax contained
    assert any("NotoSansCJK" in f.replace("-", "") for f in fonts), fonts


def test_receipt_shows_what_was_received(client, cast, paid):
    response = login(client, cast["worker"]).get(reverse("contracts:receipt", args=[paid.pk, 1]))
    text, _fonts = pdf_text(response.content)
    assert "領収書" in text and "98,769" in text and "仮払い" in text


def test_no_receipt_before_funding(client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="accepted")
    login(client, cast["client"])
    assert client.get(reverse("contracts:invoice", args=[contract.pk, 1])).status_code == 200
    assert client.get(reverse("contracts:receipt", args=[contract.pk, 1])).status_code == 404


def test_yearly_payment_statement_totals_the_withholding(client, cast, paid):
    year = timezone.localdate().year
    url = reverse("contracts:payment_statement", args=[year, cast["client"].pk, cast["worker"].pk])
    for who in ("client", "worker"):
        response = login(client, cast[who]).get(url)
        assert response.status_code == 200
        text, _fonts = pdf_text(response.content)
        assert "支払調書" in text and "110,000" in text and "11,231" in text
    assert login(client, cast["outsider"]).get(url).status_code == 404
    earnings = login(client, cast["worker"]).get(reverse("contracts:earnings")).text
    assert url in earnings


# ---- the secretariat's disputes pages -------------------------------------------------------


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_disputes_pages_are_not_there_for_others(who, client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="disputed")
    dispute = Dispute.objects.get(contract=contract)
    login(client, cast[who])
    assert client.get(reverse("contracts:disputes")).status_code == 404
    assert client.get(reverse("contracts:dispute", args=[dispute.pk])).status_code == 404
    response = client.post(
        reverse("contracts:resolve_dispute", args=[dispute.pk]),
        {"outcome": "release", "note": "x"},
    )
    assert response.status_code == 404
    dispute.refresh_from_db()
    assert dispute.status == "open"


def test_reviewer_splits_a_dispute_through_the_page(client, cast):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], status="funded", price=50000
    )
    do_dispute_contract(contract, actor=cast["worker"], note="検収されません")
    dispute = Dispute.objects.get(contract=contract)
    reviewer = StaffFactory(role="reviewer", email="rev@cast.test")
    login(client, reviewer)
    queue = client.get(reverse("contracts:disputes")).text
    assert contract.title in queue
    detail = client.get(reverse("contracts:dispute", args=[dispute.pk])).text
    assert "検収されません" in detail
    bad = client.post(
        reverse("contracts:resolve_dispute", args=[dispute.pk]),
        {"outcome": "split", "release": "50000", "note": "半分"},
    )
    assert bad.status_code == 400
    response = client.post(
        reverse("contracts:resolve_dispute", args=[dispute.pk]),
        {"outcome": "split", "release": "30000", "note": "6割分の納品を確認しました"},
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == ContractStatus.RESOLVED
    page = login(client, cast["client"]).get(reverse("contracts:detail", args=[contract.pk])).text
    assert "6割分の納品を確認しました" in page and "¥30,000" in page and "¥20,000" in page


def test_the_console_links_the_disputes_queue(client, cast):
    login(client, cast["staff"])
    page = client.get(reverse("console:dashboard")).text
    assert reverse("contracts:disputes") in page
    assert reverse("contracts:payouts") in page
