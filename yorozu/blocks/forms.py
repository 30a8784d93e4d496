from django import forms
from django.utils.translation import gettext_lazy as _

from yorozu.blocks.models import BlockReason


class BlockForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you blocking this person?"),
        choices=BlockReason.choices,
        initial=BlockReason.UNWANTED,
        widget=forms.RadioSelect,
    )
