"""Cursor (keyset) pagination for the API's lists.

A cursor is the position of the last row of a page in the list's own order (its `order_by`,
which ends with the primary key so every position is unique), encoded opaquely. The next page
is "the rows after it" — a range on an index, never an OFFSET, and stable while rows are added.
"""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from yorozu.api.errors import Invalid

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def _encode(values: list[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, datetime.date) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def _decode(cursor: str, width: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except ValueError:
        values = None
    if (
        not isinstance(values, list)
        or len(values) != width
        or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    ):
        raise Invalid({"cursor": [str(_("This cursor is not one this list gave."))]})
    return values


def _after(order: list[str], values: list[Any]) -> Q:
    """Rows strictly after `values` in `order`: (a > x) | (a = x & b > y) | …"""
    condition = Q()
    for i, field in enumerate(order):
        name = field.lstrip("-")
        step = Q(**{f"{name}__{'lt' if field.startswith('-') else 'gt'}": values[i]})
        for earlier, value in zip(order[:i], values[:i], strict=True):
            step &= Q(**{earlier.lstrip("-"): value})
        condition |= step
    return condition


def cursor_page[M: Model](
    queryset: QuerySet[M], cursor: str | None, limit: int = DEFAULT_LIMIT
) -> tuple[list[M], str | None]:
    """One page of `queryset` after `cursor`, and the cursor of the next page (None at the end).

    The queryset's ordering must be plain non-null fields ending with the primary key.
    """
    order = [str(f) for f in queryset.query.order_by]
    if not order or order[-1].lstrip("-") not in ("id", "pk"):
        raise ValueError("a paginated list is ordered by fields ending with the primary key")
    limit = max(1, min(MAX_LIMIT, limit))
    if cursor:
        try:
            queryset = queryset.filter(_after(order, _decode(cursor, len(order))))
        except (ValueError, TypeError, ValidationError) as exc:  # a value the field cannot take
            raise Invalid({"cursor": [str(_("This cursor is not one this list gave."))]}) from exc
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], _encode([getattr(last, f.lstrip("-")) for f in order])
