"""Competition entries with files (the files app's attachments), and several entries per worker
when the client allows it.

Files are screened like the entry's text (a LINE QR code, a link off yorozu in what a file
shows); only the client, the entrant and the secretariat download them; once the winner is
picked the client keeps the winning entry's files (the rights transfer records them) and the
other entries' files are their entrants' own again."""

import pytest
from django.urls import reverse

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.files.actions import FileBlocked
from yorozu.files.models import Attachment
from yorozu.files.tests import samples
from yorozu.formats.actions import (
    do_decide_competition,
    do_pick_winner,
    do_post_competition,
    do_submit_entry,
)
from yorozu.formats.actions.common import FormatRefused
from yorozu.formats.actions.deadlines import sweep_format_deadlines
from yorozu.formats.models import Competition, CompetitionEntry
from yorozu.formats.rules import OffPlatformLink
from yorozu.formats.tests.factories import competition_data, posted_competition
from yorozu.formats.tests.test_competitions import past_selection
from yorozu.jobs.models import JobEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachments_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments"), "base_url": "/nowhere/"},
        },
    }


def logo_file(name="ロゴ案.docx"):
    return samples.upload(name, samples.docx(samples.BRIEF_TEXT))


def enter_with_file(competition, worker=None, name="ロゴ案.docx", body="ロゴ案を添付します。"):
    worker = worker or UserFactory(role=Role.WORKER)
    entry = do_submit_entry(
        competition, worker=worker, body=body, files=[logo_file(name)], actor=worker
    )
    return entry, Attachment.objects.get(object_id=entry.pk, name=name)


def download(client, user, attachment):
    client.force_login(user)
    return client.get(reverse("files:download", args=[attachment.pk]))


def test_an_entry_carries_its_files(client_user):
    competition = posted_competition(client_user)
    entry, attachment = enter_with_file(competition)
    assert attachment.owner == entry
    assert attachment.status == "delivered"
    assert attachment.attached_to["url"].endswith(f"#entry-{entry.pk}")


def test_an_entry_may_be_files_alone_but_not_nothing(client_user, worker_user):
    competition = posted_competition(client_user)
    with pytest.raises(FormatRefused):
        do_submit_entry(competition, worker=worker_user, body="  ", actor=worker_user)
    entry, _attachment = enter_with_file(competition, worker_user, body="")
    assert entry.body == ""


# who → may they download a file of an entry to an open competition?
WHILE_OPEN = {"client": True, "entrant": True, "staff": True, "outsider": False, "rival": False}


@pytest.mark.parametrize("who", WHILE_OPEN)
def test_only_the_client_the_entrant_and_staff_download(who, cast, client):
    competition = posted_competition(cast["client"])
    entrant = cast["worker"]
    _entry, attachment = enter_with_file(competition, entrant)
    rival = UserFactory(role=Role.WORKER)
    enter_with_file(competition, rival, name="別案.docx")
    user = {"entrant": entrant, "rival": rival}.get(who) or cast[who]
    before = Attachment.objects.count()
    response = download(client, user, attachment)
    assert response.status_code == (200 if WHILE_OPEN[who] else 404)
    assert Attachment.objects.count() == before


def test_after_the_award_the_client_keeps_only_the_winners_files(client_user, client):
    competition = posted_competition(client_user)
    winner, winner_file = enter_with_file(competition, name="勝ち.docx")
    loser, loser_file = enter_with_file(competition, name="負け.docx")
    do_pick_winner(winner, actor=client_user)
    assert download(client, client_user, winner_file).status_code == 200
    assert download(client, client_user, loser_file).status_code == 404
    # the entrants keep their own files
    assert download(client, loser.worker, loser_file).status_code == 200
    assert download(client, winner.worker, winner_file).status_code == 200
    rights = JobEvent.objects.get(job_id=competition.pk, event_type="rights_transferred")
    assert rights.data["files"] == [winner_file.pk]
    client.force_login(client_user)
    page = client.get(reverse("formats:competition", args=[competition.pk])).content.decode()
    assert "勝ち.docx" in page and "負け.docx" not in page


def test_a_refunded_competition_leaves_the_files_with_their_entrants(
    client_user, staff_user, client
):
    competition = posted_competition(client_user)
    entry, attachment = enter_with_file(competition)
    sweep_format_deadlines(now=past_selection(competition))
    assert download(client, client_user, attachment).status_code == 200  # secretariat deciding
    competition = Competition.objects.select_related("job").get(pk=competition.pk)
    do_decide_competition(competition, outcome="refund", reason="規定により返金", actor=staff_user)
    assert download(client, client_user, attachment).status_code == 404
    assert download(client, entry.worker, attachment).status_code == 200


