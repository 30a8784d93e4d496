"""The API's docs page, Swagger UI served from the site itself (no CDN, the site's own CSP).

django-ninja ships Swagger UI's files, but also Redoc and source maps (about 10 MB) that the
site does not serve; `SwaggerFiles` offers collectstatic and whitenoise the four files the page
needs, under `ninja/`, and `Docs` renders our template with them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ninja
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

NINJA_STATIC = Path(ninja.__file__).parent / "static"
SWAGGER_FILES = (
    "ninja/swagger-ui-bundle.js",
    "ninja/swagger-ui-init.js",
    "ninja/swagger-ui.css",
    "ninja/swagger-ui.css.map",  # the stylesheet names it; collectstatic checks it exists
    "ninja/favicon.png",
)


class SwaggerFiles(BaseFinder):
    """A staticfiles finder for Swagger UI's files in django-ninja's package, and nothing else."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(NINJA_STATIC))

    def check(self, **kwargs: Any) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if path in SWAGGER_FILES:
            found = str(NINJA_STATIC / path)
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns: Any) -> Any:
        for path in SWAGGER_FILES:
            yield path, self.storage


class Docs(Swagger):
    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api}
        return render(request, "api/docs.html", context)
