"""Whole pages cached under a version that every write raises: for visitors, and per person.

Rendering was nearly all of a page's cost (bench/bench_pages.py: 20–90 ms of ORM and template
work against about 1 ms for the project's middleware alone). A page is stored in the
per-process `fragments` cache under a key made of:

- a **page version** — a counter in `core_pageversion` that database triggers raise in the same
  transaction as any insert, update or delete of a table the pages show (the top floor says
  which, see `home.apps`). Any write, by any code path (actions, bulk updates, the admin, a
  task), makes a new key as it commits, so the next request renders afresh; old entries are
  never read again and age out. "public" counts the tables the public pages show, "private"
  nearly every table;
- the minute, so that what changes with time alone (a deadline passing, a restriction's start
  or end, an acceptance period running out) shows within a minute;
- the language and the full path; and for `cached_for_person`, the signed-in person's id.

`cached_for_visitors` serves only requests without a session cookie: a signed-in person never
gets, and never stores, a visitor's page. `cached_for_person` stores one page per person and is
only put on views whose GET writes nothing the next GET depends on (a thread's read mark is a
no-op once read, and a write raises the version anyway). Neither stores a response that sets a
cookie, carries a flash message or changed the session, nor an htmx request. What is unique
to each rendering is put back on every hit: the CSRF token (cut out before storing), the CSP
nonce of the page's scripts (a policy that names nonces names the new request's own), and a
message form's idempotency key (a new one, so two sends from two loads stay two messages).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]
from django.utils.translation import get_language

PAGE_SECONDS = 120
CSRF_SLOT = "__yorozu_csrf_token__"
KEY_SLOT = "__yorozu_idempotency_key__"
NONCE_SLOT = "__yorozu_csp_nonce__"
_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")
_IDEMPOTENCY_KEY = re.compile(r'(name="idempotency_key" value=")[0-9a-f]{32}(")')


def page_version(name: str) -> int:
    """The current value of the counter `name` (one indexed read, no ORM)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM core_pageversion WHERE name = %s", [name])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _cut_unique(request: HttpRequest, content: str) -> str:
    """The page with this request's CSRF tokens, CSP nonce and any idempotency key replaced by
    slots."""
    nonce = get_nonce(request)
    if nonce:  # evaluated while rendering (htmx's script tag carries it)
        content = content.replace(f'nonce="{nonce}"', f'nonce="{NONCE_SLOT}"')
    secret = request.META.get("CSRF_COOKIE")
    if secret:

        def cut(match: re.Match[str]) -> str:
            token = match.group(0)
            return CSRF_SLOT if _unmask_cipher_token(token) == secret else token

        content = _TOKEN.sub(cut, content)
    return _IDEMPOTENCY_KEY.sub(rf"\g<1>{KEY_SLOT}\g<2>", content)


def _fill_unique(request: HttpRequest, content: str) -> str:
    if CSRF_SLOT in content:
        content = content.replace(CSRF_SLOT, get_token(request))
    if NONCE_SLOT in content:
        # The CSP header of this response names this request's nonce (and only once it is used).
        content = content.replace(NONCE_SLOT, str(get_nonce(request)))
    while KEY_SLOT in content:
        content = content.replace(KEY_SLOT, uuid.uuid4().hex, 1)
    return content


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(getattr(request, "_messages", None), "_queued_messages", None)
        and not (session is not None and session.modified)
    )


def _serve(
    request: HttpRequest, key: str, view: Callable[..., HttpResponse], *args, **kwargs
) -> HttpResponse:
    cache = caches["fragments"]
    stored = cache.get(key)
    if stored is not None:
        content, content_type = stored
        return HttpResponse(_fill_unique(request, content), content_type=content_type)
    response = view(request, *args, **kwargs)
    if _storable(request, response):
        content = _cut_unique(request, response.content.decode(response.charset))
        cache.set(key, (content, response["Content-Type"]), PAGE_SECONDS)
    return response


def _key(kind: str, version: str, request: HttpRequest, who: object = "") -> str:
    return (
        f"page:{kind}:{page_version(version)}:{int(time.time() // 60)}:{get_language()}:"
        f"{who}:{request.get_full_path()}"
    )


def _plain_get(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and "messages" not in request.COOKIES
        and "HX-Request" not in request.headers
    )


