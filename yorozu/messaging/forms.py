"""The send form: the draft and the idempotency key that makes a double submit harmless."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from yorozu.messaging.actions import MAX_BODY_LENGTH

KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class MessageForm(forms.Form):
    """Body rules (empty, too long) live in `do_send_message`, the one path every message takes;
    its refusal is added to this form so the draft comes back with the reason."""

    body = forms.CharField(
        label=_("Message"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_BODY_LENGTH}),
    )
    idempotency_key = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
    )

    @classmethod
    def fresh(cls) -> MessageForm:
        """An empty form with a new key: each rendered form sends at most one message."""
        return cls(initial={"idempotency_key": new_idempotency_key()})

    def clean_idempotency_key(self) -> str:
        key = self.cleaned_data.get("idempotency_key", "")
        if not KEY_PATTERN.match(key):
            raise forms.ValidationError(
                _("This form has expired. Please check your message and press Send again.")
            )
        return key

    @property
    def key_for_render(self) -> str:
        """The key the rendered form carries.

        A refused send keeps its key (nothing was stored under it, so a retry is still one
        message); a missing or malformed key is replaced, or the form could never be sent.
        """
        if self.is_bound:
            key = self.data.get("idempotency_key", "")
            if isinstance(key, str) and KEY_PATTERN.match(key):
                return key
            if not hasattr(self, "_replacement_key"):
                self._replacement_key = new_idempotency_key()
            return self._replacement_key
        return self.initial.get("idempotency_key") or new_idempotency_key()


class ContactRequestForm(forms.Form):
    """The reason for a request to contact outside the platform (checked by the action)."""

    reason = forms.CharField(
        label=_("Why do you need to contact each other outside yorozu?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_(
            "For example: an on-site visit needs a phone number on the day. The secretariat "
            "reads every request."
        ),
    )
