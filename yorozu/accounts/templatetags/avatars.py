"""`{% avatar person 40 %}`: a person's picture, or their generated default, wherever a person
is shown (profile pages, worker cards, proposals, message threads, the header)."""

from django import template
from django.utils.safestring import SafeString

from yorozu.accounts.avatars import avatar_html

register = template.Library()


@register.simple_tag
def avatar(person, size: int = 40) -> SafeString:
    return avatar_html(person, int(size))
