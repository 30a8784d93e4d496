"""The demo staff's authenticator app: one fixed TOTP secret, development only.

Staff pages need a second factor (accounts.middleware). So that `staff@example.com` and
`reviewer@example.com` can sign in to the demo, `load_demo_data` (which refuses to run with DEBUG
off) gives both an authenticator holding DEMO_TOTP_SECRET. Add the secret to an authenticator app,
or print the current code with `make demo-code` (`manage.py demo_totp_code`). The browser tests
compute it with `totp_code`. Plain Python (RFC 6238: HMAC-SHA1, 30 seconds, 6 digits, as allauth's
defaults), importable without Django.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPYOROZUDEMO234567"
PERIOD = 30
DIGITS = 6


def totp_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    """The code an authenticator app shows for `secret` at time `at` (now by default)."""
    counter = int((time.time() if at is None else at) // PERIOD)
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def seconds_left(at: float | None = None) -> int:
    """How long the current code stays valid."""
    now = time.time() if at is None else at
    return PERIOD - int(now % PERIOD)
