"""E-mail a person can read in any mail client and in the development console.

Python's e-mail package picks base64 for Japanese text (its lines are long in UTF-8 bytes), which
reads as noise in the console and in a raw mail. These backends re-encode each text part as UTF-8
in 8-bit (the console and the file backend: what a developer reads) or quoted-printable (SMTP,
safe through any relay); attachments keep their encoding. `settings.py` puts them in place of
Django's console, file and SMTP backends, whichever `EMAIL_BACKEND` names.
"""

from __future__ import annotations

import email.message
import email.policy
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends import console, filebased, smtp

# RFC 5322's limit on a line; a text with a longer line cannot go 8-bit.
MAX_LINE_BYTES = 998


def readable(msg: email.message.EmailMessage, cte: str) -> email.message.EmailMessage:
    """`msg` with each text part (not an attachment) that is base64 re-encoded with `cte`;
    for quoted-printable, 8-bit parts too (a relay without 8BITMIME would mangle them)."""
    redo = {"base64", "8bit"} if cte == "quoted-printable" else {"base64"}
    for part in msg.walk():
        if (
            part.get_content_maintype() == "text"
            and not part.is_attachment()
            and str(part.get("Content-Transfer-Encoding", "")).lower() in redo
        ):
            text = part.get_content()  # type: ignore[attr-defined]
            chosen = cte
            if cte == "8bit" and any(
                len(line.encode()) > MAX_LINE_BYTES for line in text.splitlines()
            ):
                chosen = "quoted-printable"
            part.set_content(  # type: ignore[attr-defined]
                text, subtype=part.get_content_subtype(), charset="utf-8", cte=chosen
            )
    return msg


class _Readable:
    """A Django message whose MIME form is re-encoded; everything else is the message's own."""

    def __init__(self, message: EmailMessage, cte: str) -> None:
        self._message = message
        self._cte = cte

    def __getattr__(self, name: str) -> Any:
        return getattr(self._message, name)

    def message(self, *, policy: email.policy.Policy = email.policy.default) -> Any:
        return readable(self._message.message(policy=policy), self._cte)


class ConsoleEmailBackend(console.EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        return super().send_messages([_Readable(m, "8bit") for m in email_messages])  # type: ignore[misc]


class FileEmailBackend(filebased.EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        return super().send_messages([_Readable(m, "8bit") for m in email_messages])  # type: ignore[misc]


class SMTPEmailBackend(smtp.EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        return super().send_messages(
            [_Readable(m, "quoted-printable") for m in email_messages]  # type: ignore[misc]
        )
