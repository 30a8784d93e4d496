"""Markdown → safe HTML for everything the secretariat writes.

Staff accounts can be phished too, so the rendered HTML is never trusted: Python-Markdown passes
raw HTML through, and nh3 (ammonia) then keeps only an allow-list of tags and attributes. No
script, style or iframe survives, no event handler, no `javascript:`/`data:` URL, and every link
carries rel="nofollow noopener" so a notice cannot lend our reputation to a scam site.
"""

from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
LINK_REL = "nofollow noopener"


def sanitize_html(html: str) -> str:
    """Keep only the allow-list; everything else is unwrapped or (for scripts) dropped."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


@lru_cache(maxsize=512)
def _render(text: str) -> str:
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return sanitize_html(html)


def render_markdown(text: str) -> SafeString:
    """Render staff-written Markdown to sanitized HTML, safe to insert into a template."""
    if not text:
        return mark_safe("")
    return mark_safe(_render(text))
