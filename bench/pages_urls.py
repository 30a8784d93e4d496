"""The project's URLs plus the floor: the cheapest response the same server can give.

`/__bench/floor/` answers `HttpResponse("ok")` through every middleware in `MIDDLEWARE` (session,
locale, CSRF, authentication, CSP and the rest), so a page's ratio to it is what the page itself
costs. It exists only in the page benchmark's server (`pages_settings.py`).
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from yorozu.urls import handler429  # noqa: F401
from yorozu.urls import urlpatterns as project_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("__bench/floor/", floor), *project_urlpatterns]
