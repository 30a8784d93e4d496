"""/api/v1/: the API's operations, its schema (openapi.json) and its docs page (docs)."""

from django.urls import URLResolver, path

from yorozu.api.api import api

urlpatterns: list[URLResolver] = [path("", api.urls)]
