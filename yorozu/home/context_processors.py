"""What the header needs on every page: the three unread badges, in one query."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.http import HttpRequest

from yorozu.content.selectors import unread_notices
from yorozu.messaging.selectors import unread_threads
from yorozu.notifications.selectors import unread_notifications


def count_many(*querysets) -> list[int]:
    """COUNT(*) of several querysets in a single round trip (scalar subqueries).

    The header shows three badges on every page; three separate COUNT queries would be paid by
    every page of the site, so they are folded into one SELECT of three scalar subqueries.
    """
    parts: list[str] = []
    params: list[Any] = []  # whatever Django's compiler made of each queryset
    for i, qs in enumerate(querysets):
        try:
            sql, qs_params = qs.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # e.g. pk__in=[]: nothing to count
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS yorozu_count_{i})")
        params.extend(qs_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return [int(n) for n in row]


def header(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    messages, notifications, notices = count_many(
        unread_threads(user), unread_notifications(user), unread_notices(user)
    )
    return {
        "header_unread_messages": messages,
        "header_unread_notifications": notifications,
        "unread_notice_count": notices,
    }
