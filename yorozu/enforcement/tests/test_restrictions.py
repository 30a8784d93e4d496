"""Imposing and lifting restrictions, and the one-place effect checks in selectors."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from yorozu.contracts.models import ContractStatus
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.enforcement.actions import RestrictionError, do_lift_restriction, do_restrict_account
from yorozu.enforcement.models import EnforcementLog, Restriction
from yorozu.enforcement.selectors import (
    active_restrictions,
    can_use,
    hidden_user_ids,
    is_suspended,
)
from yorozu.notifications.models import Notification

EFFECTS = [
    # level, features, (message, post, scout), suspended
    ("warning", (), (True, True, True), False),
    ("limited", ("message",), (False, True, True), False),
    ("limited", ("post", "scout"), (True, False, False), False),
    ("suspended", (), (False, False, False), True),
    ("permanent", (), (False, False, False), True),
]


@pytest.mark.parametrize(("level", "features", "allowed", "suspended"), EFFECTS)
def test_each_level_has_its_effect(cast, level, features, allowed, suspended):
    client = cast["client"]
    assert all(can_use(client, f) for f in ("message", "post", "scout"))
    do_restrict_account(
        client, level=level, features=features, reason="規約違反", actor=cast["staff"]
    )
    assert tuple(can_use(client, f) for f in ("message", "post", "scout")) == allowed
    assert is_suspended(client) is suspended
    # Nobody else is touched.
    assert all(can_use(cast["worker"], f) for f in ("message", "post", "scout"))
    assert not is_suspended(cast["worker"])


def test_restriction_writes_log_and_tells_the_user(cast):
    r = do_restrict_account(
        cast["client"],
        level="suspended",
        reason="外部への誘導",
        rule_code="prohibited-off-platform",
        until=timezone.now() + datetime.timedelta(days=30),
        actor=cast["staff"],
    )
    log = EnforcementLog.objects.get(event_type="restricted")
    assert (log.restriction, log.subject_user, log.actor) == (r, cast["client"], cast["staff"])
    assert Notification.objects.filter(user=cast["client"], kind="restriction_imposed").exists()


@pytest.mark.parametrize("who", ["client", "worker", "outsider"])
def test_only_staff_restrict(cast, who):
    with pytest.raises(PermissionDenied):
        do_restrict_account(cast["client"], level="permanent", reason="x", actor=cast[who])
    assert not Restriction.objects.exists()
    assert not EnforcementLog.objects.exists()


@pytest.mark.parametrize(
    ("level", "features", "until"),
    [
        ("limited", (), None),
        ("limited", ("fly",), None),
        ("nonsense", (), None),
        ("suspended", (), timezone.now() - datetime.timedelta(days=1)),
    ],
)
def test_invalid_restrictions_are_refused(cast, level, features, until):
    with pytest.raises(RestrictionError):
        do_restrict_account(
            cast["client"],
            level=level,
            features=features,
            until=until,
            reason="x",
            actor=cast["staff"],
        )
    assert not Restriction.objects.exists()


def test_a_suspension_ends_by_itself(cast):
    r = do_restrict_account(
        cast["client"],
        level="suspended",
        reason="x",
        until=timezone.now() + datetime.timedelta(days=1),
        actor=cast["staff"],
    )
    Restriction.objects.filter(pk=r.pk).update(ends_at=timezone.now())
    assert not active_restrictions(cast["client"]).exists()
    assert not is_suspended(cast["client"])


def test_lifting_needs_a_reason_and_staff_and_writes_once(cast):
    r = do_restrict_account(cast["client"], level="permanent", reason="x", actor=cast["staff"])
    with pytest.raises(RestrictionError):
        do_lift_restriction(r, reason=" ", actor=cast["staff"])
    with pytest.raises(PermissionDenied):
        do_lift_restriction(r, reason="誤り", actor=cast["client"])
    assert is_suspended(cast["client"])
    assert do_lift_restriction(r, reason="誤判定のため", actor=cast["staff"]) is True
    assert do_lift_restriction(r, reason="誤判定のため", actor=cast["staff"]) is False
    assert not is_suspended(cast["client"])
    assert EnforcementLog.objects.filter(event_type="lifted").count() == 1


def test_hidden_user_ids(cast):
    staff = cast["staff"]
    do_restrict_account(cast["client"], level="limited", features=["post"], reason="x", actor=staff)
    do_restrict_account(cast["worker"], level="suspended", reason="x", actor=staff)
    assert set(hidden_user_ids()) == {cast["worker"].pk}
    assert set(hidden_user_ids(hide_for=("post",))) == {cast["worker"].pk, cast["client"].pk}


def test_counterparties_are_told_what_happens_next_not_why(cast):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], status=ContractStatus.FUNDED
    )
    do_restrict_account(
        cast["client"], level="permanent", reason="MLMの勧誘（秘密）", actor=cast["staff"]
    )
    note = Notification.objects.get(user=cast["worker"], kind="contract_counterparty_restricted")
    assert contract.title in note.title
    assert "MLM" not in note.title + note.body
    assert not Notification.objects.filter(
        user=cast["outsider"], kind="contract_counterparty_restricted"
    ).exists()


def test_the_enforcement_log_is_append_only(cast):
    do_restrict_account(cast["client"], level="warning", reason="x", actor=cast["staff"])
    log = EnforcementLog.objects.get()
    with pytest.raises(PermissionError):
        log.save()
    with pytest.raises(PermissionError):
        EnforcementLog.objects.all().delete()
    with pytest.raises(PermissionError):
        EnforcementLog.objects.update(data={})
