"""The review console's one write: a reviewer's decision on a case, with its effect.

The console knows no kind of content by name. It records the decision (moderation), then asks
the case's registered kind (`moderation.registry`) to approve or reject the content, and, for a
decision that restricts, enforcement to restrict the account — all in one transaction, so a
case another reviewer holds is refused before anything changes.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.template.loader import render_to_string

from yorozu.console.selectors import RoundupFigures, roundup_figures
from yorozu.content.actions import do_save_notice_draft
from yorozu.content.models import Notice, NoticeCategory
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


def roundup_slug(year: int, month: int) -> str:
    return f"monthly-roundup-{year:04d}-{month:02d}"


def roundup_text(f: RoundupFigures) -> dict[str, str]:
    """The round-up's title and body in both languages, from the month's figures
    (`console/roundup_ja.md`, `roundup_en.md`); staff edit the draft before publishing it."""
    first = datetime.date(f.year, f.month, 1)
    context = {"f": f, "ym_ja": f"{f.year}年{f.month}月", "ym_en": first.strftime("%B %Y")}
    return {
        "title_ja": f"【ユーザー体験改善チームからのお知らせ】{context['ym_ja']}の安全への取り組み",
        "title_en": f"From the user-experience team: keeping you safe in {context['ym_en']}",
        "body_ja": render_to_string("console/roundup_ja.md", context).strip() + "\n",
        "body_en": render_to_string("console/roundup_en.md", context).strip() + "\n",
    }


@transaction.atomic(durable=True)
def do_draft_monthly_roundup(year: int, month: int, *, actor: User) -> Notice:
    """Draft the month's 「ユーザー体験改善チームからのお知らせ」 from the records: a notice
    only staff see until they publish it. Drafting the month again rewrites the draft."""
    text = roundup_text(roundup_figures(year, month))
    return do_save_notice_draft(
        slug=roundup_slug(year, month), category=NoticeCategory.SAFETY, actor=actor, **text
    )