def cached_for_visitors(version: str) -> Callable:
    """Serve the view's 200 GET responses to visitors not signed in from the page cache."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _plain_get(request) or settings.SESSION_COOKIE_NAME in request.COOKIES:
                return view(request, *args, **kwargs)
            return _serve(request, _key("visitor", version, request), view, *args, **kwargs)

        return wrapped

    return decorator


def cached_for_person(version: str = "private") -> Callable:
    """Serve a signed-in person's 200 GET responses of the view from their own cached copy.

    Put it innermost (under `login_required`/`staff_view`), so those checks run on every
    request; the view's own access check is part of what a write to its tables re-runs.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if (
                not _plain_get(request)
                or not user.is_authenticated
                or "_messages" in request.session
            ):
                return view(request, *args, **kwargs)
            key = _key("person", version, request, who=user.pk)
            return _serve(request, key, view, *args, **kwargs)

        return wrapped

    return decorator


def install_version_triggers(
    name: str, tables: Iterable[str | tuple[str, tuple[str, ...]]], *, using: str = "default"
) -> None:
    """Triggers that raise the counter `name` on every write to `tables` (idempotent).

    An entry is a table, or (table, columns) to count only updates of those columns (a user's
    last login is not something a page shows). Called after every `migrate`: SQLite drops a
    table's triggers when a migration rebuilds the table, so they are put back.

    On PostgreSQL the triggers are deferred to the commit and raise the counter once per
    transaction: the counter's row is locked only for the instant of the commit, so writers
    do not queue (or deadlock) behind one another on it while their transactions run.
    """
    conn = connections[using]
    with conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_pageversion (name, n) SELECT %s, 0 WHERE NOT EXISTS "
            "(SELECT 1 FROM core_pageversion WHERE name = %s)",
            [name, name],
        )
        # Tests run each test inside one transaction that never commits: there a deferred,
        # once-per-transaction trigger would never fire, so they raise at every write
        # (settings.PAGE_VERSION_AT_EACH_WRITE), as SQLite does.
        each_write = getattr(settings, "PAGE_VERSION_AT_EACH_WRITE", False)
        if conn.vendor == "postgresql" and each_write:
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION yorozu_bump_{name}() RETURNS trigger AS $$ "
                f"BEGIN UPDATE core_pageversion SET n = n + 1 WHERE name = '{name}'; "
                "RETURN NULL; END $$ LANGUAGE plpgsql"
            )
        elif conn.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION yorozu_bump_{name}() RETURNS trigger AS $$ "
                f"BEGIN IF current_setting('yorozu.bumped_{name}', true) IS DISTINCT FROM "
                "txid_current()::text THEN "
                f"PERFORM set_config('yorozu.bumped_{name}', txid_current()::text, true); "
                f"UPDATE core_pageversion SET n = n + 1 WHERE name = '{name}'; END IF; "
                "RETURN NULL; END $$ LANGUAGE plpgsql"
            )
        for entry in tables:
            table, columns = (entry, ()) if isinstance(entry, str) else entry
            for op in ("INSERT", "UPDATE", "DELETE"):
                event = op
                if op == "UPDATE" and columns:
                    event = "UPDATE OF " + ", ".join(f'"{c}"' for c in columns)
                trigger = f"yorozu_{name}_{table}_{op.lower()}"[:63]
                on_table = f" ON {table}" if conn.vendor == "postgresql" else ""
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}{on_table}")
                if conn.vendor == "postgresql" and each_write:
                    cursor.execute(
                        f"CREATE TRIGGER {trigger} AFTER {event} ON {table} "
                        f"FOR EACH ROW EXECUTE FUNCTION yorozu_bump_{name}()"
                    )
                elif conn.vendor == "postgresql":
                    cursor.execute(
                        f"CREATE CONSTRAINT TRIGGER {trigger} AFTER {event} ON {table} "
                        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                        f"EXECUTE FUNCTION yorozu_bump_{name}()"
                    )
                elif conn.vendor == "sqlite":
                    cursor.execute(
                        f"CREATE TRIGGER {trigger} AFTER {event} ON {table} BEGIN "
                        f"UPDATE core_pageversion SET n = n + 1 WHERE name = '{name}'; END"
                    )
