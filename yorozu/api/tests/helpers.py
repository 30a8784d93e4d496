"""What the API tests share: a token for a user, and calls with it."""

from __future__ import annotations

import json

from django.test import Client

from yorozu.api.actions import do_create_access_token
from yorozu.api.models import Scope

PROPOSAL = {
    "price": 50000,
    "delivery_days": 10,
    "message": "ぜひ担当させてください。実績があります。",
}
ALL_SCOPES = [s for s in Scope.values if s != Scope.STAFF]


def token_for(user, scopes=None, *, second_factor: bool = False) -> str:
    if scopes is None:
        scopes = ALL_SCOPES + ([Scope.STAFF] if user.is_staff else [])
    _token, raw = do_create_access_token(
        user=user,
        name="test",
        scopes=scopes,
        second_factor=second_factor or user.is_staff,
        actor=user,
    )
    return raw


class Api:
    """Calls /api/v1/ with a bearer token (or none)."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self, headers: dict | None) -> dict:
        out = dict(headers or {})
        if self.token:
            out["Authorization"] = f"Bearer {self.token}"
        return out

    def get(self, path: str, params=None, headers=None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self._headers(headers))

    def send(self, method: str, path: str, body=None, headers=None):
        return getattr(self.client, method)(
            f"/api/v1{path}",
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self._headers(headers),
        )

    def post(self, path: str, body=None, headers=None):
        return self.send("post", path, body, headers)

    def patch(self, path: str, body=None, headers=None):
        return self.send("patch", path, body, headers)
