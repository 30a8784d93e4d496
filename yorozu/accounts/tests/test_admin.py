"""The secretariat's admin pages for accounts and categories load, search and stay safe."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import AccountEvent, ClientProfile, User, WorkerProfile
from yorozu.catalog.models import Category

CHANGELISTS = [
    "admin:accounts_user_changelist",
    "admin:accounts_workerprofile_changelist",
    "admin:accounts_clientprofile_changelist",
    "admin:accounts_identitydocument_changelist",
    "admin:accounts_accountevent_changelist",
    "admin:catalog_category_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_changelists_load_and_search(client, cast, superuser, name):
    client.force_login(superuser)
    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name), {"q": "ワーカー"}).status_code == 200


@pytest.mark.parametrize("name", CHANGELISTS)
@pytest.mark.parametrize("actor_name", ["client", "worker", "outsider"])
def test_admin_is_for_staff_only(client, cast, name, actor_name):
    client.force_login(cast[actor_name])
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_user_change_page_shows_profiles_inline(client, cast, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_user_change", args=[cast["worker"].pk]))
    assert response.status_code == 200
    assert "worker_profile-0-headline" in response.text


def test_user_filters(client, cast, superuser):
    client.force_login(superuser)
    response = client.get(
        reverse("admin:accounts_user_changelist"),
        {"identity_status": "unverified", "active_role": "client"},
    )
    assert response.status_code == 200
    assert "client@cast.test" in response.text
    assert "worker@cast.test" not in response.text


def test_staff_created_user_gets_both_profiles(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Desk@Example.com",
            "display_name": "窓口",
            "active_role": "client",
            "password1": "kumo-to-sakura-42",
            "password2": "kumo-to-sakura-42",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="desk@example.com")
    assert user.check_password("kumo-to-sakura-42")
    assert WorkerProfile.objects.filter(user=user).exists()
    assert ClientProfile.objects.filter(user=user).exists()
    assert AccountEvent.objects.get(user=user, event_type="account_created_by_staff").actor == (
        superuser
    )


def test_audit_log_is_read_only(client, cast):
    client.force_login(cast["staff"])
    event = AccountEvent.objects.first()
    assert client.get(reverse("admin:accounts_accountevent_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_accountevent_change", args=[event.pk]), {"event_type": "forged"}
    )
    assert response.status_code == 403
    assert client.post(
        reverse("admin:accounts_accountevent_delete", args=[event.pk])
    ).status_code == (403)
    event.refresh_from_db()
    assert event.event_type != "forged"


def test_category_filter_by_main_category(client, superuser):
    client.force_login(superuser)
    web = Category.objects.get(slug="web")
    response = client.get(reverse("admin:catalog_category_changelist"), {"main": web.pk})
    assert response.status_code == 200
    assert "ホームページ作成" in response.text
    assert "ロゴ作成" not in response.text
    response = client.get(reverse("admin:catalog_category_changelist"), {"main": "top"})
    assert "ホームページ作成" not in response.text


def test_category_stays_two_levels(client, superuser):
    client.force_login(superuser)
    web = Category.objects.get(slug="web")
    design = Category.objects.get(slug="design")
    response = client.post(
        reverse("admin:catalog_category_change", args=[web.pk]),
        {
            "parent": design.pk,
            "name_ja": web.name_ja,
            "name_en": web.name_en,
            "slug": web.slug,
            "position": web.position,
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    web.refresh_from_db()
    assert web.parent is None
