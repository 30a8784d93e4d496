"""Worker cards rendered once per content: the template's HTML, and never stale."""

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import override

from yorozu.accounts.models import WorkerProfile
from yorozu.workers.templatetags.worker_cards import worker_cards
from yorozu.workers.tests.helpers import born_aged, make_worker

URL = "/workers/"


def profiles_on_page(client) -> list:
    return list(client.get(URL).context["profiles"])


def test_cards_are_the_templates_html_cold_and_warm(client, cast):
    make_worker(
        "ロゴのミオ",
        headline="ロゴ制作",
        completed={"design-logo": 3},
        rating_avg="4.50",
        rating_count=2,
        completed_count=3,
        show_gender=True,
        gender="female",
        show_age=True,
        birth_date=born_aged(34),
        skills="Illustrator, Photoshop",
    )
    make_worker("スカウト不可", accepts_scouts=False)
    client.force_login(cast["client"])
    for language in ("ja", "en"):
        with override(language):
            profiles = profiles_on_page(client)
            assert len(profiles) >= 2
            plain = "".join(
                render_to_string("workers/worker_card.html", {"profile": p}) for p in profiles
            )
            caches["fragments"].clear()
            assert worker_cards(profiles) == plain  # rendered and stored
            assert worker_cards(profiles) == plain  # from the cache


def test_a_changed_profile_is_never_served_from_a_stored_card(client, cast):
    worker = make_worker("変わる人", headline="最初の見出し")
    client.force_login(cast["client"])
    assert "最初の見出し" in client.get(URL).text
    WorkerProfile.objects.filter(user=worker).update(headline="新しい見出し", accepts_scouts=False)
    page = client.get(URL).text
    assert "新しい見出し" in page and "最初の見出し" not in page
    assert "このワーカーは現在スカウトを受け付けていません。" in page
