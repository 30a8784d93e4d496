import factory
from django.utils import timezone

from yorozu.content.models import (
    FaqCategory,
    FaqEntry,
    Notice,
    NoticeCategory,
    Page,
    PageKind,
    Section,
    TermsVersion,
)


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    slug = factory.Sequence(lambda n: f"notice-{n}")
    category = NoticeCategory.SAFETY
    title_ja = factory.Sequence(lambda n: f"お知らせ{n}")
    title_en = factory.Sequence(lambda n: f"Notice {n}")
    body_ja = "事務局からのお知らせです。"
    body_en = "A notice from the secretariat."
    publish_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class FaqCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqCategory

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_ja = factory.Sequence(lambda n: f"カテゴリ{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqEntry

    category = factory.SubFactory(FaqCategoryFactory)
    slug = factory.Sequence(lambda n: f"question-{n}")
    question_ja = factory.Sequence(lambda n: f"質問{n}")
    question_en = factory.Sequence(lambda n: f"Question {n}")
    answer_ja = "回答です。"
    answer_en = "The answer."


class TermsVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsVersion

    version = factory.Sequence(lambda n: f"{n}.0")
    effective_on = factory.LazyFunction(timezone.localdate)
    body_ja = "## 第1条\n規約本文。"
    body_en = "## Article 1\nTerms text."
    changes_ja = "変更点。"
    changes_en = "What changed."


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    kind = PageKind.SUPPORT
    slug = factory.Sequence(lambda n: f"page-{n}")
    title_ja = factory.Sequence(lambda n: f"ページ{n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    page = factory.SubFactory(PageFactory)
    anchor = factory.Sequence(lambda n: f"section-{n}")
    title_ja = factory.Sequence(lambda n: f"節{n}")
    title_en = factory.Sequence(lambda n: f"Section {n}")
    body_ja = "本文。"
    body_en = "Body."
