"""Top-level URLs: each app is namespaced (jobs:detail, contracts:detail, ...)."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve


def serve_public_media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Development-only media serving that never serves private uploads (identity documents)."""
    if path.startswith("identity/") or "/identity/" in path:
        raise Http404
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them the icon."""
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))


# The admin signs in through our login (throttled, with the staff second factor), never its own.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("favicon.ico", favicon),
    path("", include("yorozu.home.urls")),
    path("", include("yorozu.accounts.urls")),
    # allauth's pages under account/: password reset (linked from the login page) and change,
    # e-mail change and confirmation, two-factor authentication (account/2fa/).
    path("account/blocks/", include("yorozu.blocks.urls")),
    path("account/favourites/", include("yorozu.favourites.urls")),
    path("account/searches/", include("yorozu.alerts.urls")),
    path("account/portfolio/", include("yorozu.portfolio.urls")),
    path("account/", include("allauth.urls")),
    path("jobs/", include("yorozu.jobs.urls")),
    path("", include("yorozu.formats.urls")),
    path("", include("yorozu.contracts.urls")),
    path("reviews/", include("yorozu.reviews.urls")),
    path("messages/", include("yorozu.messaging.urls")),
    path("notifications/", include("yorozu.notifications.urls")),
    path("files/", include("yorozu.files.urls")),
    path("workers/", include("yorozu.workers.urls")),
    path("", include("yorozu.content.urls")),
    path("", include("yorozu.certification.urls")),
    path("", include("yorozu.enforcement.urls")),
    path("console/", include("yorozu.console.urls")),
    path("", include("yorozu.api.urls")),
    path("api/v1/", include("yorozu.api.v1")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_public_media)]

# allauth answers a spent rate limit (too many logins, signups, resets from one address) through
# this handler: the same Japanese refusal page as our own quotas, 429 with Retry-After.
handler429 = "yorozu.core.quotas.too_many_requests"
