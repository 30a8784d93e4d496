"""Writes for content: marking notices read, notice drafts and their publication, and loading
the shipped content.

Staff edits go through the Django admin, whose LogEntry is the audit trail for them; the draft
actions here (the console's monthly round-up) write the same LogEntry rows, so a notice's history
in the admin is complete whichever way it was edited.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
from yorozu.core.errors import Refused
from yorozu.core.staff import REVIEW, require_staff_permission

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


class NoticeRefused(Refused):
    default_code = "notice_refused"


def _log(notice: Notice, *, flag: int, message: str, actor: User) -> None:
    LogEntry.objects.create(
        user_id=actor.pk,
        content_type_id=ContentType.objects.get_for_model(Notice).pk,
        object_id=str(notice.pk),
        object_repr=str(notice)[:200],
        action_flag=flag,
        change_message=message,
    )


@transaction.atomic
def do_save_notice_draft(
    *,
    slug: str,
    category: str,
    title_ja: str,
    body_ja: str,
    title_en: str = "",
    body_en: str = "",
    actor: User,
) -> Notice:
    """Create the draft notice `slug`, or rewrite it while it is still a draft (drafting the same
    month's round-up again replaces the text). A published notice is never overwritten here."""
    require_staff_permission(actor, REVIEW)
    notice = Notice.objects.select_for_update().filter(slug=slug).first()
    fields = {
        "category": category,
        "title_ja": title_ja,
        "body_ja": body_ja,
        "title_en": title_en,
        "body_en": body_en,
    }
    if notice is None:
        notice = Notice.objects.create(slug=slug, is_draft=True, **fields)
        _log(notice, flag=ADDITION, message="Drafted", actor=actor)
        return notice
    if not notice.is_draft:
        raise NoticeRefused(_("This notice is already published; edit it in the admin instead."))
    for name, value in fields.items():
        setattr(notice, name, value)
    notice.save(update_fields=[*fields, "updated_at"])
    _log(notice, flag=CHANGE, message="Draft rewritten", actor=actor)
    return notice


@transaction.atomic(durable=True)
def do_edit_notice_draft(
    notice: Notice, *, title_ja: str, body_ja: str, title_en: str, body_en: str, actor: User
) -> Notice:
    """Staff edit a draft's words before publishing it."""
    require_staff_permission(actor, REVIEW)
    if not Notice.objects.filter(pk=notice.pk, is_draft=True).exists():
        raise NoticeRefused(_("This notice is already published; edit it in the admin instead."))
    if not title_ja.strip() or not body_ja.strip():
        raise NoticeRefused(_("A notice needs a Japanese title and body."))
    notice.title_ja, notice.body_ja = title_ja.strip(), body_ja
    notice.title_en, notice.body_en = title_en.strip(), body_en
    notice.save(update_fields=["title_ja", "body_ja", "title_en", "body_en", "updated_at"])
    _log(notice, flag=CHANGE, message="Draft edited", actor=actor)
    return notice


@transaction.atomic(durable=True)
def do_publish_notice(notice: Notice, *, actor: User) -> bool:
    """Publish a draft now: it appears in the notice list, the feed and the header's unread
    count. Publishing twice is harmless (a conditional UPDATE); True if this call published."""
    require_staff_permission(actor, REVIEW)
    published = Notice.objects.filter(pk=notice.pk, is_draft=True).update(
        is_draft=False, publish_at=timezone.now(), updated_at=timezone.now()
    )
    if published:
        notice.refresh_from_db()
        _log(notice, flag=CHANGE, message="Published", actor=actor)
    return bool(published)


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
