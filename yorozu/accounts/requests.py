"""The request a view behind `login_required` (or a staff check) receives, for type checking."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from yorozu.accounts.models import User


class SignedInRequest(HttpRequest):
    """A signed-in User, and django-htmx's details."""

    user: User
    htmx: HtmxDetails
