"""The reads other apps use accept `request.user` as the auth middleware gives it: a
SimpleLazyObject around the User (or around AnonymousUser), not the User itself."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from yorozu.accounts.models import User
from yorozu.certification.actions import do_evaluate_certifications
from yorozu.certification.selectors import (
    cached_certified,
    certification_of,
    is_certified_client,
)
from yorozu.certification.tests import builders as b
from yorozu.certification.tests.builders import NOW


def lazy(factory) -> SimpleLazyObject:
    """What `AuthenticationMiddleware` puts on `request.user`."""
    return SimpleLazyObject(factory)


@pytest.fixture
def owner(db):
    owner = b.certified_client()
    do_evaluate_certifications(now=NOW)
    return owner


def test_is_certified_client_accepts_a_lazy_request_user(owner, django_assert_num_queries):
    user = lazy(lambda: User.objects.get(pk=owner.pk))
    assert isinstance(user, SimpleLazyObject)
    with django_assert_num_queries(2):  # the user (unwrapping), then their status
        assert is_certified_client(user) is True
    assert certification_of(user).client_id == owner.pk


def test_a_lazy_uncertified_client_is_not_certified(owner, worker_user):
    assert is_certified_client(lazy(lambda: User.objects.get(pk=worker_user.pk))) is False
    uncertified = b.client(verified=False)
    do_evaluate_certifications(now=NOW)
    assert is_certified_client(lazy(lambda: User.objects.get(pk=uncertified.pk))) is False


def test_a_lazy_anonymous_user_is_not_certified(db):
    user = lazy(AnonymousUser)
    assert is_certified_client(user) is False
    assert certification_of(user) is None
    assert cached_certified(user) is False


def test_a_lazy_user_with_the_joined_status_costs_no_query(owner, django_assert_num_queries):
    user = lazy(lambda: User.objects.select_related("certification").get(pk=owner.pk))
    assert user.pk == owner.pk  # unwrap (one query) before counting
    with django_assert_num_queries(0):
        assert cached_certified(user) is True
        assert is_certified_client(user) is True
