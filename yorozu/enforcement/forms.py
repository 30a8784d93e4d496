"""Forms for reports, appeals and the secretariat's decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.core.converters import MAX_ID
from yorozu.enforcement.models import EnforcementLog, ReportReason


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
