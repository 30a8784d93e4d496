"""Quotas: how many messages, postings, proposals and signups one account and one address may make.

A flood (500 messages in 9 s from one account, 30 signups from one address) is stopped here, at
the top of each action, by one call: `spend_quota("message", account=sender)`. Each action has
sliding windows per account and per client address (`settings.QUOTAS`, e.g. at most 3 messages in
any second and 30 in any minute); an attempt past one raises `QuotaExceeded`, a `Refused` with
status 429 and `retry_after` seconds, before anything is written, and the view shows it beside the
form with what was typed.

The counters live where every process sees them: rows in the database (exact under concurrency:
the key's hits are counted under a lock) or, when `QUOTA_STORE = "cache"`, a sorted set per key in
Redis, checked and added by one Lua script. The client's address comes from
`ClientAddressMiddleware` (allauth's notion of it, which honours `TRUSTED_PROXY_COUNT`); outside a
request (the demo loader, tasks) only the account's quota applies.
"""

from __future__ import annotations

import ipaddress
import math
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused, refused_response
from yorozu.core.models import QuotaHit

_client_address: ContextVar[str | None] = ContextVar("yorozu_client_address", default=None)
_exempt: ContextVar[bool] = ContextVar("yorozu_quota_exempt", default=False)


class QuotaExceeded(Refused):
    """Too many of one action too fast; `retry_after` says in how many seconds it may go on."""

    default_code = "rate_limited"
    status = 429

    def __init__(self, action: str, retry_after: int) -> None:
        super().__init__(
            _(
                "You are doing this too often. Nothing was lost: please wait %(seconds)s seconds "
                "and try again."
            )
            % {"seconds": retry_after},
            retry_after=retry_after,
        )
        self.action = action


@dataclass(frozen=True)
class Window:
    """At most `count` hits in any `seconds`."""

    count: int
    seconds: int


def limits_for(action: str, kind: str) -> list[Window]:
    """The windows `settings.QUOTAS` sets for `action` per `kind` ("account" or "address")."""
    return [Window(int(c), int(s)) for c, s in settings.QUOTAS.get(action, {}).get(kind, [])]


def spend_quota(action: str, *, account=None) -> None:
    """Count one `action` by `account` (a user, or None) from the current client address.

    Raises `QuotaExceeded` if any window of either is full; the refused attempt is not counted.
    """
    if action not in settings.QUOTAS:
        raise ValueError(f"no quota is set for {action!r}")
    if _exempt.get():
        return
    keys: list[tuple[str, list[Window]]] = []
    if account is not None and getattr(account, "pk", None) is not None:
        keys.append((f"{action}:account:{account.pk}", limits_for(action, "account")))
    address = _client_address.get()
    if address:
        keys.append((f"{action}:address:{address}", limits_for(action, "address")))
    keys = [(key, windows) for key, windows in keys if windows]
    if not keys:
        return
    store = _store(settings.QUOTA_STORE)
    retry_after = store(keys, time.time())
    if retry_after is not None:
        raise QuotaExceeded(action, retry_after)


@contextmanager
def quotas_exempt() -> Iterator[None]:
    """Within this block, nothing is counted (the demo loader builds a whole marketplace)."""
    token = _exempt.set(True)
    try:
        yield
    finally:
        _exempt.reset(token)


# --- stores: each counts every key's hits in its windows and, if none is full, adds one -------
# A store returns None when the hit was added, else the seconds until the fullest window frees.

Store = Callable[[list[tuple[str, list[Window]]], float], "int | None"]


def _retry_after(oldest_needed: float, seconds: int, now: float) -> int:
    return max(1, math.ceil(oldest_needed + seconds - now))


def _database_store(keys: list[tuple[str, list[Window]]], now: float) -> int | None:
    with transaction.atomic():
        for key, _windows in keys:
            _lock(key)
        waits: list[int] = []
        for key, windows in keys:
            longest = max(w.seconds for w in windows)
            QuotaHit.objects.filter(key=key, at__lt=now - longest).delete()
            counts = QuotaHit.objects.filter(key=key).aggregate(
                **{
                    f"w{i}": Count("id", filter=Q(at__gt=now - w.seconds))
                    for i, w in enumerate(windows)
                }
            )
            for i, window in enumerate(windows):
                if counts[f"w{i}"] >= window.count:
                    # The hit that must leave the window before one more fits in it.
                    needed = (
                        QuotaHit.objects.filter(key=key, at__gt=now - window.seconds)
                        .order_by("-at")
                        .values_list("at", flat=True)[window.count - 1]
                    )
                    waits.append(_retry_after(needed, window.seconds, now))
        if waits:
            return max(waits)
        QuotaHit.objects.bulk_create([QuotaHit(key=key, at=now) for key, _w in keys])
    return None


