"""How django-allauth writes to yorozu: through the accounts actions, with their audit rows.

allauth runs the flows (signup, confirmation, login throttling, password reset and change, e-mail
change, TOTP and recovery codes); where a flow writes to our tables it calls these hooks, and each
hook is one action: a signup is `do_create_account` (both profiles, the terms version), a new
password is `do_set_password`, a confirmed address is audited. Staff cannot remove their last
second factor (it is required for every staff page).
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from yorozu.accounts.actions import do_create_account, do_record_email_confirmed, do_set_password
from yorozu.accounts.models import User


def user_display(user: Any) -> str:
    """How allauth's pages and mails name a person: their display name."""
    return str(getattr(user, "display_name", "") or "")


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> User:
        """A signup: the account, both profiles and the terms agreed to, in one action."""
        data = form.cleaned_data
        return do_create_account(
            email=data["email"],
            password=data["password1"],
            display_name=data["display_name"],
            role=data["role"],
            terms_version=settings.TERMS_VERSION,
        )

    def set_password(self, user: Any, password: str) -> None:
        request = self.request
        actor = getattr(request, "user", None) if request is not None else None
        do_set_password(user, password, actor=actor if actor == user else None)

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                do_record_email_confirmed(
                    email_address.user, email_address.email, actor=email_address.user
                )
        return confirmed

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A staff member keeps an authenticator app: staff pages need the second factor."""
        user = authenticator.user
        if user.is_staff and authenticator.type == Authenticator.Type.TOTP:
            return False
        return super().can_delete_authenticator(authenticator)