def test_a_line_qr_code_in_an_entry_file_is_refused_and_nothing_is_stored(client_user):
    competition = posted_competition(client_user)
    worker = UserFactory(role=Role.WORKER)
    with pytest.raises(FileBlocked) as refused:
        do_submit_entry(
            competition,
            worker=worker,
            body="ロゴ案です。",
            files=[samples.upload("友だち追加.png", samples.qr_png(samples.LINE_URL))],
            actor=worker,
        )
    assert refused.value.file_name == "友だち追加.png"
    assert not CompetitionEntry.objects.exists() and not Attachment.objects.exists()


def test_a_link_to_another_site_in_an_entry_file_is_refused(client_user):
    competition = posted_competition(client_user)
    worker = UserFactory(role=Role.WORKER)
    with pytest.raises(OffPlatformLink) as refused:
        do_submit_entry(
            competition,
            worker=worker,
            body="ロゴ案です。",
            files=[
                samples.upload("作品.png", samples.qr_png("https://my-portfolio.example.net/logo"))
            ],
            actor=worker,
        )
    assert "作品.png" in str(refused.value.message)
    assert not CompetitionEntry.objects.exists() and not Attachment.objects.exists()


def test_an_entry_with_a_file_through_the_page(client_user, worker_user, client):
    competition = posted_competition(client_user)
    client.force_login(worker_user)
    url = reverse("formats:competition", args=[competition.pk])
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and "data-upload-progress" in page
    response = client.post(url, {"body": "", "files": [logo_file()]})
    assert response.status_code == 302
    entry = CompetitionEntry.objects.get(worker=worker_user)
    attachment = Attachment.objects.get(object_id=entry.pk)
    mine = client.get(url).content.decode()
    assert reverse("files:download", args=[attachment.pk]) in mine
    client.force_login(client_user)
    theirs = client.get(url).content.decode()
    assert reverse("files:download", args=[attachment.pk]) in theirs


def test_a_refused_file_keeps_the_draft_and_names_the_file(client_user, worker_user, client):
    competition = posted_competition(client_user)
    client.force_login(worker_user)
    url = reverse("formats:competition", args=[competition.pk])
    response = client.post(
        url,
        {
            "body": "温かみのある茶色の案です。",
            "files": [samples.upload("友だち追加.png", samples.qr_png(samples.LINE_URL))],
        },
    )
    page = response.content.decode()
    assert "友だち追加.png" in page and "温かみのある茶色の案です。" in page
    assert not CompetitionEntry.objects.exists()


# ---- several entries per worker ---------------------------------------------------------------


def test_one_entry_per_worker_by_default(client_user, worker_user):
    competition = posted_competition(client_user)
    assert competition.entries_per_worker == 1
    do_submit_entry(competition, worker=worker_user, body="案1", actor=worker_user)
    with pytest.raises(FormatRefused):
        do_submit_entry(competition, worker=worker_user, body="案2", actor=worker_user)


def test_a_client_may_allow_several_entries_per_worker(client_user, worker_user, client):
    competition = posted_competition(client_user, entries_per_worker=2)
    assert competition.entries_per_worker == 2
    client.force_login(worker_user)
    url = reverse("formats:competition", args=[competition.pk])
    assert client.post(url, {"body": "案1: 茶色の丸いロゴ"}).status_code == 302
    page = client.get(url).content.decode()
    assert "案1: 茶色の丸いロゴ" in page and 'name="body"' in page  # room for one more
    assert client.post(url, {"body": "案2: 緑のカップのロゴ"}).status_code == 302
    assert CompetitionEntry.objects.filter(worker=worker_user).count() == 2
    page = client.get(url).content.decode()
    assert 'name="body"' not in page
    with pytest.raises(FormatRefused):
        do_submit_entry(competition, worker=worker_user, body="案3", actor=worker_user)
    assert Competition.objects.get(pk=competition.pk).entry_count == 2


def test_the_setting_is_posted_with_the_competition(client_user):
    job = do_post_competition(
        client=client_user, data=competition_data(entries_per_worker=3), actor=client_user
    )
    assert Competition.objects.get(pk=job.pk).entries_per_worker == 3


def test_the_secretariat_sees_the_entries_files_when_it_decides(client_user, staff_user, client):
    competition = posted_competition(client_user)
    _entry, attachment = enter_with_file(competition)
    sweep_format_deadlines(now=past_selection(competition))
    client.force_login(staff_user)
    page = client.get(reverse("formats:competition_decide", args=[competition.pk]))
    assert reverse("files:download", args=[attachment.pk]) in page.content.decode()
    assert download(client, staff_user, attachment).status_code == 200
