"""The one call at the top of every action that writes for other people to read.

`admit(user, "message")` (also "job", "proposal", "scout") refuses an account whose e-mail address
is not confirmed (`EmailNotConfirmed`: it may browse, not post, propose, scout or message) and then
spends the action's quota for the account and the client's address (`core.quotas`, which raises
`QuotaExceeded`, 429). Both are `Refused`: the views show the message beside the form and keep the
draft.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.selectors import has_confirmed_email
from yorozu.core.errors import Refused
from yorozu.core.quotas import spend_quota

ACTIONS = ("message", "job", "proposal", "scout")


class EmailNotConfirmed(Refused):
    """The account's e-mail address is not confirmed yet."""

    default_code = "email_not_confirmed"
    status = 403

    def __init__(self) -> None:
        super().__init__(
            _(
                "Please confirm your e-mail address first: open the link in the e-mail we sent "
                "you (you can send it again from Account settings → E-mail address)."
            )
        )


def admit(user, action: str) -> None:
    """Raise unless `user` may do `action` now; count it against the action's quota."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not has_confirmed_email(user):
        raise EmailNotConfirmed()
    if action in settings.QUOTAS:
        spend_quota(action, account=user)
