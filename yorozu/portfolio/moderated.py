"""What the secretariat's tools need about portfolio works, registered with the moderation
registry: a work can be reported from the profile it is shown on, and an upheld report takes it
down. (Its text is screened as profile text, which is refused rather than held; its files are
held, when they are, as attached files.)"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, register
from yorozu.portfolio.actions import do_take_down_work
from yorozu.portfolio.models import PortfolioWork
from yorozu.portfolio.selectors import access_work


def register_kinds() -> None:
    register(
        ModeratedKind(
            model=PortfolioWork,
            name="portfolio_work",
            label=_("portfolio work"),
            queue=CaseQueue.ACCOUNTS,
            text=lambda w: w.text,
            title=lambda w: w.title,
            author=lambda w: w.worker,
            screening_kind="profile",
            url=lambda w: reverse("workers:profile", args=[w.worker_id]) + f"#work-{w.pk}",
            access=access_work,
            reject=do_take_down_work,
            take_down=do_take_down_work,
            select_related=("worker",),
        )
    )
