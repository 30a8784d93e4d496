"""/work/: each role sees its own work, lists are paged and empty states are shown."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import Role
from yorozu.contracts.tests.factories import ContractFactory, ProposalFactory
from yorozu.jobs.tests.factories import JobFactory


def test_dashboard_needs_login(client, db):
    response = client.get(reverse("contracts:dashboard"))
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.CLIENT, Role.WORKER])
def test_empty_dashboard_shows_empty_states(client, outsider, role):
    outsider.active_role = role
    outsider.save()
    client.force_login(outsider)
    response = client.get(reverse("contracts:dashboard"))
    assert response.status_code == 200
    assert response.text.count('class="empty"') == 2


def test_client_sees_new_proposals_and_own_contracts(client, client_user, worker_user):
    job = JobFactory(client=client_user, title="求人A")
    ProposalFactory(job=job)
    ContractFactory(client=client_user, worker=worker_user, status="funded")
    other = ContractFactory(status="funded")  # someone else's
    client.force_login(client_user)
    response = client.get(reverse("contracts:dashboard"))
    assert "求人A" in response.text
    assert reverse("contracts:job_proposals", args=[job.pk]) in response.text
    assert other.title not in response.text


def test_worker_sees_own_proposals_and_contracts(client, worker_user):
    proposal = ProposalFactory(worker=worker_user)
    contract = ContractFactory(worker=worker_user, status="delivered")
    stranger = ProposalFactory()
    client.force_login(worker_user)
    response = client.get(reverse("contracts:dashboard"))
    assert reverse("contracts:proposal_detail", args=[proposal.pk]) in response.text
    assert reverse("contracts:detail", args=[contract.pk]) in response.text
    assert reverse("contracts:proposal_detail", args=[stranger.pk]) not in response.text


def test_status_tabs_filter(client, worker_user):
    done = ContractFactory(worker=worker_user, status="completed")
    active = ContractFactory(worker=worker_user, status="offered")
    client.force_login(worker_user)
    url = reverse("contracts:dashboard")

    def row(contract):  # the contract's own row, not the "view contract" link by its proposal
        return f'href="{reverse("contracts:detail", args=[contract.pk])}">{contract.title}</a>'

    default = client.get(url).text
    assert row(active) in default
    assert row(done) not in default
    completed = client.get(url, {"status": "completed"}).text
    assert row(done) in completed
    assert row(active) not in completed


def test_bad_params_do_not_error(client, worker_user):
    client.force_login(worker_user)
    response = client.get(
        reverse("contracts:dashboard"), {"status": "<script>", "page": "-1", "ppage": "x"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.CLIENT, Role.WORKER])
def test_dashboard_query_count(client, role, db, django_assert_max_num_queries):
    from yorozu.accounts.tests.factories import UserFactory

    user = UserFactory(role=role)
    for _ in range(12):
        job = JobFactory(client=user)
        ProposalFactory(job=job)
        ProposalFactory(worker=user)
        ContractFactory(client=user, status="accepted")
        ContractFactory(worker=user, status="funded")
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("contracts:dashboard"))
    assert response.status_code == 200
    assert 'class="pagination"' in response.text or role == Role.CLIENT
