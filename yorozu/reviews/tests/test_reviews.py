"""Reviews: one per side, only after completion, and the ratings they drive."""

from decimal import Decimal

import pytest
from django.urls import reverse

from yorozu.accounts.models import ClientProfile, WorkerProfile
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.notifications.models import Notification
from yorozu.reviews.actions import ReviewError, do_leave_review
from yorozu.reviews.models import Direction, Review


def stars(overall, rest=4, comment="丁寧に対応していただきました。"):
    return {
        "overall": overall,
        "quality": rest,
        "communication": rest,
        "timeliness": rest,
        "comment": comment,
    }


@pytest.fixture
def completed(cast):
    return ContractFactory(client=cast["client"], worker=cast["worker"], status="completed")


def test_client_review_feeds_worker_rating(completed, client_user, worker_user):
    review = do_leave_review(
        contract=completed, reviewer=client_user, data=stars(5), actor=client_user
    )
    assert (review.reviewee, review.direction) == (worker_user, Direction.CLIENT_TO_WORKER)
    profile = WorkerProfile.objects.get(user=worker_user)
    assert (profile.rating_avg, profile.rating_count) == (Decimal("5.00"), 1)
    assert Notification.objects.filter(user=worker_user, kind="review_received").exists()


def test_worker_review_feeds_client_satisfaction(completed, client_user, worker_user):
    do_leave_review(contract=completed, reviewer=worker_user, data=stars(3), actor=worker_user)
    profile = ClientProfile.objects.get(user=client_user)
    assert (profile.satisfaction_avg, profile.satisfaction_count) == (Decimal("3.00"), 1)
    assert WorkerProfile.objects.get(user=worker_user).rating_count == 0


def test_rating_is_the_average_over_all_reviews(cast):
    for overall in (5, 4, 4):
        contract = ContractFactory(worker=cast["worker"], status="completed")
        do_leave_review(
            contract=contract, reviewer=contract.client, data=stars(overall), actor=contract.client
        )
    profile = WorkerProfile.objects.get(user=cast["worker"])
    assert profile.rating_count == 3
    assert profile.rating_avg == Decimal("4.33")


def test_one_review_per_side(completed, client_user, worker_user):
    do_leave_review(contract=completed, reviewer=client_user, data=stars(5), actor=client_user)
    with pytest.raises(ReviewError):
        do_leave_review(contract=completed, reviewer=client_user, data=stars(1), actor=client_user)
    do_leave_review(contract=completed, reviewer=worker_user, data=stars(4), actor=worker_user)
    assert Review.objects.filter(contract=completed).count() == 2
    assert WorkerProfile.objects.get(user=worker_user).rating_avg == Decimal("5.00")


@pytest.mark.parametrize(
    "status", ["offered", "accepted", "funded", "delivered", "cancelled", "disputed"]
)
def test_no_review_before_completion(status, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status=status)
    with pytest.raises(ReviewError):
        do_leave_review(
            contract=contract, reviewer=cast["client"], data=stars(5), actor=cast["client"]
        )
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_only_parties_review(who, cast, completed):
    with pytest.raises(ReviewError):
        do_leave_review(contract=completed, reviewer=cast[who], data=stars(1), actor=cast[who])
    assert not Review.objects.exists()


def test_cannot_review_on_someone_elses_behalf(cast, completed):
    with pytest.raises(ReviewError):
        do_leave_review(
            contract=completed, reviewer=cast["client"], data=stars(1), actor=cast["outsider"]
        )
    assert not Review.objects.exists()


def test_out_of_range_stars_are_refused(cast, completed):
    with pytest.raises(ReviewError):
        do_leave_review(
            contract=completed, reviewer=cast["client"], data=stars(6), actor=cast["client"]
        )
    assert not Review.objects.exists()


# ---- the page -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["client", "worker", "outsider", "staff"])
def test_review_page_visibility(who, cast, client, completed):
    client.force_login(cast[who])
    response = client.get(reverse("reviews:new", args=[completed.pk]))
    assert response.status_code == (200 if who in {"client", "worker"} else 404)
    if response.status_code == 200:
        assert 'type="radio" name="overall"' in response.text


def test_review_page_post(cast, client, completed):
    client.force_login(cast["client"])
    response = client.post(
        reverse("reviews:new", args=[completed.pk]),
        {"overall": "4", "quality": "5", "communication": "4", "timeliness": "3", "comment": ""},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.overall, review.quality, review.timeliness) == (4, 5, 3)
    # a second visit goes back to the contract
    again = client.get(reverse("reviews:new", args=[completed.pk]))
    assert again.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"overall": "9", "quality": "5", "communication": "4", "timeliness": "3"},
        {"overall": "x", "quality": "5", "communication": "4", "timeliness": "3"},
        {
            "overall": "5",
            "quality": "5",
            "communication": "4",
            "timeliness": "3",
            "comment": "あ" * 3000,
        },
    ],
)
def test_bad_review_form_shows_errors(data, cast, client, completed):
    client.force_login(cast["worker"])
    response = client.post(reverse("reviews:new", args=[completed.pk]), data)
    assert response.status_code == 400
    assert "errorlist" in response.text
    assert not Review.objects.exists()


def test_review_page_before_completion_redirects(cast, client):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], status="delivered")
    client.force_login(cast["client"])
    response = client.post(reverse("reviews:new", args=[contract.pk]), stars(5))
    assert response.status_code == 302
    assert not Review.objects.exists()
