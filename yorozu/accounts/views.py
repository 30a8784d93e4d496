"""Views for accounts (thin: access_* then one do_* then render)."""

from django.http import HttpRequest, HttpResponse


def placeholder(request: HttpRequest) -> HttpResponse:  # replaced as the app is built
    return HttpResponse("")
