"""The test client every test uses (the `client` fixture): Django's, aware of the staff second
factor."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from django.test import Client


class YorozuClient(Client):
    """Django's test client, whose `force_login` of a staff member also records the second
    factor, as signing in through the login form with their TOTP code does.

    `force_login` skips the login form; for staff that form ends with the TOTP step, so a test
    that logs a staff member in this way starts where a real staff session would. Tests of the
    second-factor gate itself pass `second_factor=False` (or sign in through the real forms).
    """

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        if second_factor and user.is_staff:
            record_second_factor(self, user)


def record_second_factor(client: Client, user) -> None:
    """Write allauth's record of a passed TOTP step into the client's session."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
