"""Opening, claiming and deciding moderation cases. Every step writes a CaseEvent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from yorozu.core.errors import Refused
from yorozu.core.staff import RESTRICT, REVIEW, require_staff_permission
from yorozu.moderation.models import (
    CaseDecision,
    CaseEvent,
    CaseQueue,
    CaseStatus,
    ModerationCase,
)
from yorozu.moderation.registry import standing_changed

if TYPE_CHECKING:
    from yorozu.accounts.models import User


class CaseError(Refused):
    """A refused step (already claimed by someone else, already decided, ...)."""

    default_code = "case_refused"
    status = 409


@transaction.atomic
def do_open_case(
    *,
    queue: str,
    content_object,
    subject_user,
    reason_code: str,
    assessment: dict | None = None,
    priority: int = 0,
    actor: User | None = None,
) -> ModerationCase:
    """Open a case for a piece of content, or merge into the live one for it.

    One undecided case per (queue, content) keeps the queue free of duplicates: a second signal
    (another report, a rescan) raises the existing case's priority and adds an event instead.
    """
    if queue not in CaseQueue.values:
        raise ValueError(f"unknown queue {queue!r}")
    ct = ContentType.objects.get_for_model(content_object)
    live = (
        ModerationCase.objects.select_for_update()
        .filter(queue=queue, content_type=ct, object_id=content_object.pk)
        .exclude(status=CaseStatus.DECIDED)
        .first()
    )
    if live is None:
        try:
            with transaction.atomic():
                case = ModerationCase.objects.create(
                    queue=queue,
                    content_type=ct,
                    object_id=content_object.pk,
                    subject_user=subject_user,
                    reason_code=reason_code,
                    assessment=assessment or {},
                    priority=priority,
                )
        except IntegrityError:  # a concurrent opener won: merge into theirs
            live = (
                ModerationCase.objects.select_for_update()
                .filter(queue=queue, content_type=ct, object_id=content_object.pk)
                .exclude(status=CaseStatus.DECIDED)
                .get()
            )
        else:
            CaseEvent.objects.create(
                case=case, actor=actor, event_type="opened", data={"reason_code": reason_code}
            )
            return case
    if priority > live.priority:
        live.priority = priority
        live.save(update_fields=["priority"])
    CaseEvent.objects.create(
        case=live,
        actor=actor,
        event_type="merged",
        data={"reason_code": reason_code, "priority": priority},
    )
    return live


@transaction.atomic(durable=True)
def do_claim_case(case: ModerationCase, *, actor: User) -> ModerationCase:
    """Claim an open case for `actor`; a conditional UPDATE so two reviewers never both win."""
    require_staff_permission(actor, REVIEW, about=[case.subject_user_id])
    now = timezone.now()
    updated = ModerationCase.objects.filter(pk=case.pk, status=CaseStatus.OPEN).update(
        status=CaseStatus.CLAIMED, claimed_by=actor, claimed_at=now
    )
    case.refresh_from_db()
    if not updated:
        if case.status == CaseStatus.CLAIMED and case.claimed_by_id == actor.pk:
            return case
        raise CaseError("This case has already been claimed or decided.")
    CaseEvent.objects.create(case=case, actor=actor, event_type="claimed")
    return case


@transaction.atomic
def do_record_case_decision(
    case: ModerationCase, *, decision: str, reason: str = "", actor: User
) -> ModerationCase:
    """Record the decision on a case (the caller applies its effect in the same transaction).

    Only an open case or one claimed by `actor` can be decided, and only once. A confirmed
    violation (anything but approve) changes the subject's standing at once: whatever derives
    from it (the certified-client badge) is re-evaluated.
    """
    require_staff_permission(actor, REVIEW, about=[case.subject_user_id])
    if decision == CaseDecision.REJECT_AND_RESTRICT:
        require_staff_permission(actor, RESTRICT)
    locked = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if locked.status == CaseStatus.DECIDED:
        raise CaseError("This case has already been decided.")
    if locked.status == CaseStatus.CLAIMED and locked.claimed_by_id != actor.pk:
        raise CaseError("Another reviewer has claimed this case.")
    locked.status = CaseStatus.DECIDED
    locked.decision = decision
    locked.decision_reason = reason
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decision", "decision_reason", "decided_by", "decided_at"])
    CaseEvent.objects.create(
        case=locked, actor=actor, event_type="decided", data={"decision": decision}
    )
    if decision != CaseDecision.APPROVE:
        standing_changed(locked.subject_user_id)
    return locked
