"""Top-level URLs: each app is namespaced (jobs:detail, contracts:detail, ...)."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("yorozu.core.urls")),
    path("", include("yorozu.accounts.urls")),
    path("jobs/", include("yorozu.jobs.urls")),
    path("", include("yorozu.contracts.urls")),
    path("reviews/", include("yorozu.reviews.urls")),
    path("messages/", include("yorozu.messaging.urls")),
    path("notifications/", include("yorozu.notifications.urls")),
    path("workers/", include("yorozu.workers.urls")),
    path("", include("yorozu.content.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
