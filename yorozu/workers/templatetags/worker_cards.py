"""`{% worker_cards profiles %}`: worker search's cards, each rendered once per content.

A worker card is the same for every client reading it in one language, so it goes through
`core.fragments.render_each`, keyed by every value `workers/worker_card.html` shows.
"""

from django import template
from django.utils.safestring import mark_safe

from yorozu.certification.selectors import cached_worker_tier
from yorozu.core.fragments import render_each

register = template.Library()

CARD_TEMPLATE = "workers/worker_card.html"


def shown_on_card(profile) -> tuple:
    """Every value `workers/worker_card.html` reads (the card's cache key)."""
    user = profile.user
    return (
        profile.user_id,
        user.display_name,
        user.avatar,
        user.is_identity_verified,
        profile.headline,
        profile.rating_count,
        str(profile.rating_avg),
        profile.completed_count,
        getattr(profile, "prefecture_label", ""),
        profile.public_gender,
        profile.public_age_band,
        tuple(getattr(profile, "top_categories", ())),
        tuple(profile.skills_with_years[:8]),
        profile.hours_per_week,
        profile.available_from,
        profile.available_now(),
        profile.accepts_scouts,
        cached_worker_tier(user),  # the tier badge
    )


@register.simple_tag
def worker_cards(profiles):
    cards = render_each(
        CARD_TEMPLATE, profiles, shown=shown_on_card, context=lambda p: {"profile": p}
    )
    return mark_safe("".join(cards))
