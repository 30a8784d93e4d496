"""HTML forms for proposals and contract steps, with messages a person can act on."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.contracts.actions.contracts import MAX_MILESTONES, MIN_MILESTONE_AMOUNT
from yorozu.contracts.models import AccountType, Proposal
from yorozu.contracts.transitions import TRANSITIONS

MIN_PRICE = 1000
MAX_PRICE = 100_000_000
# A reason for cancelling or a dispute is kept on the contract's timeline (500 characters).
SHORT_NOTE = 500


class ProposalForm(forms.ModelForm):
    price = forms.IntegerField(
        label=_("Proposed price (yen, incl. tax)"),
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


# What a required note says when it is missing, per step.
NOTE_REQUIRED = {
    "deliver": _("Please write a delivery note."),
    "request_changes": _("Please say what should be changed."),
    "propose_cancellation": _("Please give a reason for cancelling."),
    "decline_cancellation": _("Please say why you decline."),
    "add_statement": _("Please write your statement."),
}


class TransitionForm(forms.Form):
    """The note that goes with a contract step, and the few extras some steps carry: the refund
    a cancellation proposes, the version of the offer the worker accepts."""

    note = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The note must be 5,000 characters or fewer.")},
    )
    refund = forms.IntegerField(
        required=False,
        min_value=0,
        error_messages={
            "invalid": _("Enter the refund as a whole number of yen."),
            "min_value": _("The refund cannot be negative."),
        },
    )
    terms_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, transition_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.transition = TRANSITIONS[transition_name]
        if transition_name != "deliver":
            self.fields["note"].widget.attrs["maxlength"] = SHORT_NOTE

    def clean_note(self) -> str:
        note = (self.cleaned_data.get("note") or "").strip()
        name = self.transition.name
        if name != "deliver" and len(note) > SHORT_NOTE:
            raise forms.ValidationError(_("The note must be 500 characters or fewer."))
        if self.transition.note_required and not note:
            raise forms.ValidationError(NOTE_REQUIRED.get(name, _("Please describe the problem.")))
        return note

    def clean(self):
        data = super().clean() or {}
        if self.transition.name == "propose_cancellation" and data.get("refund") is None:
            self.add_error("refund", _("Please enter the refund to the client."))
        return data

    def extras(self) -> dict:
        """The keyword arguments beyond `note` this step's action takes."""
        name = self.transition.name
        if name == "propose_cancellation":
            return {"refund": self.cleaned_data["refund"]}
        if name == "accept" and self.cleaned_data.get("terms_version"):
            return {"terms_version": self.cleaned_data["terms_version"]}
        return {}


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label=_("Milestone"),
        max_length=100,
        error_messages={"required": _("Please give each milestone a title.")},
    )
    amount = forms.IntegerField(
        label=_("Amount (yen, incl. tax)"),
        min_value=MIN_MILESTONE_AMOUNT,
        max_value=MAX_PRICE,
        error_messages={
            "required": _("Please enter the amount."),
            "invalid": _("Enter the amount as a whole number of yen."),
            "min_value": _("Each milestone must be at least ¥1,000."),
            "max_value": _("The price must be ¥100,000,000 or less."),
        },
        widget=forms.NumberInput(attrs={"step": 100, "inputmode": "numeric"}),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date.")},
    )

    def clean_due_date(self) -> datetime.date | None:
        due = self.cleaned_data.get("due_date")
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(_("A milestone's due date cannot be in the past."))
        return due


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=MAX_MILESTONES,
    validate_max=True,
)


class OfferForm(forms.Form):
    withholding = forms.BooleanField(
        label=_("Withhold income tax from each payment (源泉徴収)"),
        required=False,
        help_text=_(
            "For companies paying an individual for design, writing, translation and "
            "similar work: 10.21 % (20.42 % above ¥1,000,000 per payment)."
        ),
    )


class BankAccountForm(forms.Form):
    bank_code = forms.RegexField(
        label=_("Bank code (4 digits)"),
        regex=r"^\d{4}$",
        error_messages={
            "invalid": _("The bank code is 4 digits."),
            "required": _("Please enter the bank code."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
    )
    branch_code = forms.RegexField(
        label=_("Branch code (3 digits)"),
        regex=r"^\d{3}$",
        error_messages={
            "invalid": _("The branch code is 3 digits."),
            "required": _("Please enter the branch code."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 3}),
    )
    account_type = forms.ChoiceField(label=_("Account type"), choices=AccountType.choices)
    account_number = forms.RegexField(
        label=_("Account number"),
        regex=r"^\d{1,7}$",
        error_messages={
            "invalid": _("The account number is up to 7 digits."),
            "required": _("Please enter the account number."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 7}),
    )
    holder_name = forms.CharField(
        label=_("Account holder (katakana)"),
        max_length=60,
        help_text=_("As the bank has it, e.g. ヤマダ タロウ; saved in half-width katakana."),
        error_messages={"required": _("Please enter the account holder.")},
    )


class WithdrawalForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Amount to withdraw (yen)"),
        min_value=1,
        error_messages={
            "required": _("Please enter the amount."),
            "invalid": _("Enter the amount as a whole number of yen."),
            "min_value": _("Enter the amount as a whole number of yen."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    request_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount < settings.WITHDRAWAL_MINIMUM:
            raise forms.ValidationError(
                _("The minimum withdrawal is ¥%(min)s.")
                % {"min": f"{settings.WITHDRAWAL_MINIMUM:,}"}
            )
        return amount


class ResolveDisputeForm(forms.Form):
    OUTCOMES = [
        ("release", _("Release everything to the worker")),
        ("refund", _("Refund everything to the client")),
        ("split", _("Split")),
    ]
    outcome = forms.ChoiceField(label=_("Decision"), choices=OUTCOMES, widget=forms.RadioSelect)
    release = forms.IntegerField(
        label=_("Paid to the worker (yen)"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("Enter the amount as a whole number of yen.")},
    )
    note = forms.CharField(
        label=_("Reasons (both parties read them)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please write the reasons for the decision.")},
    )

    def __init__(self, *args, amount: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.amount = amount
        self.fields["release"].widget.attrs["max"] = amount

    def amounts(self) -> tuple[int, int]:
        """(release, refund) that add up to the milestone's amount."""
        outcome = self.cleaned_data["outcome"]
        if outcome == "release":
            return self.amount, 0
        if outcome == "refund":
            return 0, self.amount
        release = self.cleaned_data["release"]
        return release, self.amount - release

    def clean(self):
        data = super().clean() or {}
        if data.get("outcome") == "split":
            release = data.get("release")
            if release is None:
                self.add_error("release", _("Enter how much the worker is paid."))
            elif not 0 < release < self.amount:
                self.add_error(
                    "release",
                    _("A split pays the worker more than ¥0 and less than ¥%(amount)s.")
                    % {"amount": f"{self.amount:,}"},
                )
        return data


class PayoutApprovalForm(forms.Form):
    withdrawals = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one requested withdrawal.")},
    )
    transfer_date = forms.DateField(
        label=_("Transfer date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Please enter the transfer date."),
            "invalid": _("Enter a date."),
        },
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["withdrawals"]).choices = choices


class RejectWithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the worker reads it)"),
        max_length=300,
        error_messages={"required": _("Please give the reason.")},
    )
