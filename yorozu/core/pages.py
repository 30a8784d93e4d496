"""Whole pages cached for visitors who are not signed in, under a version that every write raises.

The public pages (home, job search, a job page, a client profile) are the same HTML for every
visitor who is not signed in, apart from the CSRF token. Rendering them was nearly all of their
cost (bench/bench_pages.py), so `cached_for_visitors(name)` stores a GET's 200 response in the
per-process `fragments` cache under a key made of:

- the **page version** `name` — a counter in `core_pageversion` that database triggers raise in
  the same transaction as any insert, update or delete of a table those pages show (the apps
  that own the pages say which, see `install_version_triggers`). A write, by any code path
  (actions, bulk updates, the admin, a migration), makes a new key as it commits, so the next
  request renders afresh; old entries are never read again and are evicted;
- the minute, so that what changes with time alone (a deadline passing, a restriction's start or
  end) shows within a minute;
- the language and the full path.

Only requests that carry no session cookie and no flash message are served from it, and only
what they are served: anyone signed in gets the view itself, so nothing per-user (the header,
a proposal's state, what blocks or restrictions hide for a viewer) is ever stored. The CSRF
token is cut out before storing and the requester's own put in on every hit.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]
from django.utils.translation import get_language

PAGE_SECONDS = 120
CSRF_SLOT = "__yorozu_csrf_token__"
_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def page_version(name: str) -> int:
    """The current value of the counter `name` (one indexed read, no ORM)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM core_pageversion WHERE name = %s", [name])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _servable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HX-Request" not in request.headers
    )


def _cut_token(request: HttpRequest, content: str) -> str:
    """The page with every CSRF token made from this request's secret replaced by the slot."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def cut(match: re.Match[str]) -> str:
        return CSRF_SLOT if _unmask_cipher_token(match.group(0)) == secret else match.group(0)

    return _TOKEN.sub(cut, content)


def cached_for_visitors(name: str) -> Callable:
    """Serve the view's 200 GET responses to visitors not signed in from the page cache."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _servable(request):
                return view(request, *args, **kwargs)
            cache = caches["fragments"]
            key = (
                f"page:{name}:{page_version(name)}:{int(time.time() // 60)}:"
                f"{get_language()}:{request.get_full_path()}"
            )
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if (
                    response.status_code != 200
                    or response.streaming
                    or response.cookies
                    or getattr(getattr(request, "_messages", None), "_queued_messages", None)
                ):
                    return response
                content = _cut_token(request, response.content.decode(response.charset))
                cache.set(key, (content, response["Content-Type"]), PAGE_SECONDS)
                return response
            content, content_type = stored
            if CSRF_SLOT in content:
                content = content.replace(CSRF_SLOT, get_token(request))
            return HttpResponse(content, content_type=content_type)

        return wrapped

    return decorator


def install_version_triggers(
    name: str, tables: Iterable[str | tuple[str, tuple[str, ...]]], *, using: str = "default"
) -> None:
    """Triggers that raise the counter `name` on every write to `tables` (idempotent).

    An entry is a table, or (table, columns) to count only updates of those columns (a user's
    last login is not something a public page shows). Called after every `migrate`: SQLite
    drops a table's triggers when a migration rebuilds the table, so they are put back.
    """
    conn = connections[using]
    with conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_pageversion (name, n) SELECT %s, 0 WHERE NOT EXISTS "
            "(SELECT 1 FROM core_pageversion WHERE name = %s)",
            [name, name],
        )
        if conn.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION yorozu_bump_{name}() RETURNS trigger AS $$ "
                f"BEGIN UPDATE core_pageversion SET n = n + 1 WHERE name = '{name}'; "
                "RETURN NULL; END $$ LANGUAGE plpgsql"
            )
        for entry in tables:
            table, columns = (entry, ()) if isinstance(entry, str) else entry
            for op in ("INSERT", "UPDATE", "DELETE"):
                event = op
                if op == "UPDATE" and columns:
                    event = "UPDATE OF " + ", ".join(columns)
                trigger = f"yorozu_{name}_{table}_{op.lower()}"
                if conn.vendor == "postgresql":
                    cursor.execute(
                        f"CREATE OR REPLACE TRIGGER {trigger} AFTER {event} ON {table} "
                        f"FOR EACH STATEMENT EXECUTE FUNCTION yorozu_bump_{name}()"
                    )
                elif conn.vendor == "sqlite":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
                    cursor.execute(
                        f"CREATE TRIGGER {trigger} AFTER {event} ON {table} "
                        f"BEGIN UPDATE core_pageversion SET n = n + 1 WHERE name = '{name}'; END"
                    )
