"""The token pages under /account/tokens/ (the API itself is in `v1.py`)."""

from django.urls import URLPattern, URLResolver, path

from yorozu.api import views

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/tokens/<id:token_id>/revoke/", views.revoke, name="revoke"),
]
