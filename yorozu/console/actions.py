"""The review console's one write: a reviewer's decision on a case, with its effect.

The console knows no kind of content by name. It records the decision (moderation), then asks
the case's registered kind (`moderation.registry`) to approve or reject the content, and, for a
decision that restricts, enforcement to restrict the account — all in one transaction, so a
case another reviewer holds is refused before anything changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from yorozu.core.staff import RESTRICT, REVIEW, require_staff_permission
from yorozu.enforcement.actions import do_decide_report_case, do_restrict_account
from yorozu.enforcement.models import rule_for_reasons
from yorozu.moderation.actions import CaseError, do_record_case_decision
from yorozu.moderation.models import CaseDecision, CaseEvent, CaseQueue, ModerationCase
from yorozu.moderation.registry import kind_of
from yorozu.trust.screening import do_clear_screening

if TYPE_CHECKING:
    from yorozu.accounts.models import User


@transaction.atomic(durable=True)
def do_decide_case(
    case: ModerationCase,
    *,
    decision: str,
    reason: str = "",
    actor: User,
    restrict_level: str = "permanent",
) -> ModerationCase:
    """approve: the content stands (a held posting is published, a held message delivered, a
    contact request approved) and its holds stop counting against its author. reject: the
    content is withdrawn and its author told `reason`. reject_restrict: as reject, and the
    account is restricted at `restrict_level`. A report case is decided through enforcement,
    which carries a report's own effects (reporters told, strikes, the item taken down).
    """
    require_staff_permission(actor, REVIEW, about=[case.subject_user_id])
    if decision == CaseDecision.REJECT_AND_RESTRICT:
        require_staff_permission(actor, RESTRICT)
    if decision not in CaseDecision.values:
        raise CaseError("Unknown decision.")
    reason = (reason or "").strip()
    if decision != CaseDecision.APPROVE and not reason:
        raise CaseError("A rejection needs a reason the user will see.")
    restrict = decision == CaseDecision.REJECT_AND_RESTRICT
    if kind_of(case.content_type).decide_url is not None:
        raise CaseError("This case is decided on its own page.")
    if case.queue == CaseQueue.REPORTS:
        return do_decide_report_case(
            case,
            upheld=decision != CaseDecision.APPROVE,
            reason=reason or "Dismissed: no violation found.",
            restrict={"level": restrict_level} if restrict else None,
            actor=actor,
        )
    decided = do_record_case_decision(case, decision=decision, reason=reason, actor=actor)
    content = case.content_object
    if content is not None:
        kind = kind_of(case.content_type)
        if decision == CaseDecision.APPROVE:
            if kind.approve is not None:
                kind.approve(content, actor=actor)
            do_clear_screening(content)
        elif kind.reject is not None:
            kind.reject(content, reason=reason, actor=actor)
    if restrict:
        restriction = do_restrict_account(
            case.subject_user,
            level=restrict_level,
            reason=reason,
            rule_code=rule_for_reasons((case.assessment or {}).get("reasons", [])),
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
