"""Opening, claiming and deciding moderation cases. Every step writes a CaseEvent."""

from __future__ import annotations

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
    actor=None,
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
            if ct.model != "job":  # postings index their tokens when screened
                _index_tokens(content_object, subject_user)
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


def _index_tokens(content_object, user) -> None:
    """Record the contact-like tokens of the content, for the console's related items."""
    from yorozu.trust.services import index_content_tokens

    texts = [
        value
        for field in ("body", "text", "message", "reason", "details", "description", "title")
        if isinstance(value := getattr(content_object, field, None), str) and value
    ]
    if texts:
        index_content_tokens(content_object, user=user, texts=texts)


@transaction.atomic
def do_claim_case(case: ModerationCase, *, actor) -> ModerationCase:
    """Claim an open case for `actor`; a conditional UPDATE so two reviewers never both win."""
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
    case: ModerationCase, *, decision: str, reason: str = "", actor
) -> ModerationCase:
    """Record the decision on a case (the caller applies its effect in the same transaction).

    Only an open case or one claimed by `actor` can be decided, and only once.
    """
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
    return locked


@transaction.atomic
def do_decide_case(
    case: ModerationCase,
    *,
    decision: str,
    reason: str = "",
    actor,
    restrict_level: str = "permanent",
) -> ModerationCase:
    """A reviewer's decision on a case, with its effect on the content, in one transaction.

    approve: the content stands (a held posting is published, a held message delivered, a
    contact request approved). reject: the content is withdrawn and the user is told `reason`.
    reject_restrict: as reject, and the account is restricted (`enforcement`). The decision row
    and its CaseEvent are written first, so a case another reviewer holds is refused before
    anything changes.
    """
    require_staff_permission(actor, REVIEW, about=[case.subject_user_id])
    if decision == CaseDecision.REJECT_AND_RESTRICT:
        require_staff_permission(actor, RESTRICT)
    if decision not in CaseDecision.values:
        raise CaseError("Unknown decision.")
    reason = (reason or "").strip()
    if decision != CaseDecision.APPROVE and not reason:
        raise CaseError("A rejection needs a reason the user will see.")
    if case.queue == CaseQueue.REPORTS:
        # Reports carry their own effects (reporters told, strikes, a reported job taken down):
        # one decision path for the console and the secretariat's report pages.
        from yorozu.enforcement.actions import do_decide_report_case

        upheld = decision != CaseDecision.APPROVE
        return do_decide_report_case(
            case,
            upheld=upheld,
            reason=reason or "Dismissed: no violation found.",
            restrict=(
                {"level": restrict_level} if decision == CaseDecision.REJECT_AND_RESTRICT else None
            ),
            actor=actor,
        )
    decided = do_record_case_decision(case, decision=decision, reason=reason, actor=actor)
    content = case.content_object
    approve = decision == CaseDecision.APPROVE
    model = case.content_type.model
    if model == "job" and content is not None:
        _apply_job_decision(content, approve=approve, reason=reason, actor=actor)
    elif model == "message" and content is not None:
        _apply_message_decision(content, approve=approve, reason=reason, actor=actor)
    elif model == "scout" and content is not None:
        from yorozu.workers.actions import do_reject_held_scout, do_release_held_scout

        if approve:
            do_release_held_scout(content, actor=actor)
        else:
            do_reject_held_scout(content, actor=actor, reason=reason)
    elif model == "proposal" and content is not None:
        from yorozu.contracts.actions import do_reject_held_proposal, do_release_held_proposal

        if approve:
            do_release_held_proposal(content, actor=actor)
        else:
            do_reject_held_proposal(content, reason=reason, actor=actor)
    elif model == "contactrequest" and content is not None:
        from yorozu.messaging.actions import do_decide_contact_request

        if getattr(content, "status", "") == "pending":
            do_decide_contact_request(content, approve=approve, reason=reason, actor=actor)
    if decision == CaseDecision.REJECT_AND_RESTRICT:
        from yorozu.enforcement.actions import do_restrict_account

        codes = [r.get("code", "") for r in (case.assessment or {}).get("reasons", [])]
        restriction = do_restrict_account(
            case.subject_user,
            level=restrict_level,
            reason=reason,
            rule_code=(codes[0] if codes else case.reason_code)[:60],
            case=decided,
            actor=actor,
        )
        CaseEvent.objects.create(
            case=decided,
            actor=actor,
            event_type="restricted",
            data={"level": restrict_level, "restriction": restriction.pk},
        )
    return decided


def _apply_job_decision(job, *, approve: bool, reason: str, actor) -> None:
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext

    from yorozu.jobs.actions import do_set_job_moderation
    from yorozu.jobs.models import JobModeration
    from yorozu.notifications.actions import do_notify

    target = JobModeration.PUBLIC if approve else JobModeration.REJECTED
    was_public = job.moderation == JobModeration.PUBLIC
    if not do_set_job_moderation(
        job, moderation=target, reason="" if approve else reason, actor=actor
    ):
        return
    with translation.override("ja"):
        if approve and not was_public:
            title = gettext("Your job posting is now public")
            body = job.title
        elif not approve:
            title = gettext("Your job posting was not published")
            body = reason
        else:
            return
    do_notify(
        job.client,
        kind="job_moderation",
        title=title,
        body=body,
        url=reverse("jobs:detail", args=[job.pk]),
    )


def _apply_message_decision(message, *, approve: bool, reason: str, actor) -> None:
    from yorozu.messaging.actions import do_reject_held_message, do_release_held_message

    if message.status != "held":
        return  # a delivered message found by a rescan: the decision is on the record only
    if approve:
        do_release_held_message(message, actor=actor)
    else:
        do_reject_held_message(message, reason=reason, actor=actor)
