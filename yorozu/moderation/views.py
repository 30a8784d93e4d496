"""The secretariat's review console (staff only)."""

from django.http import HttpRequest, HttpResponse


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """Reserved URL name; replaced as the console is built."""
    return HttpResponse(status=501)
