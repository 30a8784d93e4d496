"""Every write to the rule set: create, edit, move between states, backtest, start a rescan.

Each action bumps `RuleSetVersion` in its transaction when the rules in force change, so every
process rebuilds its engine (see `trust.rules`), and writes a `TrustRuleEvent`. A change to what
is live enqueues a rescan after commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yorozu.core.errors import Refused
from yorozu.core.side_effects import on_commit
from yorozu.core.staff import MANAGE_RULES, require_staff_permission, staff_with_permission
from yorozu.moderation.registry import rescannable
from yorozu.notifications.actions import do_notify
from yorozu.trust.models import (
    RULE_TRANSITIONS,
    Rescan,
    RescanChunk,
    RescanStatus,
    RuleHitDaily,
    RuleSetVersion,
    RuleState,
    TrustRule,
    TrustRuleEvent,
)
from yorozu.trust.rules import (
    forget_engine,
    pattern_problems,
    row_values_from_rule,
    shipped_rule,
)
from yorozu.trust.tasks import run_rescan

if TYPE_CHECKING:
    from yorozu.accounts.models import User

RULE_FIELDS = (
    "category",
    "weight",
    "message_ja",
    "message_en",
    "keywords",
    "patterns",
    "near",
    "window",
    "unless_near",
    "negatable",
    "discussable",
    "kinds",
    "stages",
)
# What decides where a rule matches: changing one of these on a shadow or live rule sends it
# back to draft, to be backtested again before it runs (the weight and the wording do not).
MATCHING_FIELDS = frozenset(RULE_FIELDS) - {"category", "weight", "message_ja", "message_en"}
# The flood guard: a live rule matching more than FLOOD_RATIO times its trailing daily average
# (over FLOOD_TRAILING_DAYS days before today) and at least FLOOD_FLOOR times today goes back to
# shadow by itself.
FLOOD_RATIO = 5.0
FLOOD_FLOOR = 50
FLOOD_TRAILING_DAYS = 7
RESCAN_CHUNK_IDS = 20_000
RESCAN_MESSAGE_DAYS = 30


class RuleError(Refused):
    """A refused rule change (a transition the state machine does not allow, no backtest…)."""

    default_code = "rule_refused"


def _bump_version() -> int:
    version, _ = RuleSetVersion.objects.select_for_update().get_or_create(pk=1)
    RuleSetVersion.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    # This process sees the change at once (even inside the transaction); after commit, again,
    # so an engine rebuilt in between from uncommitted rows is not kept.
    forget_engine()
    on_commit(forget_engine)
    return version.version + 1


def _refuse_bad_patterns(data: Mapping[str, Any]) -> None:
    """Whatever writes a rule (the console, the admin, a script), a pattern that cannot run in
    linear time or could backtrack catastrophically is refused before it is stored."""
    found = pattern_problems(data.get("patterns") or ())
    if found:
        raise RuleError(
            _("The regular expression cannot be used: %(problems)s")
            % {"problems": "; ".join(found)},
            "rule_pattern_refused",
        )


@transaction.atomic(durable=True)
def do_create_rule(*, code: str, data: Mapping[str, Any], actor: User) -> TrustRule:
    """A new rule, in draft: it has no effect until it is moved to shadow or live."""
    require_staff_permission(actor, MANAGE_RULES)
    _refuse_bad_patterns(data)
    now = timezone.now()
    rule = TrustRule.objects.create(
        code=code,
        state=RuleState.DRAFT,
        created_by=actor,
        created_at=now,
        updated_at=now,
        **{name: data[name] for name in RULE_FIELDS if name in data},
    )
    TrustRuleEvent.objects.create(rule=rule, actor=actor, event_type="created")
    return rule


@transaction.atomic(durable=True)
def do_edit_rule(rule: TrustRule, data: Mapping[str, Any], *, actor: User) -> list[str]:
    """Change a rule's fields. An edited rule needs a new backtest before it can go live; one
    whose matching changed (keywords, patterns, cues, kinds…) while in shadow or live goes back
    to draft, since a backtest must come before it runs again."""
    require_staff_permission(actor, MANAGE_RULES)
    if "patterns" in data:
        _refuse_bad_patterns(data)
    locked = TrustRule.objects.select_for_update().get(pk=rule.pk)
    changed = [n for n in RULE_FIELDS if n in data and getattr(locked, n) != data[n]]
    if not changed:
        return []
    for name in changed:
        setattr(locked, name, data[name])
    locked.updated_at = timezone.now()
    before = locked.state
    running = before in (RuleState.SHADOW, RuleState.LIVE)
    if running and MATCHING_FIELDS.intersection(changed):
        locked.state = RuleState.DRAFT
    locked.save(update_fields=[*changed, "updated_at", "state"])
    TrustRuleEvent.objects.create(
        rule=locked, actor=actor, event_type="edited", data={"fields": changed}
    )
    if locked.state != before:
        TrustRuleEvent.objects.create(
            rule=locked,
            actor=actor,
            event_type="state",
            data={"from": before, "to": locked.state, "note": "matching edited"},
        )
    if running:
        _bump_version()
        if before == RuleState.LIVE:
            _start_rescan(reason=f"rule {locked.code} edited", actor=actor)
    for name in changed:
        setattr(rule, name, getattr(locked, name))
    rule.updated_at, rule.state = locked.updated_at, locked.state
    return changed


@transaction.atomic(durable=True)
def do_set_rule_state(rule: TrustRule, *, state: str, actor: User, note: str = "") -> TrustRule:
    """Move a rule along draft → shadow → live → archived (see RULE_TRANSITIONS).

    Reaching shadow or live requires a backtest run since the rule last changed: a shadow rule
    already runs on every screened text, so what it matches is known before it does (a live
    rule the flood guard or a person moves back to shadow needs none: taking a rule out of force
    is never refused). Leaving or entering live starts a rescan, so held items follow the rules
    in force.
    """
    require_staff_permission(actor, MANAGE_RULES)
    locked = TrustRule.objects.select_for_update().get(pk=rule.pk)
    if state not in RULE_TRANSITIONS.get(locked.state, ()):
        raise RuleError(f"a {locked.state} rule cannot become {state}")
    entering = state == RuleState.LIVE or (
        state == RuleState.SHADOW and locked.state != RuleState.LIVE
    )
    if entering:
        _refuse_bad_patterns({"patterns": locked.patterns})
    if entering and not locked.backtest_current:
        raise RuleError(
            _("Run a backtest first: a rule reaches shadow or live only after one."),
            "rule_needs_backtest",
        )
    before = locked.state
    TrustRule.objects.filter(pk=locked.pk).update(state=state)
    locked.state = state
    TrustRuleEvent.objects.create(
        rule=locked,
        actor=actor,
        event_type="state",
        data={"from": before, "to": state, "note": note},
    )
    _bump_version()
    if RuleState.LIVE in (before, state):
        _start_rescan(reason=f"rule {locked.code}: {before} → {state}", actor=actor)
    rule.state = state
    return locked


@transaction.atomic(durable=True)
def do_record_backtest(rule: TrustRule, *, result: dict, actor: User) -> TrustRule:
    """Store a backtest's figures on the rule (what `shadow → live` checks for)."""
    require_staff_permission(actor, MANAGE_RULES)
    now = timezone.now()
    TrustRule.objects.filter(pk=rule.pk).update(backtest=result, backtested_at=now)
    rule.backtest, rule.backtested_at = result, now
    TrustRuleEvent.objects.create(
        rule=rule,
        actor=actor,
        event_type="backtest",
        data={"days": result.get("days"), "flagged": result.get("flagged")},
    )
    return rule


