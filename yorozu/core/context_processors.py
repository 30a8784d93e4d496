"""What the header needs on every page: role and unread counts (two cheap queries at most)."""

from django.http import HttpRequest


def header(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from yorozu.messaging.selectors import unread_thread_count
    from yorozu.notifications.selectors import unread_notification_count

    return {
        "header_unread_messages": unread_thread_count(user),
        "header_unread_notifications": unread_notification_count(user),
    }
