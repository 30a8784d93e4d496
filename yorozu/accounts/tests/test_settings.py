"""The settings page: display name, worker profile, client profile — each its own action."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from yorozu.accounts.actions import do_update_client_profile, do_update_worker_profile
from yorozu.accounts.models import AccountEvent, ClientProfile, User, WorkerProfile

URL = "/account/settings/"


def worker_data(**overrides):
    data = {
        "section": "worker",
        "worker-headline": "WordPressサイトを丁寧に",
        "worker-bio": "10年の制作経験があります。",
        "worker-prefecture": "13",
        "worker-gender": "female",
        "worker-birth_date": "1990-04-01",
        "worker-show_gender": "on",
        "worker-accepts_scouts": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def snapshot(user):
    """Everything the settings page can change for one user."""
    user = User.objects.get(pk=user.pk)
    wp = WorkerProfile.objects.get(user=user)
    cp = ClientProfile.objects.get(user=user)
    return (
        user.display_name,
        [getattr(wp, f) for f in ("headline", "bio", "skills", "prefecture", "gender")],
        [wp.birth_date, wp.show_gender, wp.show_age, wp.accepts_scouts],
        [cp.kind, cp.company_name, cp.about],
    )


def test_settings_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_settings_page_groups_prefectures_by_region(client, worker_user):
    client.force_login(worker_user)
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 200
    assert '<optgroup label="関東">' in response.text
    assert '<optgroup label="九州・沖縄">' in response.text
    assert response.text.count("<optgroup") == 8
    assert "東京都" in response.text
    assert "本人確認" in response.text  # the identity status card


def test_change_display_name_writes_audit(client, worker_user):
    client.force_login(worker_user)
    response = client.post(URL, {"section": "account", "display_name": " 新しい名前 "})
    assert response.status_code == 302
    worker_user.refresh_from_db()
    assert worker_user.display_name == "新しい名前"
    event = AccountEvent.objects.get(user=worker_user, event_type="display_name_changed")
    assert event.actor == worker_user
    assert event.data == {"old": "ワーカー・ベン", "new": "新しい名前"}


def test_blank_display_name_is_refused(client, worker_user):
    client.force_login(worker_user)
    response = client.post(URL, {"section": "account", "display_name": "   "})
    assert response.status_code == 200
    assert "表示名を入力してください" in response.text
    worker_user.refresh_from_db()
    assert worker_user.display_name == "ワーカー・ベン"


def test_update_worker_profile(client, worker_user):
    client.force_login(worker_user)
    response = client.post(URL, worker_data())
    assert response.status_code == 302
    profile = WorkerProfile.objects.get(user=worker_user)
    assert profile.headline == "WordPressサイトを丁寧に"
    # Skills (with years) are edited on their own page: test_skills_and_company.py
    assert profile.prefecture == 13
    assert profile.gender == "female"
    assert profile.birth_date == datetime.date(1990, 4, 1)
    assert profile.show_gender is True
    assert profile.show_age is False
    event = AccountEvent.objects.get(user=worker_user, event_type="worker_profile_updated")
    assert "birth_date" in event.data["fields"]
    assert "1990" not in str(event.data)  # the audit names fields, never personal values
    assert "female" not in str(event.data)


def test_saving_an_unchanged_profile_writes_no_audit_row(client, worker_user):
    client.force_login(worker_user)
    client.post(URL, worker_data())
    client.post(URL, worker_data())
    assert AccountEvent.objects.filter(event_type="worker_profile_updated").count() == 1


def years_ago(years: int, days: int = 0) -> str:
    today = timezone.localdate()
    return (today.replace(year=today.year - years) + datetime.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        (years_ago(15, days=1), "15歳以上"),
        (years_ago(101), "100歳"),
        ((timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "未来の日付"),
        ("1990-02-30", "1990-04-01"),
        ("yesterday", "1990-04-01"),
    ],
)
def test_birth_date_bounds(client, worker_user, birth_date, message):
    client.force_login(worker_user)
    response = client.post(URL, worker_data(**{"worker-birth_date": birth_date}))
    assert response.status_code == 200
    assert "birth_date" in response.context["worker_form"].errors
    assert message in response.text
    assert WorkerProfile.objects.get(user=worker_user).birth_date is None


def test_birth_date_at_the_bounds_is_accepted(client, worker_user):
    client.force_login(worker_user)
    assert client.post(URL, worker_data(**{"worker-birth_date": years_ago(15)})).status_code == 302
    assert client.post(URL, worker_data(**{"worker-birth_date": years_ago(100)})).status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("worker-prefecture", "99"),
        ("worker-prefecture", "tokyo"),
        ("worker-gender", "robot"),
        ("worker-headline", "あ" * 81),
    ],
)
def test_bad_worker_profile_input_changes_nothing(client, worker_user, field, value):
    client.force_login(worker_user)
    before = snapshot(worker_user)
    response = client.post(URL, worker_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["worker_form"].errors
    assert snapshot(worker_user) == before


def test_client_profile_company_needs_a_name(client, client_user):
    client.force_login(client_user)
    response = client.post(
        URL, {"section": "client", "client-kind": "company", "client-company_name": "  "}
    )
    assert response.status_code == 200
    assert "会社名を入力してください" in response.text
    assert ClientProfile.objects.get(user=client_user).kind == "individual"


def test_update_client_profile_as_company(client, client_user):
    client.force_login(client_user)
    response = client.post(
        URL,
        {
            "section": "client",
            "client-kind": "company",
            "client-company_name": "株式会社よろず",
            "client-about": "小さな制作会社です。",
        },
    )
    assert response.status_code == 302
    profile = ClientProfile.objects.get(user=client_user)
    assert profile.public_name == "株式会社よろず"
    assert AccountEvent.objects.filter(
        user=client_user, event_type="client_profile_updated"
    ).exists()


def test_htmx_post_returns_only_the_section(client, worker_user):
    client.force_login(worker_user)
    response = client.post(URL, worker_data(), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card" id="worker-section">')
    assert "<html" not in response.text
    assert "保存しました" in response.text
    assert WorkerProfile.objects.get(user=worker_user).prefecture == 13


def test_htmx_post_with_errors_returns_the_section_with_errors(client, worker_user):
    client.force_login(worker_user)
    response = client.post(
        URL, worker_data(**{"worker-prefecture": "99"}), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="worker-section"' in response.text
    assert "リストから都道府県を選んでください" in response.text


def test_unknown_section_changes_nothing(client, worker_user):
    client.force_login(worker_user)
    before = snapshot(worker_user)
    response = client.post(URL, {"section": "staff", "display_name": "乗っ取り"})
    assert response.status_code == 200
    assert snapshot(worker_user) == before


@pytest.mark.parametrize("actor_name", ["client", "worker", "outsider", "staff"])
def test_settings_only_ever_edits_the_signed_in_user(client, cast, actor_name):
    """Whoever posts, and whatever ids they add, only their own account changes."""
    actor = cast[actor_name]
    others = [u for name, u in cast.items() if name != actor_name]
    before = {u.pk: snapshot(u) for u in others}
    client.force_login(actor)
    for other in others:
        client.post(
            URL,
            worker_data(
                user=str(other.pk), user_id=str(other.pk), **{"worker-user": str(other.pk)}
            ),
        )
        client.post(URL, {"section": "account", "display_name": "乗っ取り", "user": other.pk})
    assert {u.pk: snapshot(u) for u in others} == before
    actor.refresh_from_db()
    assert actor.display_name == "乗っ取り"
    assert WorkerProfile.objects.get(user=actor).prefecture == 13


def test_actions_refuse_another_users_profile(outsider, worker_user):
    before = snapshot(worker_user)
    with pytest.raises(PermissionDenied):
        do_update_worker_profile(worker_user, actor=outsider, headline="乗っ取り")
    with pytest.raises(PermissionDenied):
        do_update_client_profile(worker_user, actor=outsider, about="乗っ取り")
    assert snapshot(worker_user) == before
    assert not AccountEvent.objects.filter(user=worker_user, actor=outsider).exists()


def test_staff_may_correct_a_profile(staff_user, worker_user):
    changed = do_update_worker_profile(worker_user, actor=staff_user, headline="修正済み")
    assert changed == ["headline"]
    event = AccountEvent.objects.get(user=worker_user, event_type="worker_profile_updated")
    assert event.actor == staff_user


def test_action_refuses_fields_it_does_not_own(worker_user):
    with pytest.raises(ValueError):
        do_update_worker_profile(worker_user, actor=worker_user, rating_avg=5)