def _lock(key: str) -> None:
    """Serialize the hits of one key until the transaction ends.

    PostgreSQL: a transaction-level advisory lock on the key's hash. SQLite: every write
    transaction already holds the database's write lock (settings: transaction_mode IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


# Check every key's windows, then add a hit to each, atomically (Redis runs a script alone).
# KEYS: the sorted sets; ARGV: now, a unique member, then per key: n, then n (count, seconds).
_REDIS_SCRIPT = """
local now = tonumber(ARGV[1])
local member = ARGV[2]
local pos = 3
local wait = 0
local plans = {}
for k = 1, #KEYS do
  local n = tonumber(ARGV[pos]); pos = pos + 1
  local longest = 0
  for i = 1, n do
    local count = tonumber(ARGV[pos]); local seconds = tonumber(ARGV[pos + 1]); pos = pos + 2
    if seconds > longest then longest = seconds end
    local inside = redis.call('ZCOUNT', KEYS[k], '(' .. (now - seconds), '+inf')
    if inside >= count then
      local hit = redis.call('ZREVRANGEBYSCORE', KEYS[k], '+inf', '(' .. (now - seconds),
                             'WITHSCORES', 'LIMIT', count - 1, 1)
      local w = tonumber(hit[2]) + seconds - now
      if w > wait then wait = w end
    end
  end
  plans[k] = longest
end
if wait > 0 then return tostring(wait) end
for k = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', now - plans[k])
  redis.call('ZADD', KEYS[k], now, member)
  redis.call('EXPIRE', KEYS[k], math.ceil(plans[k]) + 1)
end
return false
"""


@memoize
def _redis_script(url: str):
    import redis

    return redis.Redis.from_url(url).register_script(_REDIS_SCRIPT)


def _cache_store(keys: list[tuple[str, list[Window]]], now: float) -> int | None:
    if not settings.REDIS_URL:
        raise RuntimeError('QUOTA_STORE = "cache" needs REDIS_URL')
    args: list[object] = [repr(now), uuid.uuid4().hex]
    for _key, windows in keys:
        args.append(len(windows))
        for window in windows:
            args += [window.count, window.seconds]
    wait = _redis_script(settings.REDIS_URL)(
        keys=[f"yorozu:quota:{key}" for key, _w in keys], args=args
    )
    if wait is None:
        return None
    return max(1, math.ceil(float(wait)))


def _store(name: str) -> Store:
    stores: dict[str, Store] = {"database": _database_store, "cache": _cache_store}
    if name not in stores:
        raise ValueError(f"unknown QUOTA_STORE {name!r}")
    return stores[name]


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The answer to a rate limit spent outside an action (allauth's login, signup and reset
    limits, through `handler429`): our refusal page, 429, Retry-After of the shortest window."""
    return refused_response(request, QuotaExceeded("request", ALLAUTH_RETRY_AFTER))


ALLAUTH_RETRY_AFTER = 60  # allauth's windows are a minute or more; it does not say which one


# --- the client's address --------------------------------------------------------------------


def client_address(request: HttpRequest) -> str:
    """The client's address as allauth finds it for login throttling (one notion for both; it
    honours TRUSTED_PROXY_COUNT), an IPv6 address widened to its /64 as a household's is."""
    from allauth.account.adapter import get_adapter

    address = str(get_adapter(request).get_client_ip(request))
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return address


class ClientAddressMiddleware:
    """Makes the request's client address known to `spend_quota` for the request's duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            address: str | None = client_address(request)
        except PermissionDenied:  # no usable address (a bad forwarded header): by account only
            address = None
        token = _client_address.set(address)
        try:
            return self.get_response(request)
        finally:
            _client_address.reset(token)
