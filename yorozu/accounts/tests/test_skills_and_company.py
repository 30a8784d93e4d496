"""Skills with years of experience and availability on the worker profile and in worker search
cards; the company page (name, site, description) on a client profile. Written words go through
the screening door: contact details are refused with the draft kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.actions import do_set_worker_skills, do_update_client_profile
from yorozu.accounts.models import AccountEvent, ClientProfile, WorkerProfile
from yorozu.trust.screening import Blocked
from yorozu.workers.models import WorkerSearchRow

pytestmark = pytest.mark.django_db

SKILLS_URL = "/account/profile/skills/"


def skills_post(rows, hours="", free=""):
    data = {
        "skill-TOTAL_FORMS": str(len(rows)),
        "skill-INITIAL_FORMS": "0",
        "skill-MIN_NUM_FORMS": "0",
        "skill-MAX_NUM_FORMS": "15",
        "availability-hours_per_week": hours,
        "availability-available_from": free,
    }
    for i, (name, years) in enumerate(rows):
        data[f"skill-{i}-name"] = name
        data[f"skill-{i}-years"] = years
    return data


def test_skills_with_years_are_saved_in_order_and_search_follows(worker_user):
    changed = do_set_worker_skills(
        worker_user,
        [("Python", 5), ("翻訳", None), ("python", 2), ("  ", 1)],
        hours_per_week=20,
        available_from=None,
        actor=worker_user,
    )
    assert "skill_years" in changed
    profile = WorkerProfile.objects.get(user=worker_user)
    assert profile.skills_with_years == [("Python", 5), ("翻訳", None)]  # case-blind dedupe
    assert profile.skills == "Python, 翻訳"  # what worker search reads
    assert profile.hours_per_week == 20
    assert "Python" in WorkerSearchRow.objects.get(worker=worker_user).haystack
    assert AccountEvent.objects.filter(event_type="worker_skills_updated").count() == 1


def test_a_skill_name_carrying_contact_details_is_refused(worker_user):
    with pytest.raises(Blocked):
        do_set_worker_skills(
            worker_user,
            [("LINE ID: design_taro88", 3)],
            hours_per_week=None,
            available_from=None,
            actor=worker_user,
        )
    assert WorkerProfile.objects.get(user=worker_user).skill_years == []


def test_the_skills_page_saves_and_shows_on_profile_and_card(client, worker_user, client_user):
    client.force_login(worker_user)
    assert client.get(SKILLS_URL).status_code == 200
    free = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        SKILLS_URL, skills_post([("WordPress", "7"), ("PHP", "3"), ("", "")], "15", free)
    )
    assert response.status_code == 302
    profile = WorkerProfile.objects.get(user=worker_user)
    assert profile.skills_with_years == [("WordPress", 7), ("PHP", 3)]
    assert profile.available_from == free
    page = client.get(reverse("workers:profile", args=[worker_user.pk])).text
    assert "WordPress · 7年" in page and "週15時間" in page
    assert free.strftime("%Y/%m/%d") in page
    client.force_login(client_user)
    cards = client.get(reverse("workers:search")).text
    assert "WordPress · 7年" in cards and "週15時間" in cards


def test_the_skills_page_keeps_the_draft_and_marks_the_flagged_part(client, worker_user):
    client.force_login(worker_user)
    response = client.post(SKILLS_URL, skills_post([("LINE ID: design_taro88", "2")]))
    assert response.status_code == 400
    assert "data-refused" in response.text and "<mark" in response.text
    assert 'value="LINE ID: design_taro88"' in response.text  # the draft kept


def test_a_company_page_is_shown_on_the_client_profile(client, client_user, outsider):
    do_update_client_profile(
        client_user,
        actor=client_user,
        kind="company",
        company_name="株式会社よろず商店",
        company_url="https://yorozu-shoten.example.jp/",
        company_description="京都の和菓子店です。通販サイトの運営を一緒にしてくださる方を探しています。",
    )
    client.force_login(outsider)
    page = client.get(reverse("accounts:client_profile", args=[client_user.pk])).text
    assert "data-company" in page
    assert "https://yorozu-shoten.example.jp/" in page and "京都の和菓子店です" in page
    assert 'rel="nofollow noopener ugc"' in page


@pytest.mark.parametrize(
    "changes",
    [
        {"company_description": "ご連絡はLINEで！ID: wagashi_kyoto"},
        {"company_url": "https://line.me/ti/p/abcDEF123"},
    ],
)
def test_contact_details_on_the_company_page_are_refused(client_user, changes):
    with pytest.raises(Blocked):
        do_update_client_profile(
            client_user, actor=client_user, kind="company", company_name="よろず商店", **changes
        )
    profile = ClientProfile.objects.get(user=client_user)
    assert (profile.company_description, profile.company_url) == ("", "")


def test_the_settings_form_edits_the_company_page(client, client_user):
    client.force_login(client_user)
    response = client.post(
        "/account/settings/",
        {
            "section": "client",
            "client-kind": "company",
            "client-company_name": "よろず商店",
            "client-about": "",
            "client-company_url": "https://yorozu-shoten.example.jp/",
            "client-company_description": "和菓子の製造と販売",
        },
    )
    assert response.status_code == 302
    profile = ClientProfile.objects.get(user=client_user)
    assert profile.company_url == "https://yorozu-shoten.example.jp/"
    assert profile.company_description == "和菓子の製造と販売"
