"""Views for enforcement (thin: access_* then one do_* then render)."""

from django.http import HttpRequest, HttpResponse


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """Reserved URL name; replaced as the app is built."""
    return HttpResponse(status=501)
