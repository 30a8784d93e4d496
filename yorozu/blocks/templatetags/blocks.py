from django import template

from yorozu.blocks.selectors import has_blocked

register = template.Library()


@register.simple_tag
def blocked_by_me(user, other_id) -> bool:
    """Whether the signed-in `user` has blocked `other_id` (False for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False) or user.pk == other_id:
        return False
    return has_blocked(user, other_id)
