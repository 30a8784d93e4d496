"""Every text a user writes goes through the screening door — profiles, display names,
reviews, reports and appeals too (issue 15: contact details could sit in a bio)."""

import pytest
from django.urls import reverse

from yorozu.accounts.actions import (
    do_change_display_name,
    do_update_client_profile,
    do_update_worker_profile,
)
from yorozu.accounts.models import WorkerProfile
from yorozu.trust.models import ContentToken, ScreeningRecord
from yorozu.trust.screening import Blocked

pytestmark = pytest.mark.django_db

LINE_BIO = "Webデザイナーです。ご依頼はLINEでどうぞ！ID: design_taro88"


def test_contact_details_in_a_bio_are_refused_and_recorded(worker_user):
    with pytest.raises(Blocked) as refused:
        do_update_worker_profile(worker_user, actor=worker_user, bio=LINE_BIO)
    text = refused.value.text  # the profile as one text: name, headline, bio, skills…
    assert LINE_BIO in text
    flagged = {text[r["start"] : r["end"]] for r in refused.value.reasons}
    assert any("design_taro88" in part for part in flagged)
    assert WorkerProfile.objects.get(user=worker_user).bio == ""
    record = ScreeningRecord.objects.get()
    assert (record.kind, record.verdict, record.author) == ("profile", "block", worker_user)
    assert ContentToken.objects.filter(token="design_taro88").exists()  # related items find it


def test_a_clean_bio_is_saved(worker_user):
    bio = "Webデザイナーです。飲食店のサイト制作が得意です。"
    assert do_update_worker_profile(worker_user, actor=worker_user, bio=bio) == ["bio"]
    assert not ScreeningRecord.objects.exists()


def test_a_display_name_carrying_an_address_is_refused(worker_user):
    with pytest.raises(Blocked):
        do_change_display_name(worker_user, "taro.yamada@gmail.com までご連絡を", actor=worker_user)
    worker_user.refresh_from_db()
    assert worker_user.display_name == "ワーカー・ベン"


def test_a_company_about_text_is_screened(client_user):
    with pytest.raises(Blocked):
        do_update_client_profile(
            client_user,
            actor=client_user,
            about="お問い合わせは LINE ID: aoba_kikaku までお願いします。",
        )


def test_the_settings_page_keeps_the_draft_and_explains(client, worker_user):
    client.force_login(worker_user)
    response = client.post(
        reverse("accounts:settings"),
        {"section": "worker", "worker-bio": LINE_BIO, "worker-gender": "no_answer"},
    )
    assert response.status_code == 200
    assert "design_taro88" in response.text  # the draft is kept
    assert "プロフィールは保存されませんでした" in response.text


def test_report_and_appeal_texts_go_through_the_door(worker_user, client_user, staff_user):
    from yorozu.enforcement.actions import do_file_appeal, do_file_report, do_restrict_account
    from yorozu.enforcement.selectors import access_report_target
    from yorozu.jobs.tests.factories import JobFactory

    job = JobFactory(client=client_user)
    do_file_report(
        item=access_report_target(worker_user, "job", job.pk),
        reason="off_platform",
        details="LINE IDはabc123です、と言われました。",
        actor=worker_user,
    )
    restriction = do_restrict_account(
        client_user, level="limited", features=["post"], reason="違反", actor=staff_user
    )
    do_file_appeal(restriction, text="誤解です。連絡は 090-1234-5678 まで。", actor=client_user)
    kinds = set(ScreeningRecord.objects.values_list("kind", flat=True))
    # Reports and appeals are flagged for the reviewer, never refused or held.
    assert kinds <= {"report", "appeal"}
    assert not ScreeningRecord.objects.filter(verdict__in=("hold", "block")).exists()
    assert ContentToken.objects.filter(token="09012345678").exists()
