"""The secretariat edits everything here; only staff reach the admin at all.

Every change form shows a read-only preview of the Markdown exactly as visitors will see it
(sanitized), in Japanese and English, so a broken link or a stray tag is caught before saving.
Changes are recorded in the admin's own LogEntry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from yorozu.content.models import (
    FaqCategory,
    FaqEntry,
    Notice,
    Page,
    Section,
    TermsVersion,
)
from yorozu.content.rendering import render_markdown

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def _preview(*pairs: tuple[str, str]):
    """Side-by-side rendered previews: (label, markdown) pairs."""
    return format_html(
        '<div class="content-preview">{}</div>',
        format_html_join(
            "",
            "<section><h3>{}</h3><div>{}</div></section>",
            ((label, render_markdown(text) or "—") for label, text in pairs),
        ),
    )


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title_ja", "category", "publish_at", "pinned", "status"]
    list_filter = ["category", "pinned", "is_draft"]
    search_fields = ["title_ja", "title_en", "slug"]
    date_hierarchy = "publish_at"
    readonly_fields = ["preview"]
    fieldsets = [
        (None, {"fields": ["slug", "category", "publish_at", "pinned", "is_draft"]}),
        (_("Japanese"), {"fields": ["title_ja", "body_ja"]}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
        (_("Preview"), {"fields": ["preview"]}),
    ]

    @admin.display(description=_("status"))
    def status(self, obj: Notice) -> _StrPromise:
        if obj.is_draft:
            return _("draft")
        return _("published") if obj.publish_at <= timezone.now() else _("scheduled")

    @admin.display(description=_("preview"))
    def preview(self, obj: Notice):
        return _preview((obj.title_ja or "", obj.body_ja), (obj.title_en or "", obj.body_en))


@admin.register(FaqCategory)
class FaqCategoryAdmin(admin.ModelAdmin):
    list_display = ["name_ja", "name_en", "slug", "position"]
    list_editable = ["position"]


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question_ja", "category", "position", "is_published"]
    list_filter = ["category", "is_published"]
    search_fields = ["question_ja", "question_en", "answer_ja", "answer_en"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj: FaqEntry):
        return _preview(
            (obj.question_ja or "", obj.answer_ja), (obj.question_en or "", obj.answer_en)
        )


@admin.register(TermsVersion)
class TermsVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "effective_on"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj: TermsVersion):
        return _preview(
            (str(_("What changed (Japanese)")), obj.changes_ja),
            (str(_("What changed (English)")), obj.changes_en),
            (obj.title_ja or "", obj.body_ja),
            (obj.title_en or "", obj.body_en),
        )


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["anchor", "position", "title_ja", "body_ja", "title_en", "body_en", "preview"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj: Section):
        return _preview((obj.title_ja or "", obj.body_ja), (obj.title_en or "", obj.body_en))


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title_ja", "kind", "slug", "position", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title_ja", "title_en", "slug"]
    inlines = [SectionInline]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj: Page):
        return _preview((obj.title_ja or "", obj.body_ja), (obj.title_en or "", obj.body_en))
