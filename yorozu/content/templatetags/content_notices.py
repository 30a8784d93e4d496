"""`{% get_latest_notices 3 as notices %}`: lets `content/latest_notices.html` be included from
any page (the home page) without that page's view knowing about notices."""

from django import template

from yorozu.content.selectors import latest_notices

register = template.Library()


@register.simple_tag
def get_latest_notices(limit: int = 3):
    try:
        limit = max(1, min(int(limit), 10))
    except (TypeError, ValueError):
        limit = 3
    return latest_notices(limit=limit)
