"""The e-mail copy of a notification, sent by a task worker rather than inside the request.

A slow or unreachable mail server then never holds a web process (docs/deploy.md): the action
enqueues this on commit, `db_worker` sends it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

_UNSUBSCRIBE_FOOTER = _(
    "To stop these e-mails, open this link (no sign-in needed): %(url)s\n"
    "Choose what yorozu tells you in the notification settings."
)


@task()
def send_notification_email(
    address: str, title: str, body: str, url: str, unsubscribe: str = ""
) -> bool:
    """Send one notification's e-mail copy. A mail server failure is logged and lost (the
    in-app notification stays); returns whether it was sent.

    The unsubscribe link is in the text and in the List-Unsubscribe headers (RFC 8058), so a
    mail program's own "unsubscribe" button works in one click too.
    """
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
    footer, headers = "", {}
    if unsubscribe:
        with translation.override(settings.LANGUAGE_CODE):
            footer = "\n\n--\n" + str(_UNSUBSCRIBE_FOOTER) % {"url": unsubscribe}
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    try:
        EmailMessage(
            subject=f"[yorozu] {title}",
            body=f"{body}{link}{footer}",
            to=[address],
            headers=headers,
        ).send()
    except Exception:
        logger.exception("could not e-mail a notification to %s", address)
        return False
    return True
