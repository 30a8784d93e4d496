"""Reads of moderation cases that other apps need (the console's own reads are in
`console.selectors`)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from yorozu.moderation.models import CaseStatus, ModerationCase


def live_case(queue: str, obj) -> ModerationCase | None:
    """The undecided case for `obj` in `queue`, if there is one."""
    return (
        ModerationCase.objects.filter(
            queue=queue,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )
        .exclude(status=CaseStatus.DECIDED)
        .first()
    )


def has_live_case(queue: str, obj) -> bool:
    return live_case(queue, obj) is not None
