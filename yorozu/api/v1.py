"""/api/v1/: the API's operations, its schema (openapi.json) and its docs page (docs); any other
address under it answers a problem document, not the site's HTML 404 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt

from yorozu.api import errors
from yorozu.api.api import api


@csrf_exempt  # it changes nothing; a POST to a wrong address is told 404, not a CSRF page
def no_such_operation(request: HttpRequest, rest: str = "") -> HttpResponse:
    return errors.not_found(request, None)


urlpatterns: list[URLPattern | URLResolver] = [
    path("", api.urls),
    # [\s\S], not ".": an address with a newline in it (%0A) is still an unknown operation.
    re_path(r"^(?P<rest>[\s\S]*)$", no_such_operation),
]
