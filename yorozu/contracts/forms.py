"""HTML forms for proposals and contract steps, with messages a person can act on."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yorozu.contracts.models import Proposal
from yorozu.contracts.transitions import TRANSITIONS

MIN_PRICE = 1000
MAX_PRICE = 100_000_000
# A reason for cancelling or a dispute is kept on the contract's timeline (500 characters).
SHORT_NOTE = 500


class ProposalForm(forms.ModelForm):
    price = forms.IntegerField(
        label=_("Proposed price (yen, excl. tax)"),
        min_value=MIN_PRICE,
        max_value=MAX_PRICE,
        error_messages={
            "required": _("Please enter your price."),
            "invalid": _("Enter the price as a whole number of yen."),
            "min_value": _("The price must be at least ¥1,000."),
            "max_value": _("The price must be ¥100,000,000 or less."),
        },
        widget=forms.NumberInput(attrs={"step": 100, "inputmode": "numeric"}),
    )
    delivery_days = forms.IntegerField(
        label=_("Estimated delivery (days)"),
        min_value=1,
        max_value=365,
        error_messages={
            "required": _("Please enter how many days you need."),
            "invalid": _("Enter the number of days as a whole number."),
            "min_value": _("Delivery takes at least one day."),
            "max_value": _("Delivery must be within 365 days."),
        },
    )
    message = forms.CharField(
        label=_("Message to the client"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your experience, how you would approach the work, and any questions."),
        error_messages={
            "required": _("Please write a message to the client."),
            "max_length": _("The message must be 5,000 characters or fewer."),
        },
    )

    class Meta:
        model = Proposal
        fields = ["price", "delivery_days", "message"]

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(_("Please write at least 10 characters."))
        return message


class TransitionForm(forms.Form):
    """The note that goes with a contract step: required to deliver or report a problem."""

    note = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The note must be 5,000 characters or fewer.")},
    )

    def __init__(self, *args, transition_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.transition = TRANSITIONS[transition_name]
        if transition_name != "deliver":
            self.fields["note"].widget.attrs["maxlength"] = SHORT_NOTE

    def clean_note(self) -> str:
        note = (self.cleaned_data.get("note") or "").strip()
        if self.transition.name != "deliver" and len(note) > SHORT_NOTE:
            raise forms.ValidationError(_("The note must be 500 characters or fewer."))
        if self.transition.note_required and not note:
            if self.transition.name == "deliver":
                raise forms.ValidationError(_("Please write a delivery note."))
            raise forms.ValidationError(_("Please describe the problem."))
        return note
