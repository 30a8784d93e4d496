"""`{% already_reported "message" message.pk as done %}`: has the viewer reported this item?

The viewer's reports are read once per request (one query, only on pages that show a report
link), so a list of cards or messages costs no more than one item.
"""

from django import template

from yorozu.enforcement.selectors import reported_keys

register = template.Library()


@register.simple_tag(takes_context=True)
def already_reported(context, target: str, item_id) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    keys = getattr(request, "_yorozu_reported_keys", None)
    if keys is None:
        keys = reported_keys(user)
        request._yorozu_reported_keys = keys
    return (target, int(item_id)) in keys
