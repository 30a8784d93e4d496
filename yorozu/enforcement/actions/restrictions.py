"""Imposing and lifting usage restrictions. Each is atomic and writes its EnforcementLog row.

`do_restrict_account` is what the console's "reject and restrict the account" calls; the effect
of a restriction is read in `enforcement.selectors` (`can_use`, `is_suspended`,
`visible_users_q`) and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.core.staff import RESTRICT, require_staff_permission
from yorozu.enforcement.effects import account_restricted
from yorozu.enforcement.models import (
    EnforcementLog,
    Feature,
    Restriction,
    RestrictionLevel,
)
from yorozu.moderation.registry import standing_changed
from yorozu.notifications.actions import do_notify

if TYPE_CHECKING:
    from yorozu.accounts.models import User


class RestrictionError(Refused):
    """A refused restriction step (invalid level or features, already lifted, ...)."""

    default_code = "restriction_refused"


def describe_content(obj) -> str:
    """A short description of a piece of content for the statement of reasons."""
    if obj is None:
        return ""
    label = obj._meta.verbose_name
    text = str(getattr(obj, "title", "") or getattr(obj, "body", "") or obj)
    return f"{label} #{obj.pk}: {text}"[:200]


@transaction.atomic
def do_restrict_account(
    user,
    *,
    level: str,
    features: Iterable[str] = (),
    reason: str,
    rule_code: str = "",
    case=None,
    until: datetime.datetime | None = None,
    content_label: str = "",
    actor: User,
) -> Restriction:
    """Restrict `user`'s account and tell them (and, without the why, their counterparties).

    Levels: "warning" (no effect but on the record), "limited" (withdraws the given features:
    any of "message", "post", "scout"), "suspended" (until `until` or until lifted), "permanent"
    (the default for malicious accounts: no end date).
    """
    require_staff_permission(actor, RESTRICT, about=[user])
    if level not in RestrictionLevel.values:
        raise RestrictionError(f"unknown level {level!r}")
    features = sorted(set(features))
    if any(f not in Feature.values for f in features):
        raise RestrictionError(f"unknown features {features!r}")
    if level == RestrictionLevel.LIMITED and not features:
        raise RestrictionError("a feature limit names at least one feature")
    if level != RestrictionLevel.LIMITED:
        features = []
    now = timezone.now()
    if level == RestrictionLevel.PERMANENT:
        until = None
    if until is not None and until <= now:
        raise RestrictionError("a restriction ends in the future")
    if not (reason or "").strip():
        raise RestrictionError("a restriction states its reason")
    if not content_label and case is not None:
        content_label = describe_content(case.content_object)
    restriction = Restriction.objects.create(
        user=user,
        level=level,
        no_message=Feature.MESSAGE in features,
        no_post=Feature.POST in features,
        no_scout=Feature.SCOUT in features,
        reason=reason.strip(),
        rule_code=rule_code,
        content_label=content_label,
        case=case,
        starts_at=now,
        ends_at=until,
        imposed_by=actor,
    )
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.RESTRICTED,
        actor=actor,
        subject_user=user,
        restriction=restriction,
        case=case,
        data={
            "level": level,
            "features": features,
            "rule_code": rule_code,
            "until": until.isoformat() if until else None,
        },
        created_at=now,
    )
    statement = reverse("enforcement:statement")
    if level == RestrictionLevel.WARNING:
        title = _("You have received a warning from the secretariat")
    else:
        title = _("A usage restriction has been placed on your account")
    do_notify(
        user,
        kind="restriction_imposed",
        title=title,
        body=_("See the statement of reasons for the rule, the content and how to appeal."),
        url=statement,
    )
    account_restricted(user, level=level, features=features)
    standing_changed(user.pk)  # a restriction ends certification at once
    return restriction


@transaction.atomic
def do_lift_restriction(restriction: Restriction, *, reason: str, actor: User, appeal=None) -> bool:
    """Lift a restriction with a recorded reason; True if this call lifted it.

    Only staff lift, and only with a reason (or through an upheld appeal, which passes itself).
    A conditional UPDATE, so lifting twice writes once.
    """
    if appeal is None:  # an upheld appeal was already checked by do_decide_appeal
        require_staff_permission(actor, RESTRICT, about=[restriction.user_id])
    if not (reason or "").strip():
        raise RestrictionError("lifting a restriction records why")
    now = timezone.now()
    lifted = Restriction.objects.filter(pk=restriction.pk, lifted_at__isnull=True).update(
        lifted_at=now, lifted_by=actor, lift_reason=reason.strip()
    )
    if not lifted:
        return False
    restriction.refresh_from_db()
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.LIFTED,
        actor=actor,
        subject_user_id=restriction.user_id,
        restriction=restriction,
        appeal=appeal,
        data={"by_appeal": appeal is not None},
        created_at=now,
    )
    do_notify(
        restriction.user,
        kind="restriction_lifted",
        title=_("A usage restriction on your account has been lifted"),
        body=reason.strip(),
        url=reverse("enforcement:statement"),
    )
    standing_changed(restriction.user_id)
    return True
