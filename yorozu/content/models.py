"""What the secretariat publishes: notices, FAQ, terms versions and help pages with sections.

Everything here is data written by staff in the admin, in Japanese first with an optional English
version. Each model shows the active language's version and falls back to Japanese, so a half
translated page never shows a blank. Bodies are Markdown; they are rendered and sanitized on the
way out (`yorozu.content.rendering`), never stored as HTML.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yorozu.content.rendering import render_markdown


def localized(obj: object, field: str) -> str:
    """`obj.<field>_<lang>` for the active language, falling back to Japanese when it is empty."""
    lang = (get_language() or "ja").split("-")[0]
    value = getattr(obj, f"{field}_{lang}", "") if lang != "ja" else ""
    return value or getattr(obj, f"{field}_ja")


class Bilingual:
    """Cheap properties the templates use: `title`, `body`, `body_html` in the active language."""

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def body(self) -> str:
        return localized(self, "body")

    @property
    def body_html(self) -> SafeString:
        return render_markdown(self.body)


class NoticeCategory(models.TextChoices):
    SAFETY = "safety", pgettext_lazy("notice category", "Safety")
    FEATURES = "features", _("New features")
    MAINTENANCE = "maintenance", _("Maintenance")
    SUPPORT = "support", _("Support information")


# /notices/feed/ is the Atom feed, so no notice may be called "feed".
RESERVED_NOTICE_SLUGS = frozenset({"feed"})


class NoticeQuerySet(models.QuerySet):
    def published(self, now=None) -> NoticeQuerySet:
        """Notices whose publish time has come: scheduled ones stay invisible everywhere."""
        return self.filter(is_draft=False, publish_at__lte=now or timezone.now())


class Notice(Bilingual, models.Model):
    """An announcement from the secretariat (事務局からのお知らせ), published at `publish_at`."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.CharField(
        _("category"), max_length=20, choices=NoticeCategory.choices, default=NoticeCategory.SAFETY
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"), blank=True)
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("The notice stays hidden until this time (scheduled publishing)."),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    # A draft (the monthly round-up before staff publish it) is seen by staff only.
    is_draft = models.BooleanField(_("draft"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-publish_at", "-id"]
        indexes = [models.Index(fields=["publish_at"], name="notice_publish_at")]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.title_ja

    def get_absolute_url(self) -> str:
        return reverse("content:notice_detail", args=[self.slug])

    def clean(self) -> None:
        if self.slug in RESERVED_NOTICE_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved; please choose another.")})

    @property
    def is_published(self) -> bool:
        return not self.is_draft and self.publish_at <= timezone.now()


class NoticeRead(models.Model):
    """That a user has opened a notice: the unread count is published notices without one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_reads"
    )
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="notice_read_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.notice_id}"


class FaqCategory(models.Model):
    """A heading of the FAQ page (e.g. payments, safety); `slug` is its stable anchor."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def __str__(self) -> str:
        return self.name_ja

    @property
    def name(self) -> str:
        return localized(self, "name")


class FaqEntry(models.Model):
    """One question and its Markdown answer; `slug` is the anchor other pages link to."""

    category = models.ForeignKey(
        FaqCategory, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    question_ja = models.CharField(_("question (Japanese)"), max_length=300)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    answer_ja = models.TextField(_("answer (Japanese, Markdown)"))
    answer_en = models.TextField(_("answer (English, Markdown)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category__position", "position", "id"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question_ja

    @property
    def question(self) -> str:
        return localized(self, "question")

    @property
    def answer_html(self) -> SafeString:
        return render_markdown(localized(self, "answer"))


class TermsVersion(Bilingual, models.Model):
    """One version of the terms of use; the current one is the latest already in effect."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    effective_on = models.DateField(_("effective on"), unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, default="利用規約")
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"), blank=True)
    changes_ja = models.TextField(
        _("what changed (Japanese, Markdown)"),
        blank=True,
        help_text=_("A summary of what changed from the previous version."),
    )
    changes_en = models.TextField(_("what changed (English, Markdown)"), blank=True)

    class Meta:
        ordering = ["-effective_on"]
        verbose_name = _("terms version")
        verbose_name_plural = _("terms versions")

    def __str__(self) -> str:
        return f"{self.version} ({self.effective_on})"

    @property
    def changes_html(self) -> SafeString:
        return render_markdown(localized(self, "changes"))


class PageKind(models.TextChoices):
    GUIDELINES = "guidelines", _("Job-posting guidelines")
    SAFETY = "safety", _("Safety")
    PRIVACY = "privacy", _("Privacy policy")
    SUPPORT = "support", _("Support information")


class Page(Bilingual, models.Model):
    """A help page made of sections: the guidelines, the safety page, or a support article."""

    kind = models.CharField(_("kind"), max_length=20, choices=PageKind.choices)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_ja = models.TextField(_("introduction (Japanese, Markdown)"), blank=True)
    body_en = models.TextField(_("introduction (English, Markdown)"), blank=True)
    summary_ja = models.CharField(_("summary (Japanese)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")

    def __str__(self) -> str:
        return self.title_ja

    def get_absolute_url(self) -> str:
        if self.kind == PageKind.SUPPORT:
            return reverse("content:support_detail", args=[self.slug])
        return reverse(f"content:{self.kind}")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @cached_property
    def ordered_sections(self) -> list[Section]:
        return list(self.sections.all())


class Section(Bilingual, models.Model):
    """A section of a help page. `anchor` is its stable id: `/help/guidelines/#prohibited-mlm`.

    Cautions, report forms and restriction notices elsewhere link to these anchors, so staff may
    reword a section freely but should never rename its anchor.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        help_text=_("Stable id used in links such as /help/guidelines/#prohibited-mlm."),
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["page", "anchor"], name="section_anchor_unique_in_page")
        ]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.page.slug}#{self.anchor}"

    def get_absolute_url(self) -> str:
        return f"{self.page.get_absolute_url()}#{self.anchor}"
