"""Forms for workers: the worker search filters (GET) and the scout form."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.models import AgeBand, Gender
from yorozu.accounts.prefectures import REGIONS
from yorozu.jobs.models import Job
from yorozu.workers.actions import SCOUT_MAX_LENGTH
from yorozu.workers.selectors import (
    FILTERABLE_GENDERS,
    WorkerSearchParams,
    WorkerSort,
    category_entries,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

RATING_CHOICES = [
    ("", _("Any rating")),
    ("4.5", _("4.5 and up")),
    ("4.0", _("4.0 and up")),
    ("3.5", _("3.5 and up")),
    ("3.0", _("3.0 and up")),
]
MAX_SELECTED = 50  # more values than any real search uses; beyond it the request is odd


def category_choices(lang: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """Categories grouped under their main category; the main itself first, as "all of it"."""
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for entry in category_entries():
        if entry.parent_id is None:
            label = entry.name(lang)
            groups.append((label, [(entry.pk, _("All of %(name)s") % {"name": label})]))
        else:
            groups[-1][1].append((entry.pk, entry.name(lang)))
    return groups


def prefecture_choices_by_region(lang: str) -> list[tuple[str, list[tuple[int, str]]]]:
    en = lang.startswith("en")
    return [
        (str(label), [(code, name_en if en else name_ja) for code, name_ja, name_en in prefs])
        for _key, label, prefs in REGIONS
    ]


class ChipCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes shown as chips a thumb can press, under their group's name (a region, a main
    category): a multiple choice without the Ctrl-click of a list box."""

    template_name = "workers/widgets/chips.html"


class WorkerSearchForm(forms.Form):
    """Every filter lives in the query string, so a search can be bookmarked and shared.

    Read through `params()`: a field that does not validate is ignored rather than failing
    the page, so a hand-edited or outdated URL still shows results.
    """

    q = forms.CharField(
        label=_("Keyword"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, skill, e.g. WordPress, 翻訳")}
        ),
        error_messages={"max_length": _("Please keep the keyword to %(limit_value)d characters.")},
    )
    category = forms.TypedMultipleChoiceField(
        label=_("Completed under contract in"),
        required=False,
        coerce=int,
        help_text=_("Workers who completed at least one contract in any of these categories."),
        widget=ChipCheckboxes,
    )
    gender = forms.MultipleChoiceField(
        label=_("Gender"),
        required=False,
        choices=[(g.value, g.label) for g in Gender if g in FILTERABLE_GENDERS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only workers who chose to show their gender."),
    )
    prefecture = forms.TypedMultipleChoiceField(
        label=_("Prefecture"),
        required=False,
        coerce=int,
        widget=ChipCheckboxes,
    )
    age = forms.TypedMultipleChoiceField(
        label=_("Age band"),
        required=False,
        coerce=int,
        choices=AgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only workers who chose to show their age band."),
    )
    min_rating = forms.ChoiceField(label=_("Rating"), required=False, choices=RATING_CHOICES)
    verified = forms.BooleanField(label=_("Identity verified only"), required=False)
    scouts = forms.BooleanField(label=_("Accepting scouts only"), required=False)
    tiered = forms.BooleanField(label=_("Certified workers only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=WorkerSort.choices, initial=WorkerSort.RELEVANCE
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "ja"
        fields = self.fields
        cast(forms.ChoiceField, fields["category"]).choices = category_choices(lang)
        cast(forms.ChoiceField, fields["prefecture"]).choices = prefecture_choices_by_region(lang)

    def clean(self):
        cleaned = super().clean() or {}
        for name in ("category", "gender", "prefecture", "age"):
            if len(cleaned.get(name) or []) > MAX_SELECTED:
                self.add_error(name, _("Too many values selected."))
        return cleaned

    def params(self, *, exclude_user_id: int | None = None) -> WorkerSearchParams:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})

        def good(name: str, default):
            return data.get(name, default) if name not in self.errors else default

        rating = good("min_rating", "")
        return WorkerSearchParams(
            keyword=(good("q", "") or "").strip(),
            category_ids=tuple(good("category", [])),
            genders=tuple(good("gender", [])),
            prefectures=tuple(good("prefecture", [])),
            age_bands=tuple(good("age", [])),
            min_rating=float(rating) if rating else None,
            verified_only=bool(good("verified", False)),
            scouts_only=bool(good("scouts", False)),
            tiered_only=bool(good("tiered", False)),
            sort=good("sort", "") or WorkerSort.RELEVANCE,
            exclude_user_id=exclude_user_id,
        )


class ScoutForm(forms.Form):
    """A scout: which of the client's open jobs it is about, and a message to the worker."""

    job: forms.ModelChoiceField[Job] = forms.ModelChoiceField(
        label=_("Job to invite them to"),
        queryset=None,
        empty_label=_("Choose one of your open jobs"),
        error_messages={"invalid_choice": _("Choose one of your open jobs.")},
    )
    message = forms.CharField(
        label=_("Message to the worker"),
        max_length=SCOUT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Say why you are inviting them and what the job involves. Exchanging contact "
            "details or moving off yorozu before a contract is not allowed."
        ),
    )

    def __init__(self, *args, jobs: QuerySet[Job], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["job"]).queryset = jobs
