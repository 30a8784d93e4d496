from django import forms
from django.utils.translation import gettext_lazy as _

from yorozu.workers.actions import SCOUT_MAX_LENGTH


class InviteForm(forms.Form):
    """Invite chosen favourite workers to one of the client's open jobs (as scouts)."""

    job: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label=_("Job"), empty_label=None
    )
    workers = forms.TypedMultipleChoiceField(
        label=_("Workers to invite"), coerce=int, choices=(), widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=SCOUT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to each worker as a scout: it is checked like any scout."),
    )

    def __init__(self, *args, jobs, favourites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = jobs  # type: ignore[attr-defined]
        self.fields["workers"].choices = [  # type: ignore[attr-defined]
            (f.person_id, f.person.display_name) for f in favourites
        ]
