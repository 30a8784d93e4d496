"""Notifications about proposals and contracts, written in the site's language.

The recipient is not the person making the request, so the text is rendered in the site's
default language (Japanese) rather than whatever language the actor happens to browse in.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from yorozu.notifications.actions import do_notify


def notify(user, *, kind: str, title, body="", url: str = "", params=None) -> None:
    """Render `title`/`body` (lazy msgids with %(name)s placeholders) and call `do_notify`."""
    params = params or {}
    with translation.override(settings.LANGUAGE_CODE):
        do_notify(
            user,
            kind=kind,
            title=str(title) % params if params else str(title),
            body=str(body) % params if params and body else str(body),
            url=url,
        )
