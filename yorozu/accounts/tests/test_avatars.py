"""Avatars: an upload is squared and re-encoded without metadata, screened as profile text (a
LINE QR code or an address in the picture is refused, the current avatar kept), stored through
the storage API and served publicly under a name that changes with every upload; an unreadable
one is held for the secretariat. Without one, a generated default (initial, colour from the id)."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from yorozu.accounts.avatars import (
    AvatarBlocked,
    AvatarRefused,
    avatar_storage,
    default_colour,
    default_svg,
    do_approve_avatar,
    do_remove_avatar,
    do_upload_avatar,
)
from yorozu.accounts.models import Avatar, User
from yorozu.contracts.tests.factories import ProposalFactory
from yorozu.files import extraction
from yorozu.files.tests import samples
from yorozu.jobs.tests.factories import JobFactory
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.trust.models import ScreeningRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def avatars_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "avatars": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "avatars")},
        },
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments")},
        },
    }
    return tmp_path / "avatars"


def square_text_png(*lines: str) -> bytes:
    """Text on a square picture (an avatar is cropped to its centre square)."""
    from PIL import ImageDraw

    image = Image.new("RGB", (720, 720), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((30, 300 + i * 70), line, font=samples.font(34), fill="black")
    return samples.png(image)


def photo(width=640, height=480):
    return samples.upload("me.jpg", samples.photo_jpeg(width, height))


def stored_image(user) -> Image.Image:
    with avatar_storage().open(user.avatar, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_an_upload_is_cropped_square_and_loses_its_metadata(settings, worker_user):
    settings.AVATAR_SIZE = 200
    avatar = do_upload_avatar(worker_user, photo(), actor=worker_user)
    assert avatar.status == "live"
    worker_user.refresh_from_db()
    assert worker_user.avatar == avatar.stored_name
    image = stored_image(worker_user)
    assert image.size == (200, 200)
    assert not image.getexif()  # the GPS position and the camera are gone
    assert "exif" not in image.info


def test_a_new_upload_replaces_the_old_one_and_its_bytes(
    worker_user, django_capture_on_commit_callbacks
):
    first = do_upload_avatar(worker_user, photo(), actor=worker_user)
    with django_capture_on_commit_callbacks(execute=True):
        second = do_upload_avatar(worker_user, photo(300, 500), actor=worker_user)
    first.refresh_from_db()
    assert first.status == "replaced"
    assert not avatar_storage().exists(first.stored_name)
    assert User.objects.get(pk=worker_user.pk).avatar == second.stored_name


@pytest.mark.parametrize(
    ("name", "data", "limit"),
    [
        ("notes.txt", "テキストです".encode(), None),
        ("big.jpg", samples.photo_jpeg(), "AVATAR_MAX_BYTES"),
        ("tiny.png", samples.blank_png(20, 20), None),
        ("broken.png", samples.blank_png()[:60], None),
    ],
)
def test_what_cannot_be_an_avatar_is_refused(settings, worker_user, name, data, limit):
    if limit:
        setattr(settings, limit, 1000)
    with pytest.raises(AvatarRefused):
        do_upload_avatar(worker_user, samples.upload(name, data), actor=worker_user)
    assert not Avatar.objects.exists()
    assert User.objects.get(pk=worker_user.pk).avatar == ""


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (lambda: samples.qr_png(samples.LINE_URL), "contact.chat_link"),
        (lambda: square_text_png("LINE ID: design_taro88"), "contact.handle"),
        (lambda: square_text_png("taro.yamada@gmail.com"), "contact.email"),
    ],
    ids=["line-qr", "line-id", "email"],
)
def test_contact_details_in_an_avatar_are_refused_like_in_a_bio(worker_user, data, code):
    current = do_upload_avatar(worker_user, photo(), actor=worker_user)
    with pytest.raises(AvatarBlocked) as refused:
        do_upload_avatar(worker_user, samples.upload("me.png", data()), actor=worker_user)
    if code:
        assert code in {r["code"] for r in refused.value.reasons}
    shown = refused.value.shown()
    assert shown["messages"] and any(s.reasons for s in shown["segments"])  # flagged part
    assert User.objects.get(pk=worker_user.pk).avatar == current.stored_name  # kept
    assert Avatar.objects.count() == 1
    record = ScreeningRecord.objects.get(verdict="block")
    assert (record.kind, record.author) == ("profile", worker_user)


def test_an_avatar_the_reader_could_not_read_is_held_for_the_secretariat(
    monkeypatch, client, worker_user, staff_user
):
    def broken(data):
        raise FileNotFoundError("tesseract")

    monkeypatch.setattr(extraction, "ocr", broken)
    avatar = do_upload_avatar(worker_user, photo(), actor=worker_user)
    assert avatar.status == "held"
    assert User.objects.get(pk=worker_user.pk).avatar == ""  # the default meanwhile
    case = ModerationCase.objects.get(object_id=avatar.pk, queue="accounts")
    client.force_login(staff_user)
    page = client.get(reverse("console:case", args=[case.pk])).text
    assert "data-avatar-case" in page
    assert client.get(reverse("accounts:avatar_file", args=[avatar.pk])).status_code == 200
    client.post(reverse("console:claim", args=[case.pk]))
    client.post(reverse("console:decide", args=[case.pk]), {"decision": "approve", "reason": ""})
    avatar.refresh_from_db()
    assert avatar.status == "live"
    assert User.objects.get(pk=worker_user.pk).avatar == avatar.stored_name
    assert Notification.objects.filter(user=worker_user, kind="avatar_approved").exists()


def test_the_live_avatar_is_public_and_cached_an_old_name_is_not(client, worker_user):
    first = do_upload_avatar(worker_user, photo(), actor=worker_user)
    worker_user.refresh_from_db()
    url = reverse("accounts:avatar", args=[worker_user.pk, first.stored_name.rsplit("/", 1)[1]])
    response = client.get(url)  # anonymous: as public as the profile
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    do_upload_avatar(worker_user, photo(), actor=worker_user)
    assert client.get(url).status_code == 404
    client.force_login(worker_user)
    assert client.get(reverse("accounts:avatar_file", args=[first.pk])).status_code == 404


def test_removing_goes_back_to_the_default(worker_user, django_capture_on_commit_callbacks):
    avatar = do_upload_avatar(worker_user, photo(), actor=worker_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert do_remove_avatar(worker_user, actor=worker_user)
    assert User.objects.get(pk=worker_user.pk).avatar == ""
    assert not avatar_storage().exists(avatar.stored_name)
    assert not do_remove_avatar(worker_user, actor=worker_user)


def test_only_the_owner_changes_an_avatar(outsider, worker_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_upload_avatar(worker_user, photo(), actor=outsider)


def test_the_default_is_the_initial_on_a_colour_from_the_id(worker_user):
    svg = str(default_svg(worker_user, 40))
    assert "<svg" in svg and ">ワ</text>" in svg
    assert default_colour(worker_user.pk) in svg
    assert default_colour(1) != default_colour(2)
    worker_user.display_name = "<b>x"
    assert "<b>" not in str(default_svg(worker_user, 40))  # escaped


def test_the_settings_page_uploads_and_shows_a_refusal_with_the_flagged_part(client, worker_user):
    client.force_login(worker_user)
    page = client.get(reverse("accounts:settings")).text
    assert 'id="avatar-section"' in page and "avatar-default" in page
    response = client.post(reverse("accounts:avatar_upload"), {"picture": photo()})
    assert response.status_code == 302
    worker_user.refresh_from_db()
    assert worker_user.avatar
    refused = client.post(
        reverse("accounts:avatar_upload"),
        {"picture": samples.upload("me.png", square_text_png("LINE ID: design_taro88"))},
    )
    assert refused.status_code == 400
    assert "data-refused" in refused.text and "<mark" in refused.text
    assert User.objects.get(pk=worker_user.pk).avatar == worker_user.avatar


def test_avatars_show_wherever_a_person_is_shown(client, client_user, worker_user):
    do_upload_avatar(worker_user, photo(), actor=worker_user)
    worker_user.refresh_from_db()
    client.force_login(worker_user)
    url = reverse("accounts:avatar", args=[worker_user.pk, worker_user.avatar.rsplit("/", 1)[1]])
    assert url in client.get(reverse("workers:profile", args=[worker_user.pk])).text
    assert url in client.get(reverse("home:home")).text  # the header
    page = client.get(reverse("accounts:client_profile", args=[client_user.pk])).text
    assert "avatar-default" in page  # the client has none: the generated default
    proposal = ProposalFactory(worker=worker_user, job=JobFactory(client=client_user))
    thread = ThreadFactory(client=client_user, worker=worker_user, job=proposal.job)
    client.force_login(client_user)
    for page_url in (
        reverse("contracts:job_proposals", args=[proposal.job_id]),  # the proposals list
        reverse("messaging:thread", args=[thread.pk]),  # the message thread
        reverse("workers:search"),  # the search cards
    ):
        assert url in client.get(page_url).text, page_url


def test_a_newer_upload_replaces_one_still_under_review(monkeypatch, worker_user, staff_user):
    def broken(data):
        raise FileNotFoundError("tesseract")

    with monkeypatch.context() as patched:
        patched.setattr(extraction, "ocr", broken)
        held = do_upload_avatar(worker_user, photo(), actor=worker_user)
    assert held.status == "held"
    live = do_upload_avatar(worker_user, photo(), actor=worker_user)
    held.refresh_from_db()
    assert (held.status, live.status) == ("replaced", "live")
    assert not do_approve_avatar(held, actor=staff_user)  # too late: the newer one stays
    assert User.objects.get(pk=worker_user.pk).avatar == live.stored_name
