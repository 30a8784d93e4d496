from django import template

from yorozu.favourites.selectors import is_favourite

register = template.Library()


@register.simple_tag
def kept_as_favourite(user, kind: str, target_id: int) -> bool:
    """Whether the signed-in `user` keeps `target_id` as a favourite of `kind`."""
    return is_favourite(user, kind, target_id)
