"""The HTML pages: who may see what, what a POST does, and that bad input never errors."""

import pytest
from django.urls import reverse

from yorozu.contracts.models import Contract, ContractStatus, Proposal, ProposalStatus
from yorozu.contracts.tests.factories import ContractFactory, ProposalFactory
from yorozu.jobs.tests.factories import JobFactory

CAST = ["client", "worker", "outsider", "staff"]


@pytest.fixture
def job(client_user):
    return JobFactory(client=client_user, title="ロゴ制作のお願い")


@pytest.fixture
def proposal(job, worker_user):
    return ProposalFactory(job=job, worker=worker_user)


def login(client, user):
    client.force_login(user)
    return client


# ---- propose -------------------------------------------------------------------------------


def test_propose_page_shows_job_summary(client, worker_user, job):
    response = login(client, worker_user).get(reverse("contracts:propose", args=[job.pk]))
    assert response.status_code == 200
    assert "ロゴ制作のお願い" in response.text
    assert 'name="price"' in response.text


def test_propose_post_creates_proposal_and_redirects(client, worker_user, job):
    response = login(client, worker_user).post(
        reverse("contracts:propose", args=[job.pk]),
        {
            "price": "50000",
            "delivery_days": "5",
            "message": "デザイン歴10年です。よろしくお願いします。",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contracts:proposal_detail", args=[proposal.pk])


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"price": "abc", "delivery_days": "5", "message": "十分な長さのメッセージです。"},
        {"price": "10", "delivery_days": "5", "message": "十分な長さのメッセージです。"},
        {"price": "50000", "delivery_days": "0", "message": "十分な長さのメッセージです。"},
        {"price": "50000", "delivery_days": "5", "message": "短い"},
        {"price": "9" * 30, "delivery_days": "9" * 30, "message": "x" * 6000},
    ],
)
def test_bad_proposal_form_shows_errors_and_changes_nothing(client, worker_user, job, data):
    response = login(client, worker_user).post(reverse("contracts:propose", args=[job.pk]), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.text
    assert not Proposal.objects.exists()


def test_propose_while_acting_as_client_is_refused(client, outsider, job):
    outsider.active_role = "client"
    outsider.save()
    response = login(client, outsider).post(
        reverse("contracts:propose", args=[job.pk]),
        {"price": "50000", "delivery_days": "5", "message": "十分な長さのメッセージです。"},
    )
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_propose_on_own_job_shows_reason_not_form(client, client_user, job):
    response = login(client, client_user).get(reverse("contracts:propose", args=[job.pk]))
    assert response.status_code == 200
    assert 'name="price"' not in response.text


def test_second_proposal_redirects_to_the_first(client, worker_user, proposal, job):
    response = login(client, worker_user).get(reverse("contracts:propose", args=[job.pk]))
    assert response["Location"] == reverse("contracts:proposal_detail", args=[proposal.pk])


def test_propose_unknown_job_is_404(client, worker_user):
    assert login(client, worker_user).get("/proposals/new/999999/").status_code == 404


def test_anonymous_is_sent_to_login(client, job):
    response = client.get(reverse("contracts:propose", args=[job.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# ---- proposals -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_job_proposals_owner_only(who, cast, client, proposal, job):
    response = login(client, cast[who]).get(reverse("contracts:job_proposals", args=[job.pk]))
    if who == "client":
        assert response.status_code == 200
        assert cast["worker"].display_name in response.text
        assert reverse("contracts:hire", args=[proposal.pk]) in response.text
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", CAST)
def test_proposal_detail_owner_or_proposer_only(who, cast, client, proposal):
    response = login(client, cast[who]).get(
        reverse("contracts:proposal_detail", args=[proposal.pk])
    )
    assert response.status_code == (200 if who in {"client", "worker"} else 404)


@pytest.mark.parametrize("step", ["shortlist", "decline", "hire", "withdraw"])
@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_strangers_cannot_touch_proposals(step, who, cast, client, proposal):
    response = login(client, cast[who]).post(reverse(f"contracts:{step}", args=[proposal.pk]))
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert not Contract.objects.exists()


def test_worker_cannot_hire_own_proposal(client, worker_user, proposal):
    response = login(client, worker_user).post(reverse("contracts:hire", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert not Contract.objects.exists()


def test_proposal_steps_require_post(client, client_user, proposal):
    response = login(client, client_user).get(reverse("contracts:hire", args=[proposal.pk]))
    assert response.status_code == 405


def test_hire_redirects_to_the_new_contract(client, client_user, proposal):
    response = login(client, client_user).post(reverse("contracts:hire", args=[proposal.pk]))
    contract = Contract.objects.get()
    assert response["Location"] == reverse("contracts:detail", args=[contract.pk])


def test_htmx_shortlist_returns_the_row(client, client_user, proposal):
    response = login(client, client_user).post(
        reverse("contracts:shortlist", args=[proposal.pk]), {"from": "list"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="proposal-{proposal.pk}"' in response.text
    assert "<html" not in response.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SHORTLISTED


def test_htmx_hire_redirects_the_browser(client, client_user, proposal):
    response = login(client, client_user).post(
        reverse("contracts:hire", args=[proposal.pk]), {"from": "list"}, HTTP_HX_REQUEST="true"
    )
    contract = Contract.objects.get()
    assert response["HX-Redirect"] == reverse("contracts:detail", args=[contract.pk])


def test_job_proposals_bad_filter_and_page_do_not_error(client, client_user, proposal, job):
    url = reverse("contracts:job_proposals", args=[job.pk])
    response = login(client, client_user).get(url, {"status": "nope", "page": "zz"})
    assert response.status_code == 200


def test_job_proposals_query_count(client, client_user, job, django_assert_max_num_queries):
    for _ in range(15):
        ProposalFactory(job=job)
    login(client, client_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("contracts:job_proposals", args=[job.pk]))
    assert response.text.count('class="card" id="proposal-') == 15


# ---- contracts -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_contract_detail_visibility(who, cast, client):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="funded")
    response = login(client, cast[who]).get(reverse("contracts:detail", args=[contract.pk]))
    assert response.status_code == (404 if who == "outsider" else 200)


def test_contract_detail_shows_exactly_the_viewers_steps(client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="funded")
    url = reverse("contracts:detail", args=[contract.pk])
    as_worker = login(client, cast["worker"]).get(url).text
    assert 'id="step-deliver"' in as_worker
    assert 'id="step-dispute"' in as_worker
    assert 'id="step-propose_cancellation"' in as_worker
    assert 'id="step-cancel"' not in as_worker  # escrow is held: only cancellation by consent
    as_client = login(client, cast["client"]).get(url).text
    assert 'id="step-deliver"' not in as_client
    assert 'id="step-propose_cancellation"' in as_client
    assert 'id="step-cancel"' not in as_client
    as_staff = login(client, cast["staff"]).get(url).text
    assert 'id="step-' not in as_staff


@pytest.mark.parametrize("who", CAST)
def test_transition_post_over_the_cast(who, cast, client):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="accepted")
    response = login(client, cast[who]).post(
        reverse("contracts:transition", args=[contract.pk, "fund"])
    )
    contract.refresh_from_db()
    if who == "client":
        assert response.status_code == 302
        assert contract.status == ContractStatus.FUNDED
    else:
        assert response.status_code == (404 if who == "outsider" else 302)
        assert contract.status == ContractStatus.ACCEPTED
        assert not contract.ledger.exists()


def test_unknown_transition_is_404(client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    response = login(client, cast["worker"]).post(
        reverse("contracts:transition", args=[contract.pk, "teleport"])
    )
    assert response.status_code == 404


def test_deliver_without_note_rerenders_with_error(client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="funded")
    response = login(client, cast["worker"]).post(
        reverse("contracts:transition", args=[contract.pk, "deliver"]), {"note": ""}
    )
    assert response.status_code == 400
    assert "errorlist" in response.text
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FUNDED


def test_whole_lifecycle_through_the_pages(client, cast, proposal):
    login(client, cast["client"]).post(reverse("contracts:hire", args=[proposal.pk]))
    contract = Contract.objects.get()
    steps = [
        ("worker", "accept", {}),
        ("client", "fund", {}),
        ("worker", "deliver", {"note": "納品しました。ご確認ください。"}),
        ("client", "complete", {}),
    ]
    for who, name, data in steps:
        url = reverse("contracts:transition", args=[contract.pk, name])
        assert login(client, cast[who]).post(url, data).status_code == 302
    contract.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED
    page = client.get(reverse("contracts:detail", args=[contract.pk])).text
    assert reverse("reviews:new", args=[contract.pk]) in page


def test_contract_transition_requires_post(client, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    response = login(client, cast["worker"]).get(
        reverse("contracts:transition", args=[contract.pk, "accept"])
    )
    assert response.status_code == 405
