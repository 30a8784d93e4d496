"""Views for notices and help pages (thin: a selector, at most one action, then render).

Every page here is public; query strings are untrusted and never produce a 500.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yorozu.content import selectors
from yorozu.content.actions import do_mark_notice_read
from yorozu.content.models import NoticeCategory, PageKind

NOTICES_PER_PAGE = 10
SUPPORT_PER_PAGE = 20


def notice_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in NoticeCategory.values:
        category = ""
    paginator = Paginator(selectors.published_notices(category=category), NOTICES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "content/notice_list.html",
        {
            "page_obj": page,
            "notices": page.object_list,
            "categories": NoticeCategory.choices,
            "category": category,
            "unread_ids": selectors.unread_notice_ids(request.user, list(page.object_list)),
            "unread_count": selectors.unread_notice_count(request.user),
        },
    )


def notice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    notice = selectors.access_notice(slug)
    do_mark_notice_read(notice, actor=request.user)
    return render(request, "content/notice_detail.html", {"notice": notice})


def faq(request: HttpRequest) -> HttpResponse:
    # A NUL cannot be stored or compared in PostgreSQL text: it would be a 500, not "no match".
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    return render(
        request,
        "content/faq_list.html",
        {"categories": selectors.faq_categories_with_entries(query), "query": query},
    )


def terms(request: HttpRequest) -> HttpResponse:
    current = selectors.current_terms()
    return render(
        request,
        "content/terms_detail.html",
        {
            "current": current,
            "earlier": selectors.earlier_terms(current),
            "upcoming": selectors.upcoming_terms(),
        },
    )


def guidelines(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "content/page_detail.html",
        {"page": selectors.help_page(PageKind.GUIDELINES), "kind": PageKind.GUIDELINES},
    )


def safety(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "content/page_detail.html",
        {"page": selectors.help_page(PageKind.SAFETY), "kind": PageKind.SAFETY},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy policy (APPI): what is held, why, how long, and how to download or delete it."""
    return render(
        request,
        "content/page_detail.html",
        {"page": selectors.help_page(PageKind.PRIVACY), "kind": PageKind.PRIVACY},
    )


def support_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.support_articles(), SUPPORT_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "content/support_list.html", {"page_obj": page, "articles": page.object_list}
    )


def support_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.access_support_article(slug)
    return render(
        request,
        "content/page_detail.html",
        {"page": article, "kind": PageKind.SUPPORT},
    )
