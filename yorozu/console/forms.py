"""Forms of the review console: a decision on a case, a trust rule, a backtest."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.enforcement.models import RestrictionLevel
from yorozu.moderation.models import CaseDecision
from yorozu.trust.engine import Rule
from yorozu.trust.engine.staff_patterns import problems
from yorozu.trust.engine.values import KINDS, STAGES
from yorozu.trust.models import TrustRule
from yorozu.trust.rules import CODE_RE, MAX_WEIGHT, validate_rule

MAX_LINES = 200
# Why a staff pattern is refused (`trust.engine.staff_patterns.Problem.code`).
PATTERN_PROBLEMS = {
    "syntax": _("“%(pattern)s” is not a valid regular expression: %(error)s"),
    "too_long": _("“%(pattern)s” is too long: at most 500 characters."),
    "catastrophic": _(
        "“%(pattern)s” could take exponential time on some texts and would slow every check: "
        "%(error)s. Write it without a repetition inside a repetition (for example (a+)+ → a+)."
    ),
    "unsupported": _(
        "“%(pattern)s” uses what the linear-time regular expression engine does not support "
        "(look-ahead, look-behind, back-references): %(error)s. Use “Must appear nearby” or "
        "“Not when nearby” instead."
    ),
    "too_large": _("“%(pattern)s” compiles to too large a program: %(error)s."),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=CaseDecision.choices)
    reason = forms.CharField(
        label=_("Reason shown to the user"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    # What "reject and restrict" imposes, chosen before the click and named on the page. A
    # feature limit needs its features chosen, so it is imposed from the accounts page instead.
    restrict_level = forms.ChoiceField(
        label=_("Restriction imposed by “Reject and restrict”"),
        choices=[
            (RestrictionLevel.PERMANENT, _("Permanent restriction (no end date)")),
            (RestrictionLevel.SUSPENDED, _("Suspension (until lifted)")),
            (RestrictionLevel.WARNING, _("Warning (on the record, no effect)")),
        ],
        initial=RestrictionLevel.PERMANENT,
        required=False,
    )

    def clean(self):
        data = super().clean() or {}
        data["restrict_level"] = data.get("restrict_level") or RestrictionLevel.PERMANENT
        if (
            data.get("decision") in (CaseDecision.REJECT, CaseDecision.REJECT_AND_RESTRICT)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Write the reason the user will be shown."))
        return data


class LinesField(forms.CharField):
    """One entry per line; blank lines dropped."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_LINES:
            raise forms.ValidationError(_("At most 200 lines."))
        return lines

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value


class RuleForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        help_text=_(
            "Lower-case letters, digits, dots, hyphens and underscores, e.g. mlm.new_pitch."
        ),
    )
    category = forms.CharField(label=pgettext_lazy("rule", "Category"), max_length=30)
    weight = forms.FloatField(
        label=_("Weight (points)"),
        min_value=0.5,
        max_value=MAX_WEIGHT,
        help_text=_("2 warns, 4 holds; 6 or more refuses a message before escrow."),
    )
    message_ja = forms.CharField(label=_("Explanation (Japanese)"), max_length=300)
    message_en = forms.CharField(label=_("Explanation (English)"), max_length=300, required=False)
    keywords = LinesField(label=_("Keywords (one per line)"), required=False)
    patterns = LinesField(label=_("Regular expressions (one per line)"), required=False)
    near = LinesField(label=_("Must appear nearby (one per line)"), required=False)
    window = forms.IntegerField(
        label=_("Nearby window (characters)"), min_value=1, max_value=500, initial=30
    )
    unless_near = LinesField(label=_("Not when nearby (one per line)"), required=False)
    negatable = forms.BooleanField(label=_("A negation cancels it"), required=False, initial=True)
    discussable = forms.BooleanField(
        label=_("Talking about it (an article, a warning) cancels it"), required=False
    )
    kinds = forms.MultipleChoiceField(
        label=_("Applies to"),
        choices=[(k, k) for k in KINDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everything."),
    )
    stages = forms.MultipleChoiceField(
        label=_("Stages"),
        choices=[(s, s) for s in STAGES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: before and after escrow."),
    )

    def __init__(self, *args, rule: TrustRule | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rule = rule
        if rule is not None:
            self.fields["code"].disabled = True

    @classmethod
    def initial_for(cls, rule: TrustRule) -> dict:
        return {name: getattr(rule, name) for name in cls.base_fields}

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip().lower()
        if not CODE_RE.match(code):
            raise forms.ValidationError(
                _("Use lower-case letters, digits, dots, hyphens and underscores.")
            )
        exists = TrustRule.objects.filter(code=code)
        if self.rule is not None:
            exists = exists.exclude(pk=self.rule.pk)
        if exists.exists():
            raise forms.ValidationError(_("A rule with this code already exists."))
        return code

    def clean_patterns(self) -> list[str]:
        patterns = self.cleaned_data.get("patterns") or []
        errors = [
            forms.ValidationError(
                PATTERN_PROBLEMS.get(problem.code, PATTERN_PROBLEMS["syntax"]),
                code=problem.code,
                params={"pattern": pattern, "error": problem.detail},
            )
            for pattern in patterns
            for problem in problems(pattern)
        ]
        if errors:
            raise forms.ValidationError(errors)
        return patterns

    def clean(self):
        data = super().clean() or {}
        if self.errors:
            return data
        if not data.get("keywords") and not data.get("patterns"):
            raise forms.ValidationError(_("Give at least one keyword or one regular expression."))
        rule = Rule(
            code=data["code"],
            category=data["category"],
            weight=data["weight"],
            message_ja=data["message_ja"],
            message_en=data.get("message_en") or data["message_ja"],
            keywords=tuple(data["keywords"]),
            patterns=tuple(data["patterns"]),
            near=tuple(data["near"]),
            window=data["window"],
            unless_near=tuple(data["unless_near"]),
            kinds=frozenset(data["kinds"]),
            stages=frozenset(data["stages"]),
        )
        problems = validate_rule(rule)
        if problems:
            raise forms.ValidationError(
                _("The engine cannot use this rule: %(problems)s"),
                params={"problems": "; ".join(problems)},
            )
        return data

    def rule_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("code", None)
        data["message_en"] = data.get("message_en") or ""
        return data


class BacktestForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=30)


def recent_months(today: datetime.date | None = None, count: int = 12) -> list[tuple[str, str]]:
    """("2026-12", "2026年12月") for this month and the `count - 1` before it, newest first."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append((f"{year:04d}-{month:02d}", f"{year}年{month}月"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class RoundupMonthForm(forms.Form):
    """Which month the round-up reports on (the month just ended, unless staff choose)."""

    month = forms.ChoiceField(label=_("Month"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        months = recent_months()
        field = cast(forms.ChoiceField, self.fields["month"])
        field.choices = months
        field.initial = months[1][0]

    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)


class NoticeDraftForm(forms.Form):
    title_ja = forms.CharField(label=_("Title (Japanese)"), max_length=200)
    body_ja = forms.CharField(
        label=_("Body (Japanese, Markdown)"), widget=forms.Textarea(attrs={"rows": 18})
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Body (English, Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
