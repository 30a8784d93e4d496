"""The demo's profiles: skills with years and availability for workers, company pages for
company clients, portfolio works (the demo worker's with screened pictures), default avatars."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import ClientKind, ClientProfile, User, WorkerProfile
from yorozu.demo.tests.test_demo_data import demo  # noqa: F401  (the seed-42 build)
from yorozu.files.models import Attachment
from yorozu.portfolio.models import PortfolioWork


@pytest.mark.usefixtures("demo")
class TestDemoProfiles:
    def test_workers_have_skills_with_years_and_availability(self, db):
        profiles = WorkerProfile.objects.exclude(skills="")
        assert profiles.count() > 100
        for profile in profiles:
            assert [n for n, _ in profile.skills_with_years] == profile.skill_list
            assert all(isinstance(y, int) and y >= 1 for _, y in profile.skills_with_years)
            assert profile.hours_per_week

    def test_company_clients_have_a_company_page(self, db):
        companies = ClientProfile.objects.filter(kind=ClientKind.COMPANY)
        assert companies.exists()
        assert not companies.filter(company_url="").exists()
        assert not companies.filter(company_description="").exists()

    def test_the_demo_worker_shows_a_portfolio_with_pictures(self, client, db):
        worker = User.objects.get(email="worker@example.com")
        works = list(PortfolioWork.objects.filter(worker=worker))
        assert len(works) == 2
        for work in works:
            assert Attachment.objects.get(object_id=work.pk).status == "delivered"
        assert PortfolioWork.objects.exclude(worker=worker).count() > 50
        assert not User.objects.exclude(avatar="").exists()  # generated defaults
        client.force_login(User.objects.get(email="client@example.com"))
        page = client.get(reverse("workers:profile", args=[worker.pk])).text
        assert "カフェのホームページ" in page and "avatar-default" in page
