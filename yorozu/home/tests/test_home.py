from django.urls import reverse

from yorozu.jobs.tests.factories import JobFactory


def test_home_lists_latest_jobs_in_japanese(client, db):
    JobFactory(title="ロゴ作成のお願い")
    response = client.get(reverse("home:home"))
    assert response.status_code == 200
    assert "ロゴ作成のお願い" in response.text
    assert 'lang="ja"' in response.text
    assert "仕事を探す" in response.text  # the ja catalogue is in use


def test_language_switch_serves_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert 'lang="en"' in response.text
    assert "Find jobs" in response.text


def test_role_switch_changes_active_role(client, client_user):
    client.force_login(client_user)
    response = client.post(reverse("home:switch_role"), {"role": "worker", "next": "/jobs/"})
    assert response.status_code == 302
    assert response["Location"] == "/jobs/"
    client_user.refresh_from_db()
    assert client_user.active_role == "worker"


def test_role_switch_ignores_unknown_role_and_offsite_next(client, client_user):
    client.force_login(client_user)
    response = client.post(
        reverse("home:switch_role"), {"role": "admin", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    client_user.refresh_from_db()
    assert client_user.active_role == "client"
