"""Forms for reports, appeals and the secretariat's decisions."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.core.converters import MAX_ID
from yorozu.enforcement.models import EnforcementLog, Feature, ReportReason, RestrictionLevel


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person you report is never told who reported them."),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the decision change?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DecisionForm(forms.Form):
    """The secretariat's decision on a report case (and optionally a restriction)."""

    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Uphold: there is a violation")), ("0", _("Dismiss: no violation"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    level = forms.ChoiceField(
        label=_("Restrict the account"),
        required=False,
        choices=[("", _("No restriction")), *list(RestrictionLevel.choices)],
    )
    features = forms.MultipleChoiceField(
        label=_("Features withdrawn (feature limits only)"),
        required=False,
        choices=Feature.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.IntegerField(
        label=_("Length in days (suspension; empty for no end date)"),
        required=False,
        min_value=1,
        max_value=3650,
    )

    def clean(self):
        data = super().clean() or {}
        level = data.get("level")
        if level and not data.get("upheld"):
            raise forms.ValidationError(_("Only an upheld report restricts an account."))
        if level == RestrictionLevel.LIMITED and not data.get("features"):
            self.add_error("features", _("Choose at least one feature to withdraw."))
        return data

    def restriction(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("level"):
            return None
        until = None
        if data["level"] == RestrictionLevel.SUSPENDED and data.get("days"):
            until = timezone.now() + datetime.timedelta(days=data["days"])
        return {"level": data["level"], "features": data.get("features") or [], "until": until}


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("1", _("Uphold the appeal and lift the restriction")),
            ("0", _("Reject the appeal")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason told to the user"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for lifting"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AuditFilterForm(forms.Form):
    event_type = forms.ChoiceField(
        label=pgettext_lazy("audit log", "Event"),
        required=False,
        choices=[("", _("All events")), *list(EnforcementLog.Event.choices)],
    )
    subject = forms.IntegerField(
        label=_("Account id"), required=False, min_value=1, max_value=MAX_ID
    )
    actor = forms.IntegerField(label=_("Actor id"), required=False, min_value=1, max_value=MAX_ID)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
