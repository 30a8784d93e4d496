"""A view that refuses, for the tests of the one mapping of `Refused` to a response."""

from django.urls import path

from yorozu.core.errors import Refused
from yorozu.urls import urlpatterns as site_urlpatterns


class SlowDown(Refused):
    default_code = "slowdown"
    status = 429


def refuses(request):
    raise Refused("その操作はできません。", "not_allowed")


def rate_limited(request):
    raise SlowDown("少し時間をおいてください。", retry_after=30)


urlpatterns = [
    path("refuses/", refuses),
    path("api/refuses/", refuses),
    path("slow/", rate_limited),
    *site_urlpatterns,  # the page around the message links to the site
]