@transaction.atomic
def do_shadow_flooding_rule(code: str, *, today: int, average: float) -> TrustRule | None:
    """The flood guard's action: put a live rule (a row, or a shipped rule via an override row)
    back in shadow and alert the staff. Returns None when the rule is not live any more."""
    rule = TrustRule.objects.select_for_update().filter(code=code).first()
    if rule is None:
        shipped = shipped_rule(code)
        if shipped is None:
            return None
        now = timezone.now()
        rule = TrustRule.objects.create(
            **row_values_from_rule(shipped),
            state=RuleState.SHADOW,
            created_at=now,
            updated_at=now,
        )
        TrustRuleEvent.objects.create(rule=rule, actor=None, event_type="created")
    elif rule.state != RuleState.LIVE:
        return None
    else:
        TrustRule.objects.filter(pk=rule.pk).update(state=RuleState.SHADOW)
        rule.state = RuleState.SHADOW
    TrustRuleEvent.objects.create(
        rule=rule,
        actor=None,
        event_type="flood_guard",
        data={"from": "live", "to": "shadow", "today": today, "average": round(average, 2)},
    )
    _bump_version()
    url = reverse("console:rule_detail", args=[rule.pk])
    for staff in staff_with_permission(MANAGE_RULES):
        do_notify(
            staff,
            kind="trust_flood_guard",
            title=f"ルール {code} を自動でシャドーに戻しました",
            body=(
                f"本日 {today} 件に一致しました（直近{FLOOD_TRAILING_DAYS}日の平均 "
                f"{average:.1f} 件）。内容を確認してください。"
            ),
            url=url,
            collapse_key=f"flood:{code}",
        )
    return rule


