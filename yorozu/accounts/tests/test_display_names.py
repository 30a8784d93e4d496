"""Display names refuse control characters, invisible and direction-changing characters, and
names that pass for the secretariat; staff (named by an administrator) may use the latter."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yorozu.accounts.actions import DisplayNameRefused, do_change_display_name
from yorozu.accounts.names import validate_display_name


@pytest.mark.parametrize(
    "name",
    [
        "山田 太郎",
        "デザイナー・ミオ",
        "Badminton Club",  # "admin" inside a word
        "Staffing Design 株式会社",  # not the word "staff"
        "サポート花子",  # サポート alone is a common word
        "Mika 🌸",
    ],
)
def test_ordinary_names_are_accepted(name):
    validate_display_name(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("花子\r\nBcc: victim@example.com", "control"),
        ("花子\n", "control"),
        ("花子\t", "control"),
        ("花子\x00", "control"),
        ("花子\u2028", "control"),
        ("invoice\u202egpj.exe", "invisible"),
        ("\u2066花子\u2069", "invisible"),
        ("花\u200b子", "invisible"),
        ("\ufeff花子", "invisible"),
        ("事務局", "staff_lookalike"),
        ("yorozu運営", "staff_lookalike"),
        ("ｙｏｒｏｚｕ 運営", "staff_lookalike"),
        ("YOROZU Team", "staff_lookalike"),
        ("事 務 局・田中", "staff_lookalike"),
        ("【公式】サポート", "staff_lookalike"),
        ("運営事務局より", "staff_lookalike"),
        ("万屋カスタマーサポート", "staff_lookalike"),
        ("Admin", "staff_lookalike"),
        ("support team", "staff_lookalike"),
        ("Official 田中", "staff_lookalike"),
    ],
)
def test_refused_names(name, code):
    with pytest.raises(ValidationError) as refused:
        validate_display_name(name)
    assert refused.value.code == code


def test_staff_may_carry_the_secretariats_name_but_not_control_characters():
    validate_display_name("事務局 田中", staff=True)
    with pytest.raises(ValidationError):
        validate_display_name("事務局\n田中", staff=True)


def test_the_settings_page_refuses_a_lookalike_in_japanese(client, worker_user):
    client.force_login(worker_user)
    response = client.post(
        reverse("accounts:settings"), {"section": "account", "display_name": "yorozu運営"}
    )
    assert response.status_code == 200
    assert "事務局と間違われるおそれがあります" in response.text
    worker_user.refresh_from_db()
    assert worker_user.display_name == "ワーカー・ベン"


def test_the_action_refuses_too(worker_user, staff_user):
    with pytest.raises(DisplayNameRefused):
        do_change_display_name(worker_user, "事務局", actor=worker_user)
    with pytest.raises(DisplayNameRefused):
        do_change_display_name(worker_user, "名\r\n前", actor=staff_user)
    assert do_change_display_name(staff_user, "事務局 ダイ", actor=staff_user)
