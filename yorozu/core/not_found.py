"""A visitor never sees Django's technical 404 page.

With DEBUG on (as `make run` serves the demo), Django answers an unknown address with a page
that lists every URL pattern of the site. This middleware swaps that page for the site's own
`404.html`, the one production shows, so the demo tells a visitor what production would.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.defaults import page_not_found

# Django's technical pages carry this robots tag; the site's own pages never do.
TECHNICAL_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


class FriendlyNotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not response.streaming
            and TECHNICAL_MARK in response.content
        ):
            return page_not_found(request, exception=None)
        return response