def check_flood_guard(codes: Iterable[str]) -> list[str]:
    """Shadow every given live rule whose hits today exceed the guard; returns their codes."""
    today = timezone.localdate()
    since = today - datetime.timedelta(days=FLOOD_TRAILING_DAYS)
    shadowed = []
    for code in codes:
        rows = dict(
            RuleHitDaily.objects.filter(code=code, day__gte=since, day__lte=today).values_list(
                "day", "hits"
            )
        )
        now_hits = rows.pop(today, 0)
        if now_hits < FLOOD_FLOOR:
            continue
        average = sum(rows.values()) / FLOOD_TRAILING_DAYS
        if now_hits > FLOOD_RATIO * average and do_shadow_flooding_rule(
            code, today=now_hits, average=average
        ):
            shadowed.append(code)
    return shadowed


# -- rescans -------------------------------------------------------------------------------------


def _start_rescan(*, reason: str, actor: User, message_days: int = RESCAN_MESSAGE_DAYS) -> Rescan:
    """Plan a rescan: chunks of ids over every kind registered as rescannable (open postings,
    recent messages…), then enqueue its task on commit."""
    version = RuleSetVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    rescan = Rescan.objects.create(
        reason=reason[:200], rules_version=version, message_days=message_days, created_by=actor
    )
    chunks = []
    total = 0
    since = rescan.created_at - datetime.timedelta(days=message_days)
    for kind in rescannable():
        assert kind.rescan is not None
        qs = kind.rescan.items(since).order_by()
        bounds = qs.aggregate(lo=Min("id"), hi=Max("id"))
        if bounds["lo"] is None:
            continue
        total += qs.count()
        for start in range(bounds["lo"], bounds["hi"] + 1, RESCAN_CHUNK_IDS):
            end = min(start + RESCAN_CHUNK_IDS - 1, bounds["hi"])
            chunks.append(
                RescanChunk(
                    rescan=rescan, kind=kind.name, start_id=start, end_id=end, cursor=start - 1
                )
            )
    RescanChunk.objects.bulk_create(chunks)
    Rescan.objects.filter(pk=rescan.pk).update(total=total)
    rescan.total = total
    on_commit(run_rescan.enqueue, rescan.pk)
    return rescan


@transaction.atomic(durable=True)
def do_start_rescan(*, reason: str, actor: User, message_days: int = RESCAN_MESSAGE_DAYS) -> Rescan:
    """Plan a rescan (chunks over open jobs and recent messages) and enqueue its task."""
    require_staff_permission(actor, MANAGE_RULES)
    return _start_rescan(reason=reason, actor=actor, message_days=message_days)


__all__ = [
    "FLOOD_FLOOR",
    "FLOOD_RATIO",
    "RescanStatus",
    "RuleError",
    "check_flood_guard",
    "do_create_rule",
    "do_edit_rule",
    "do_record_backtest",
    "do_set_rule_state",
    "do_shadow_flooding_rule",
    "do_start_rescan",
]
