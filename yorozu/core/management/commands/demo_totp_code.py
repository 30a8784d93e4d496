"""`manage.py demo_totp_code` (`make demo-code`): the demo staff's current sign-in code.

Development only (DEBUG on): the demo staff logins' authenticator holds a published secret
(`yorozu.core.demo_totp.py`), which must never guard a real account.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from yorozu.core.demo_totp import DEMO_TOTP_SECRET, seconds_left, totp_code


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo staff logins (development only)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_totp_code is for the development demo: DEBUG must be on.")
        self.stdout.write(
            f"{totp_code()}  (valid {seconds_left()} more seconds; secret {DEMO_TOTP_SECRET})"
        )
