"""What the secretariat's console needs about competitions nobody picked a winner for."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yorozu.formats.models import Competition
from yorozu.moderation.models import CaseQueue
from yorozu.moderation.registry import ModeratedKind, register


def register_kinds() -> None:
    # A competition whose client picked no winner waits in the disputes queue; the secretariat
    # refunds or awards the prize on its own page (the console links there).
    register(
        ModeratedKind(
            model=Competition,
            name="competition",
            label=_("competition"),
            queue=CaseQueue.DISPUTES,
            text=lambda c: f"{c.job.title}\n{c.job.description}",
            title=lambda c: c.job.title,
            author=lambda c: c.job.client,
            screening_kind="job",
            url=lambda c: reverse("formats:competition", args=[c.pk]),
            access=_no_report,
            decide_url=lambda c: reverse("formats:competition_decide", args=[c.pk]),
            select_related=("job", "job__client"),
        )
    )


def _no_report(user: Any, pk: int) -> Competition:
    raise Http404("a competition is reported as its job posting")
