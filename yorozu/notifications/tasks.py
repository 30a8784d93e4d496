"""The e-mail copy of a notification, sent by a task worker rather than inside the request.

A slow or unreachable mail server then never holds a web process (docs/deploy.md): the action
enqueues this on commit, `db_worker` sends it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def send_notification_email(address: str, title: str, body: str, url: str) -> bool:
    """Send one notification's e-mail copy. A mail server failure is logged and lost (the
    in-app notification stays); returns whether it was sent."""
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
    try:
        send_mail(
            subject=f"[yorozu] {title}",
            message=f"{body}{link}",
            from_email=None,
            recipient_list=[address],
        )
    except Exception:
        logger.exception("could not e-mail a notification to %s", address)
        return False
    return True
