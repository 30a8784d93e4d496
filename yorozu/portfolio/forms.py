"""The portfolio work form: validates and cleans; `actions.py` writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from yorozu.jobs.forms import SubcategoryChoiceField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the files app when attached."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class WorkForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=80,
        error_messages={"required": _("Please give the work a title.")},
    )
    category = SubcategoryChoiceField(label=_("Category"), required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you made, for whom (without naming them if it is private), your part."),
    )
    link = forms.URLField(
        label=_("Link"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Optional: where the work can be seen, e.g. a published site."),
        error_messages={"invalid": _("Please enter a web address such as https://…")},
    )
    files = MultipleFileField(  # type: ignore[assignment]  # a declared field, not BaseForm.files
        label=_("Pictures or files"),
        required=False,
        help_text=_(
            "Images (PNG, JPEG, GIF, WebP), PDFs or office documents. No contact details or QR "
            "codes: they are checked like messages."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        category = cast(SubcategoryChoiceField, self.fields["category"])
        category.group_choices()
        grouped = list(cast(Iterable[Any], category.choices))
        category.choices = [("", _("No category")), *grouped[1:]]
