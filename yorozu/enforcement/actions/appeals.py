"""Appeals: one per restriction decision, decided by someone other than who imposed it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.core.staff import DECIDE_APPEALS, require_staff_permission
from yorozu.enforcement.actions.restrictions import do_lift_restriction
from yorozu.enforcement.models import Appeal, AppealStatus, EnforcementLog, Restriction, Strike
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import apply_verdict, screen

if TYPE_CHECKING:
    from yorozu.accounts.models import User

MAX_APPEAL_LENGTH = 4000


class AppealError(Refused):
    """A refused appeal step; `message` says why."""

    default_code = "appeal_refused"


@transaction.atomic(durable=True)
def do_file_appeal(restriction: Restriction, *, text: str, actor: User) -> Appeal:
    """The restricted user appeals a restriction decision, once."""
    if actor is None or restriction.user_id != actor.pk:
        raise AppealError(gettext_lazy("Only the account concerned can appeal."))
    text = (text or "").strip()
    if not text:
        raise AppealError(gettext_lazy("Please explain why the decision should change."))
    if len(text) > MAX_APPEAL_LENGTH:
        raise AppealError(gettext_lazy("An appeal can be at most 4,000 characters."))
    locked = Restriction.objects.select_for_update().get(pk=restriction.pk)
    if locked.lifted_at is not None:
        raise AppealError(gettext_lazy("This restriction has already been lifted."))
    if Appeal.objects.filter(restriction=locked).exists():
        raise AppealError(gettext_lazy("You have already appealed this decision."))
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(restriction=locked, appellant=actor, text=text)
    except IntegrityError:
        raise AppealError(gettext_lazy("You have already appealed this decision.")) from None
    # The appellant's words go through the screening door (flagged for the reviewer only).
    apply_verdict(screen("appeal", text, author=actor), content=appeal, author=actor, actor=actor)
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.APPEAL_FILED,
        actor=actor,
        subject_user=actor,
        restriction=locked,
        appeal=appeal,
        created_at=appeal.created_at,
    )
    return appeal


def _decided_the_original(restriction: Restriction, actor: User) -> bool:
    """Did `actor` impose this restriction, or decide the case that led to it?"""
    if restriction.imposed_by_id == actor.pk:
        return True
    if restriction.case_id is not None:
        return ModerationCase.objects.filter(pk=restriction.case_id, decided_by=actor).exists()
    return False


@transaction.atomic(durable=True)
def do_decide_appeal(appeal: Appeal, *, upheld: bool, reason: str, actor: User) -> Appeal:
    """Decide an appeal: upheld lifts the restriction (and voids its strikes); either way the
    appellant is told. Refused for the staff member who took the original decision.
    """
    restriction = Restriction.objects.get(pk=appeal.restriction_id)
    require_staff_permission(actor, DECIDE_APPEALS, about=[restriction.user_id])
    reason = (reason or "").strip()
    if not reason:
        raise AppealError(gettext_lazy("A decision on an appeal states its reason."))
    if _decided_the_original(restriction, actor):
        raise AppealError(
            gettext_lazy(
                "An appeal is decided by a different member of the secretariat than the one "
                "who took the decision."
            )
        )
    now = timezone.now()
    status = AppealStatus.UPHELD if upheld else AppealStatus.REJECTED
    decided = Appeal.objects.filter(pk=appeal.pk, status=AppealStatus.PENDING).update(
        status=status, decided_by=actor, decided_at=now, decision_reason=reason
    )
    if not decided:
        raise AppealError(gettext_lazy("This appeal has already been decided."))
    appeal.refresh_from_db()
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.APPEAL_DECIDED,
        actor=actor,
        subject_user_id=restriction.user_id,
        restriction=restriction,
        appeal=appeal,
        data={"upheld": upheld},
        created_at=now,
    )
    if upheld:
        do_lift_restriction(restriction, reason=reason, actor=actor, appeal=appeal)
        if restriction.case_id is not None:
            Strike.objects.filter(case_id=restriction.case_id, expires_at__gt=now).update(
                expires_at=now
            )
    else:
        do_notify(
            restriction.user,
            kind="appeal_decided",
            title=_("Your appeal has been decided: the restriction stays"),
            body=reason,
            url=reverse("enforcement:statement"),
        )
    return appeal
