"""The demo's accounts sign in as real ones do: confirmed addresses, and staff with TOTP.

Every demo account's address is confirmed (allauth's EmailAddress rows, in bulk), and the two
demo staff logins get an authenticator holding the fixed demo secret (`demo.totp`), so the staff
second factor can be passed in development. Development only, as the whole demo loader is.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from yorozu.accounts.models import User
from yorozu.core.demo_totp import DEMO_TOTP_SECRET
from yorozu.demo.builder import CLIENT_EMAIL, STAFF_EMAIL, WORKER_EMAIL
from yorozu.demo.safety import SECOND_STAFF_EMAIL

DEMO_LOGINS = (CLIENT_EMAIL, WORKER_EMAIL, STAFF_EMAIL, SECOND_STAFF_EMAIL)


def confirm_demo_addresses(emails: tuple[str, ...] | None = None) -> int:
    """Confirm the address of every demo account (or of `emails` only): a row for those without
    one, and rows left unconfirmed by the migration confirmed. Returns how many rows changed."""
    users = User.objects.all() if emails is None else User.objects.filter(email__in=emails)
    changed = EmailAddress.objects.filter(user__in=users, verified=False).update(verified=True)
    have = set(EmailAddress.objects.filter(user__in=users).values_list("user_id", flat=True))
    rows = [
        EmailAddress(user_id=pk, email=email, primary=True, verified=True)
        for pk, email in users.values_list("pk", "email")
        if pk not in have
    ]
    EmailAddress.objects.bulk_create(rows, batch_size=1000)
    return changed + len(rows)


def give_demo_staff_authenticators() -> int:
    """An authenticator app with the demo secret for each demo staff login (idempotent)."""
    made = 0
    for user in User.objects.filter(email__in=[STAFF_EMAIL, SECOND_STAFF_EMAIL]):
        _, created = Authenticator.objects.get_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}},
        )
        made += created
    return made
