"""Template context for every page: the signed-in user's unread notice count (one query)."""

from django.http import HttpRequest

from yorozu.content.selectors import unread_notice_count


def notices(request: HttpRequest) -> dict[str, object]:
    """`unread_notice_count` for the header badge; nothing at all for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notice_count": unread_notice_count(user)}
