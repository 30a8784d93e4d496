"""Forms for workers: the worker list's search box."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WorkerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Keyword"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, skill, e.g. WordPress, 翻訳")}
        ),
        error_messages={"max_length": _("Please keep the keyword to %(limit_value)d characters.")},
    )
