"""Reads for notices and help pages. Nothing unpublished ever leaves this module."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from yorozu.content.models import (
    FaqCategory,
    FaqEntry,
    Notice,
    NoticeCategory,
    NoticeRead,
    Page,
    PageKind,
    TermsVersion,
)

# Notices older than this never count as unread: a user who signs up today should not be
# greeted by years of backlog.
UNREAD_WINDOW = timedelta(days=180)


def published_notices(*, category: str = "") -> QuerySet[Notice]:
    """Published notices, pinned first then newest; `category` is ignored when unknown."""
    notices = Notice.objects.published()
    if category in NoticeCategory.values:
        notices = notices.filter(category=category)
    return notices.order_by("-pinned", "-publish_at", "-id")


def latest_notices(limit: int = 3) -> list[Notice]:
    """The newest published notices, for the home page (pinned ones do not jump the queue)."""
    return list(Notice.objects.published().order_by("-publish_at", "-id")[:limit])


def access_notice(slug: str) -> Notice:
    """A published notice by slug; a scheduled one is a 404 until its time, like a missing one."""
    try:
        return Notice.objects.published().get(slug=slug)
    except Notice.DoesNotExist:
        raise Http404("No such notice.") from None


def _unread_candidates(user) -> QuerySet[Notice]:
    since = timezone.now() - UNREAD_WINDOW
    return Notice.objects.published().filter(publish_at__gte=since).exclude(reads__user=user)


def unread_notices(user) -> QuerySet[Notice]:
    """The recent published notices the user has not opened (signed-in users only)."""
    return _unread_candidates(user)


def unread_notice_count(user) -> int:
    """How many recent published notices the user has not opened yet (0 for visitors)."""
    if user is None or not user.is_authenticated:
        return 0
    return _unread_candidates(user).count()


def unread_notice_ids(user, notices: list[Notice]) -> set[int]:
    """Which of `notices` the user has not opened, in one query (for the list's marks)."""
    if user is None or not user.is_authenticated or not notices:
        return set()
    ids = [n.pk for n in notices]
    read = set(
        NoticeRead.objects.filter(user=user, notice_id__in=ids).values_list("notice_id", flat=True)
    )
    return {pk for pk in ids if pk not in read}


def faq_categories_with_entries(query: str = "") -> list[FaqCategory]:
    """FAQ categories, each with `.matching` entries; with `query`, only categories that match.

    The search looks in both languages so a visitor who types English on the Japanese page (or
    the other way round) still finds the answer.
    """
    entries = FaqEntry.objects.filter(is_published=True)
    query = query.strip()[:100]
    if query:
        for term in query.split():
            entries = entries.filter(
                Q(question_ja__icontains=term)
                | Q(question_en__icontains=term)
                | Q(answer_ja__icontains=term)
                | Q(answer_en__icontains=term)
            )
    categories = FaqCategory.objects.prefetch_related(
        Prefetch("entries", queryset=entries.order_by("position", "id"), to_attr="matching")
    )
    return [c for c in categories if c.matching]


def current_terms(today=None) -> TermsVersion | None:
    """The version in effect: the latest whose effective date is today or earlier."""
    today = today or timezone.localdate()
    return TermsVersion.objects.filter(effective_on__lte=today).order_by("-effective_on").first()


def earlier_terms(current: TermsVersion | None) -> list[TermsVersion]:
    """Versions before the current one, newest first (a future version is not shown yet)."""
    if current is None:
        return []
    return list(
        TermsVersion.objects.filter(effective_on__lt=current.effective_on).order_by("-effective_on")
    )


def upcoming_terms(today=None) -> TermsVersion | None:
    """The next version already announced but not in effect yet, if any."""
    today = today or timezone.localdate()
    return TermsVersion.objects.filter(effective_on__gt=today).order_by("effective_on").first()


def help_page(kind: str) -> Page | None:
    """The published guidelines or safety page with its sections, or None before it is written."""
    return (
        Page.objects.filter(kind=kind, is_published=True)
        .prefetch_related("sections")
        .order_by("position", "id")
        .first()
    )


def support_articles() -> QuerySet[Page]:
    return Page.objects.filter(kind=PageKind.SUPPORT, is_published=True).order_by("position", "id")


def access_support_article(slug: str) -> Page:
    try:
        return support_articles().prefetch_related("sections").get(slug=slug)
    except Page.DoesNotExist:
        raise Http404("No such article.") from None
