"""The JSON API, version 1: one NinjaAPI whose routers call the same selectors and actions as the
pages (`routes/`), with the API's conventions in one place:

- errors are `application/problem+json` with a stable `code` (`errors.py`), and the schema says so;
- a successful GET carries a strong ETag of its body and answers `If-None-Match` with 304;
- the docs page (`/api/v1/docs`) is Swagger UI from django-ninja's own static files, no CDN.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from ninja import NinjaAPI

from yorozu.api import errors
from yorozu.api.docs import Docs
from yorozu.api.errors import PROBLEM_TYPE
from yorozu.api.routes import account, jobs, messaging, safety, work, workers

DESCRIPTION = """yorozu's JSON API. Authenticate with a personal access token
(`Authorization: Bearer yz_…`, made at /account/tokens/) or, from the site's own pages, the session
and its CSRF token. Errors are `application/problem+json` with a stable `code`. See docs/api.md."""


# OpenAPI links (what a client, and Schemathesis's stateful phase, may do with what a write
# returned): (method, path, status) of the source → [(name, method, path, parameter)], the
# parameter taken from the answer's `id`.
LINKS = {
    ("post", "/jobs", "201"): [
        ("GetJob", "get", "/jobs/{job_id}", "job_id"),
        ("EditJob", "patch", "/jobs/{job_id}", "job_id"),
        ("CloseJob", "post", "/jobs/{job_id}/close", "job_id"),
        ("Propose", "post", "/jobs/{job_id}/proposals", "job_id"),
        ("JobProposals", "get", "/jobs/{job_id}/proposals", "job_id"),
    ],
    ("post", "/jobs/{job_id}/proposals", "201"): [
        ("GetProposal", "get", "/proposals/{proposal_id}", "proposal_id"),
        ("HireProposal", "post", "/proposals/{proposal_id}/hire", "proposal_id"),
    ],
    ("post", "/proposals/{proposal_id}/hire", "201"): [
        ("GetContract", "get", "/contracts/{contract_id}", "contract_id"),
        ("TakeStep", "post", "/contracts/{contract_id}/steps/{step}", "contract_id"),
    ],
}


def add_links(schema: dict) -> None:
    paths = schema.get("paths", {})
    prefix = next((p.removesuffix("/jobs") for p in paths if p.endswith("/jobs")), "")
    for (method, path, status), links in LINKS.items():
        answer = paths.get(prefix + path, {}).get(method, {}).get("responses", {}).get(int(status))
        if answer is None:
            continue
        answer["links"] = {
            name: {
                "operationId": paths[prefix + target][target_method]["operationId"],
                "parameters": {parameter: "$response.body#/id"},
            }
            for name, target_method, target, parameter in links
            if target_method in paths.get(prefix + target, {})
        }


class YorozuAPI(NinjaAPI):
    _schemas: dict[str, Any] = {}

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, ["Authorization", "Cookie", "Accept-Language"])
            asked = request.headers.get("If-None-Match", "")
            if etag in [tag.strip() for tag in asked.split(",")] or asked.strip() == "*":
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                return not_modified
        return response

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Error answers are declared as problem documents, as they are sent; writes link to
        what may follow them."""
        key = repr((args, sorted(kwargs.items())))
        if key in self._schemas:  # the schema is the code's: built once per process
            return self._schemas[key]
        schema = super().get_openapi_schema(*args, **kwargs)
        self._schemas[key] = schema
        add_links(schema)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for code, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if str(code)[0] in "45" and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
        return schema


api = YorozuAPI(
    title="yorozu API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=Docs(),
)
errors.install(api)
api.add_router("/", account.router)
api.add_router("/jobs", jobs.router)
api.add_router("/", work.router)
api.add_router("/", messaging.router)
api.add_router("/", workers.router)
api.add_router("/", safety.router)
