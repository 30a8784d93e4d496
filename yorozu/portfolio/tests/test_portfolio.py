"""A worker's portfolio: works with a title, description, category, link and pictures or files
(through the files app), shown on the worker profile in the worker's order; add, edit, reorder
and delete by the worker only; text screened as profile text and pictures as a message before
escrow (a LINE QR code or a LINE ID in a picture is refused, the draft kept); capped."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from yorozu.accounts.actions import do_delete_account
from yorozu.catalog.models import Category
from yorozu.files.actions import FileBlocked
from yorozu.files.models import Attachment
from yorozu.files.tests import samples
from yorozu.portfolio.actions import (
    PortfolioRefused,
    do_add_work,
    do_delete_work,
    do_edit_work,
    do_move_work,
)
from yorozu.portfolio.models import PortfolioWork
from yorozu.trust.models import ScreeningRecord
from yorozu.trust.screening import Blocked

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachments_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments")},
        },
    }


def picture(name="logo.png"):
    return samples.upload(name, samples.blank_png(400, 300))


def add(worker, title="カフェのロゴ", **kwargs):
    return do_add_work(worker, title=title, actor=worker, **kwargs)


def test_a_work_with_pictures_is_shown_on_the_profile(client, worker_user, client_user):
    logo = Category.objects.get(slug="design-logo")
    work = add(
        worker_user,
        description="京都のカフェのロゴと看板を制作しました。",
        category=logo,
        link="https://cafe.example.jp/",
        files=[picture(), samples.upload("brief.pdf", samples.pdf(samples.BRIEF_TEXT))],
    )
    assert Attachment.objects.filter(object_id=work.pk).count() == 2
    client.force_login(client_user)
    page = client.get(reverse("workers:profile", args=[worker_user.pk])).text
    assert "カフェのロゴ" in page and "京都のカフェ" in page and logo.name in page
    assert "https://cafe.example.jp/" in page
    image = Attachment.objects.filter(object_id=work.pk, media_type="image/png").get()
    assert reverse("files:download", args=[image.pk]) in page
    assert client.get(reverse("files:download", args=[image.pk])).status_code == 200


def test_anonymous_visitors_see_the_works_but_not_the_files(client, worker_user):
    work = add(worker_user, files=[picture()])
    page = client.get(reverse("workers:profile", args=[worker_user.pk])).text
    assert "カフェのロゴ" in page and "ログインすると見られます" in page
    image = Attachment.objects.get(object_id=work.pk)
    assert reverse("files:download", args=[image.pk]) not in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "ご依頼はLINEでどうぞ！ID: design_taro88"),
        ("link", "https://line.me/ti/p/abcDEF123"),
        ("title", "taro.yamada@gmail.com まで"),
    ],
)
def test_contact_details_in_a_work_are_refused(worker_user, field, value):
    with pytest.raises(Blocked) as refused:
        add(worker_user, **{"title": "ロゴ", field: value})
    assert refused.value.shown()["messages"]
    assert not PortfolioWork.objects.exists()
    assert ScreeningRecord.objects.get().kind == "profile"


@pytest.mark.parametrize(
    "image",
    [
        lambda: samples.qr_png(samples.LINE_URL),
        lambda: samples.text_png("作品のご相談は LINE ID: design_taro88 まで"),
    ],
    ids=["line-qr", "line-id"],
)
def test_a_picture_with_contact_details_is_refused_like_in_a_message(worker_user, image):
    with pytest.raises(FileBlocked) as refused:
        add(worker_user, files=[samples.upload("作品.png", image())])
    assert refused.value.file_name == "作品.png"
    assert any(s.reasons for s in refused.value.shown()["segments"])
    assert not PortfolioWork.objects.exists() and not Attachment.objects.exists()


def test_the_form_keeps_the_draft_and_marks_what_the_picture_gave_away(client, worker_user):
    client.force_login(worker_user)
    response = client.post(
        reverse("portfolio:add"),
        {
            "title": "ショップカード",
            "description": "両面カラーのショップカード",
            "files": [samples.upload("card.png", samples.qr_png(samples.LINE_URL))],
        },
    )
    assert response.status_code == 400
    assert "data-refused" in response.text and "<mark" in response.text
    assert "line.me" in response.text
    assert 'value="ショップカード"' in response.text  # the draft kept
    assert not PortfolioWork.objects.exists()


def test_pages_add_edit_reorder_and_delete(client, worker_user):
    client.force_login(worker_user)
    assert client.get(reverse("portfolio:mine")).status_code == 200
    for title in ("一つ目", "二つ目"):
        response = client.post(reverse("portfolio:add"), {"title": title, "files": [picture()]})
        assert response.status_code == 302
    first, second = PortfolioWork.objects.order_by("position")
    client.post(reverse("portfolio:move", args=[second.pk]), {"direction": "up"})
    assert list(PortfolioWork.objects.values_list("title", flat=True)) == ["二つ目", "一つ目"]
    file_id = Attachment.objects.filter(object_id=first.pk).get().pk
    response = client.post(
        reverse("portfolio:edit", args=[first.pk]),
        {"title": "一つ目（改）", "remove_file": [str(file_id)]},
    )
    assert response.status_code == 302
    assert PortfolioWork.objects.get(pk=first.pk).title == "一つ目（改）"
    assert not Attachment.objects.filter(pk=file_id).exists()
    client.post(reverse("portfolio:delete", args=[second.pk]))
    assert not PortfolioWork.objects.filter(pk=second.pk).exists()
    assert not Attachment.objects.filter(object_id=second.pk).exists()


def test_only_the_worker_changes_their_portfolio(client, worker_user, outsider):
    work = add(worker_user)
    client.force_login(outsider)
    for name in ("edit", "delete", "move"):
        response = client.post(reverse(f"portfolio:{name}", args=[work.pk]), {"title": "乗っ取り"})
        assert response.status_code == 404
    assert PortfolioWork.objects.get(pk=work.pk).title == "カフェのロゴ"
    with pytest.raises(PermissionDenied):
        do_edit_work(work, title="x", actor=outsider)
    with pytest.raises(PermissionDenied):
        do_delete_work(work, actor=outsider)
    with pytest.raises(PermissionDenied):
        do_move_work(work, -1, actor=outsider)


def test_a_portfolio_is_capped(settings, worker_user):
    settings.PORTFOLIO_MAX_WORKS = 2
    settings.PORTFOLIO_MAX_FILES_PER_WORK = 1
    add(worker_user)
    with pytest.raises(PortfolioRefused):
        add(worker_user, files=[picture(), picture("b.png")])
    add(worker_user)
    with pytest.raises(PortfolioRefused):
        add(worker_user)


def test_the_profile_with_works_has_a_bounded_query_count(
    client, worker_user, client_user, django_assert_max_num_queries
):
    for i in range(5):
        add(worker_user, title=f"作品{i}", files=[picture()])
    client.force_login(client_user)
    client.get(reverse("workers:profile", args=[worker_user.pk]))
    with django_assert_max_num_queries(11 + 5):  # the page's budget, and a report link each
        client.get(reverse("workers:profile", args=[worker_user.pk]))


def test_a_deleted_account_takes_its_portfolio_with_it(worker_user):
    add(worker_user, files=[picture()])
    do_delete_account(worker_user, actor=worker_user)
    assert not PortfolioWork.objects.exists() and not Attachment.objects.exists()
