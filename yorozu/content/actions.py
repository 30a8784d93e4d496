"""Writes for content: marking notices read, and loading the shipped content.

Staff edits go through the Django admin, whose LogEntry is the audit trail for them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from yorozu.content import seed
from yorozu.content.models import (
    FaqCategory,
    FaqEntry,
    Notice,
    NoticeRead,
    Page,
    Section,
    TermsVersion,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from yorozu.accounts.models import User


def do_mark_notice_read(notice: Notice, *, actor: User | AnonymousUser | None) -> bool:
    """Record that `actor` opened `notice`; True the first time. Visitors leave no trace.

    Idempotent: a reload or two tabs opening the same notice never raise nor double count.
    """
    if actor is None or not actor.is_authenticated:
        return False
    if NoticeRead.objects.filter(user=actor, notice=notice).exists():
        return False
    try:
        with transaction.atomic():
            NoticeRead.objects.create(user=actor, notice=notice)
    except IntegrityError:  # the other tab won the race
        return False
    return True


def _upsert(model, refresh: bool, defaults: dict, **lookup):
    """Create the row when missing; overwrite its fields only when `refresh` is asked for."""
    if refresh:
        return model.objects.update_or_create(defaults=defaults, **lookup)
    return model.objects.get_or_create(defaults=defaults, **lookup)


@transaction.atomic(durable=True)
def do_load_content(
    *, actor: User | None = None, now=None, refresh: bool = False
) -> dict[str, int]:
    """Create the shipped notices, FAQ, terms and help pages; safe to run on every start.

    Rows are matched on their stable keys (slug, version, anchor), so running it again never
    duplicates anything, and by default never overwrites what the secretariat has since edited
    in the admin; `refresh=True` puts the shipped text back. Notice publish times and terms
    effective dates are set only on creation, relative to `now`, so the demo always has a recent
    notice and a current terms version.
    """
    now = now or timezone.now()
    counts = {"notices": 0, "faq": 0, "terms": 0, "pages": 0, "sections": 0}

    for item in seed.notices():
        fields = {k: v for k, v in item.items() if k not in {"slug", "days_ago"}}
        notice, created = _upsert(Notice, refresh, fields, slug=item["slug"])
        if created:
            notice.publish_at = now - timedelta(days=item["days_ago"])
            notice.save(update_fields=["publish_at"])
        counts["notices"] += 1

    for cat_position, category in enumerate(seed.faq(), start=1):
        cat, _ = _upsert(
            FaqCategory,
            refresh,
            {
                "name_ja": category["name_ja"],
                "name_en": category["name_en"],
                "position": cat_position * 10,
            },
            slug=category["slug"],
        )
        for position, entry in enumerate(category["entries"], start=1):
            _upsert(
                FaqEntry,
                refresh,
                {
                    "category": cat,
                    "question_ja": entry["question_ja"],
                    "question_en": entry["question_en"],
                    "answer_ja": entry["answer_ja"],
                    "answer_en": entry["answer_en"],
                    "position": position * 10,
                },
                slug=entry["slug"],
            )
            counts["faq"] += 1

    today = timezone.localdate(now)
    for terms in seed.terms():
        fields = {k: v for k, v in terms.items() if k not in {"version", "effective_days_ago"}}
        fields["effective_on"] = today - timedelta(days=terms["effective_days_ago"])
        version = TermsVersion.objects.filter(version=terms["version"]).first()
        if version is None:
            TermsVersion.objects.create(version=terms["version"], **fields)
        elif refresh:  # keep the date it took effect; refresh the text only
            fields.pop("effective_on")
            for key, value in fields.items():
                setattr(version, key, value)
            version.save(update_fields=list(fields))
        counts["terms"] += 1

    for position, shipped in enumerate(seed.pages(), start=1):
        fields = {k: v for k, v in shipped.items() if k not in {"slug", "sections"}}
        fields["position"] = position * 10
        page, _ = _upsert(Page, refresh, fields, slug=shipped["slug"])
        counts["pages"] += 1
        for section_position, section in enumerate(shipped["sections"], start=1):
            _upsert(
                Section,
                refresh,
                {
                    "title_ja": section["title_ja"],
                    "title_en": section["title_en"],
                    "body_ja": section["body_ja"],
                    "body_en": section["body_en"],
                    "position": section_position * 10,
                },
                page=page,
                anchor=section["anchor"],
            )
            counts["sections"] += 1
    return counts
