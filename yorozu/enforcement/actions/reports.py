"""Filing reports and deciding report cases.

A report opens (or merges into) the live moderation case for its item in the "reports" queue,
with a priority from the item's trust score, how many people reported it and how reliable their
earlier reports were, and how severe the reason is. `do_decide_report_case` is what the console
calls to decide such a case.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.core.staff import RESTRICT, REVIEW, require_staff_permission
from yorozu.enforcement.actions.restrictions import (
    RestrictionError,
    do_restrict_account,
)
from yorozu.enforcement.models import (
    EnforcementLog,
    Report,
    ReportReason,
    ReportStatus,
    Restriction,
    RestrictionLevel,
    Strike,
    active_restriction_q,
)
from yorozu.enforcement.selectors import (
    REPORT_RATE_LIMIT,
    ReportItem,
    active_strike_count,
    existing_report,
    reporter_record,
    reports_in_window,
)
from yorozu.moderation.actions import CaseError, do_open_case, do_record_case_decision
from yorozu.moderation.models import CaseDecision, CaseQueue, ModerationCase
from yorozu.moderation.registry import kind_of
from yorozu.notifications.actions import do_notify
from yorozu.trust.screening import apply_verdict, screen
from yorozu.trust.services import assessment_as_json

if TYPE_CHECKING:
    from yorozu.accounts.models import User

# How much each reason weighs in a case's priority (looked up by the stored reason string).
SEVERITY: dict[str, int] = {
    ReportReason.MLM: 40,
    ReportReason.UPFRONT_FEES: 35,
    ReportReason.OFF_PLATFORM: 30,
    ReportReason.HARASSMENT: 30,
    ReportReason.DIFFERENT_WORK: 20,
    ReportReason.SPAM: 10,
    ReportReason.OTHER: 10,
}
# The guideline each reason points to (the anchor on /help/guidelines/); "" means the terms.
RULE_FOR_REASON: dict[str, str] = {
    ReportReason.MLM: "prohibited-mlm",
    ReportReason.OFF_PLATFORM: "prohibited-off-platform",
    ReportReason.DIFFERENT_WORK: "prohibited-bait-and-switch",
    ReportReason.UPFRONT_FEES: "prohibited-upfront-fees",
    ReportReason.HARASSMENT: "",
    ReportReason.SPAM: "",
    ReportReason.OTHER: "",
}
STRIKE_LIFETIME = datetime.timedelta(days=365)
# Active strikes at which a restriction is proposed to staff (a case in the "accounts" queue).
STRIKE_THRESHOLD = 3


class ReportRefused(Refused):
    """A report that was not stored; `message` tells the reporter why."""

    default_code = "report_refused"


def reporter_weight(decided: int, upheld: int) -> float:
    """How much one reporter counts: 1, more for each upheld report, less for a poor record."""
    if decided >= 3 and upheld == 0:
        return 0.5
    return 1.0 + 0.5 * min(upheld, 4)


def report_priority(*, severity: int, trust_score: float, reporter_weights: Iterable[float]) -> int:
    """A case's priority: the worst reason, the item's trust score (0–1), and its reporters."""
    return round(severity + 40 * trust_score + 10 * min(sum(reporter_weights), 10))


@transaction.atomic(durable=True)
def do_file_report(*, item: ReportItem, reason: str, details: str = "", actor: User) -> Report:
    """File `actor`'s report of `item` (from `selectors.access_report_target`) and triage it.

    Refused with ReportRefused for one's own content, a second report of the same item, or
    more than REPORT_RATE_LIMIT reports in an hour.
    """
    if reason not in ReportReason.values:
        raise ReportRefused(gettext_lazy("Please choose a reason."))
    if item.subject_user.pk == actor.pk:
        raise ReportRefused(gettext_lazy("You cannot report your own content."))
    # One reporter's reports queue up behind each other, so the rate limit holds under races.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    if existing_report(actor, item.obj) is not None:
        raise ReportRefused(
            gettext_lazy("You have already reported this. The secretariat is looking into it.")
        )
    if reports_in_window(actor) >= REPORT_RATE_LIMIT:
        raise ReportRefused(
            gettext_lazy(
                "You have sent many reports in the last hour. Please wait a while before "
                "sending another one."
            )
        )
    now = timezone.now()
    ct = ContentType.objects.get_for_model(item.obj)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=actor,
                target=item.target,
                content_type=ct,
                object_id=item.obj.pk,
                subject_user=item.subject_user,
                reason=reason,
                details=(details or "").strip()[:2000],
                created_at=now,
            )
    except IntegrityError:
        raise ReportRefused(
            gettext_lazy("You have already reported this. The secretariat is looking into it.")
        ) from None
    # The reported item's own text weighs in the priority (as screening reads it today); the
    # reporter's words go through the door too (flagged for the reviewer, never refused).
    assessment = screen(item.kind, item.text or "-").assessment
    details_text = report.details
    if details_text:
        apply_verdict(
            screen("report", details_text, author=actor), content=report, author=actor, actor=actor
        )
    on_item = Report.objects.filter(content_type=ct, object_id=item.obj.pk)
    reasons = set(on_item.values_list("reason", flat=True))
    reporters = set(on_item.values_list("reporter_id", flat=True))
    record = reporter_record(reporters)
    priority = report_priority(
        severity=max(SEVERITY[r] for r in reasons),
        trust_score=assessment.score,
        reporter_weights=[reporter_weight(*record.get(r, (0, 0))) for r in reporters],
    )
    case = do_open_case(
        queue=CaseQueue.REPORTS,
        content_object=item.obj,
        subject_user=item.subject_user,
        reason_code=f"report_{reason}",
        assessment=assessment_as_json(assessment),
        priority=priority,
        actor=actor,
    )
    report.case = case
    report.save(update_fields=["case"])
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.REPORT_FILED,
        actor=actor,
        subject_user=item.subject_user,
        report=report,
        case=case,
        data={"target": item.target, "reason": reason, "priority": priority},
        created_at=now,
    )
    return report


@transaction.atomic
def do_decide_report_case(
    case: ModerationCase, *, upheld: bool, reason: str, restrict: dict | None = None, actor: User
) -> ModerationCase:
    """Decide a case in the "reports" queue: the console's one call.

    Records the case decision (approve when dismissed, reject when upheld, reject_restrict when
    upheld with a restriction), marks every report in it upheld or dismissed, removes a reported
    job, adds a strike when upheld (proposing a restriction at STRIKE_THRESHOLD), optionally
    restricts the account (`restrict`: the keyword arguments of `do_restrict_account` except
    user/case/actor; `reason` and `rule_code` default to the decision's), and tells every
    reporter whether their report was upheld — without naming anyone.
    """
    require_staff_permission(actor, REVIEW, about=[case.subject_user_id])
    if restrict:
        require_staff_permission(actor, RESTRICT)
    if case.queue != CaseQueue.REPORTS:
        raise CaseError("This is not a report case.")
    if restrict and not upheld:
        raise CaseError("Only an upheld report restricts an account.")
    if not (reason or "").strip():
        raise CaseError("A decision states its reason.")
    if not upheld:
        decision = CaseDecision.APPROVE
    elif restrict:
        decision = CaseDecision.REJECT_AND_RESTRICT
    else:
        decision = CaseDecision.REJECT
    case = do_record_case_decision(case, decision=decision, reason=reason.strip(), actor=actor)
    now = case.decided_at or timezone.now()
    reports = list(
        Report.objects.select_for_update()
        .filter(case=case, status=ReportStatus.PENDING)
        .select_related("reporter")
    )
    status = ReportStatus.UPHELD if upheld else ReportStatus.DISMISSED
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(status=status, decided_at=now)
    reason_counts = Counter(r.reason for r in reports)
    main_reason = reason_counts.most_common(1)[0][0] if reports else ReportReason.OTHER
    target = reports[0].target if reports else ""
    subject = case.subject_user
    if upheld:
        content = case.content_object
        if content is not None:
            take_down = kind_of(case.content_type).take_down
            if take_down is not None:
                take_down(content, reason=reason.strip(), actor=actor)
        _add_strike(subject, case=case, reason=main_reason, actor=actor, now=now)
    if restrict:
        options = dict(restrict)
        options.setdefault("reason", reason.strip())
        options.setdefault("rule_code", RULE_FOR_REASON.get(main_reason, ""))
        try:
            do_restrict_account(subject, case=case, actor=actor, **options)
        except TypeError as exc:
            raise RestrictionError(str(exc)) from exc
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.REPORT_DECIDED,
        actor=actor,
        subject_user=subject,
        case=case,
        data={
            "upheld": upheld,
            "target": target,
            "reports": len(reports),
            "decision": decision,
            "restricted": bool(restrict),
        },
        created_at=now,
    )
    for report in reports:
        _tell_reporter(report, upheld=upheld)
    return case


def _add_strike(user, *, case, reason: str, actor: User, now) -> None:
    strike = Strike.objects.create(
        user=user, case=case, reason=reason, created_at=now, expires_at=now + STRIKE_LIFETIME
    )
    EnforcementLog.objects.create(
        event_type=EnforcementLog.Event.STRIKE_ADDED,
        actor=actor,
        subject_user=user,
        case=case,
        data={"strike": strike.pk, "expires_at": strike.expires_at.isoformat()},
        created_at=now,
    )
    strikes = active_strike_count(user, now)
    restricted = (
        Restriction.objects.filter(active_restriction_q(now), user=user)
        .exclude(level=RestrictionLevel.WARNING)
        .exists()
    )
    if strikes >= STRIKE_THRESHOLD and not restricted:
        proposal = do_open_case(
            queue=CaseQueue.ACCOUNTS,
            content_object=user,
            subject_user=user,
            reason_code="strike_threshold",
            assessment={"strikes": strikes},
            priority=50 + 10 * strikes,
            actor=actor,
        )
        EnforcementLog.objects.create(
            event_type=EnforcementLog.Event.RESTRICTION_PROPOSED,
            actor=actor,
            subject_user=user,
            case=proposal,
            data={"strikes": strikes},
            created_at=now,
        )


def _tell_reporter(report: Report, *, upheld: bool) -> None:
    if upheld:
        body = _(
            "Thank you. The secretariat found a violation and has acted on it. For the other "
            "party's privacy we cannot say what was done."
        )
    else:
        body = _(
            "Thank you. The secretariat looked into it and found no violation of the rules this "
            "time. If it happens again, please report it again."
        )
    do_notify(
        report.reporter,
        kind="report_decided",
        title=_("Your report has been reviewed: %(outcome)s"),
        body=body,
        params={"outcome": _("upheld") if upheld else _("not upheld")},
        url=reverse("enforcement:my_reports"),
    )
