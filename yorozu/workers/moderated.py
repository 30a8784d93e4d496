"""What the secretariat's tools need about scouts, registered with the moderation registry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, register
from yorozu.workers.actions import (
    do_reject_held_scout,
    do_release_held_scout,
    do_take_down_scout,
)
from yorozu.workers.models import Scout
from yorozu.workers.selectors import access_scout_for_worker


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=Scout,
            name="scout",
            label=_("scout"),
            queue=CaseQueue.MESSAGES,
            text=lambda s: s.message,
            title=lambda s: s.message[:60],
            author=lambda s: s.client,
            screening_kind="scout",
            access=access_scout_for_worker,
            approve=do_release_held_scout,
            reject=do_reject_held_scout,
            take_down=do_take_down_scout,
            select_related=("client", "job"),
        )
    )
