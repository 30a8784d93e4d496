"""The review form: four 1–5 star ratings as radio buttons and an optional comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

STAR_CHOICES = [(n, "★" * n) for n in range(5, 0, -1)]


class StarRadioSelect(forms.RadioSelect):
    """Radio buttons drawn as stars (5 to 1, so CSS can light up the chosen one and below)."""

    template_name = "reviews/widgets/stars.html"


def star_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=STAR_CHOICES,
        coerce=int,
        widget=StarRadioSelect,
        error_messages={
            "required": _("Please choose from 1 to 5 stars."),
            "invalid_choice": _("Please choose from 1 to 5 stars."),
        },
    )


class ReviewForm(forms.Form):
    overall = star_field(_("Overall"))
    quality = star_field(_("Quality of work"))
    communication = star_field(_("Communication"))
    timeliness = star_field(_("Timeliness"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the other party's profile. Please be fair and specific."),
        error_messages={"max_length": _("The comment must be 2,000 characters or fewer.")},
    )
