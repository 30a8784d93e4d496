"""Forms for posting, editing and searching jobs.

Every message a client or worker can see is an English msgid with a natural Japanese translation in
the jobs catalogue; the rules here are the marketplace's rules for a sane posting.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.catalog.models import Category
from yorozu.jobs.models import EDITABLE_FIELDS, Job, JobFormat, PayType
from yorozu.jobs.selectors import JobSearchParams, SearchSort

# Ten million yen: above anything a crowdsourcing job is posted for, far below integer overflow.
# The error message below spells the number out; change both together.
BUDGET_LIMIT = 10_000_000
DEADLINE_MAX_DAYS = 365
HIRES_MAX = 100
TITLE_MAX = Job._meta.get_field("title").max_length
DESCRIPTION_MAX = Job._meta.get_field("description").max_length
BUDGET_ERRORS = {
    "invalid": _("Enter the budget as a whole number of yen, without commas."),
    "min_value": _("The budget must be at least ¥%(limit_value)s."),
    "max_value": _("The budget can be at most ¥10,000,000."),
}


def categories_by_main() -> list[tuple[Category, list[Category]]]:
    """The taxonomy as (main, [subcategories]) in display order, read in one query."""
    mains: list[Category] = []
    children: dict[int, list[Category]] = {}
    for category in Category.objects.order_by("position", "id"):
        if category.parent_id is None:
            mains.append(category)
        else:
            children.setdefault(category.parent_id, []).append(category)
    return [(main, children.get(main.pk, [])) for main in mains]


class SubcategoryChoiceField(forms.ModelChoiceField):
    """A subcategory select whose options are grouped under their main category (<optgroup>).

    Django's Select renders nested choices as optgroups; validation still goes through the queryset,
    so a main category or an unknown id is refused. The groups are read when a form is built
    (`group_choices`), never at import time.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Category.objects.filter(parent__isnull=False).select_related("parent"),
            **kwargs,
        )

    def group_choices(self) -> None:
        self.choices = [
            ("", _("Choose a category")),
            *(
                (main.name, [(sub.pk, sub.name) for sub in subs])
                for main, subs in categories_by_main()
            ),
        ]


class JobForm(forms.Form):
    """What a client fills in to post or edit a job.

    A plain Form, not a ModelForm: the job is written by do_post_job / do_edit_job from
    cleaned_data, so the form never mutates a job behind the action's back.
    """

    title = forms.CharField(
        label=_("Job title"),
        max_length=TITLE_MAX,
        help_text=_("A short, specific title, e.g. “Five-page website for a bakery”."),
        error_messages={
            "required": _("Enter a title for the job."),
            "max_length": _("Keep the title to %(limit_value)d characters or fewer."),
        },
    )
    category = SubcategoryChoiceField(
        label=_("Category"),
        error_messages={
            "required": _("Choose a category for the job."),
            "invalid_choice": _("Choose one of the listed categories."),
        },
    )
    description = forms.CharField(
        label=_("Job description"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What you need, what you will provide, and how you will judge the result. "
            "Do not write contact details: all talks happen on yorozu."
        ),
        error_messages={
            "required": _("Describe the job."),
            "max_length": _("Keep the description to %(limit_value)d characters or fewer."),
        },
    )
    pay_type = forms.ChoiceField(
        label=_("Payment type"),
        choices=PayType.choices,
        initial=PayType.FIXED,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose fixed price or hourly."),
            "invalid_choice": _("Choose fixed price or hourly."),
        },
    )
    budget_min = forms.IntegerField(
        label=_("Budget from (yen)"),
        min_value=1,
        max_value=BUDGET_LIMIT,
        error_messages={
            "required": _("Enter the lowest budget in yen."),
            **BUDGET_ERRORS,
        },
    )
    budget_max = forms.IntegerField(
        label=_("Budget up to (yen)"),
        min_value=1,
        max_value=BUDGET_LIMIT,
        error_messages={
            "required": _("Enter the highest budget in yen."),
            **BUDGET_ERRORS,
        },
    )
    deadline = forms.DateField(
        label=_("Application deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today or later, at most one year ahead."),
        error_messages={
            "required": _("Enter the application deadline."),
            "invalid": _("Enter the deadline as a date, e.g. 2030-04-01."),
        },
    )
    hires_wanted = forms.IntegerField(
        label=_("Number of hires"),
        min_value=1,
        max_value=HIRES_MAX,
        initial=1,
        error_messages={
            "required": _("Enter how many people you want to hire."),
            "invalid": _("Enter the number of hires as a whole number."),
            "min_value": _("Hire at least one person."),
            "max_value": _("You can hire at most %(limit_value)s people for one job."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        cast(SubcategoryChoiceField, self.fields["category"]).group_choices()

    @classmethod
    def initial_for(cls, job: Job) -> dict[str, object]:
        """The edit form's starting values: the job as it is now."""
        initial = {name: getattr(job, name) for name in EDITABLE_FIELDS}
        initial["category"] = job.category_id  # the select compares option values, i.e. ids
        return initial

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter a title for the job."), code="required")
        return title

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(_("Describe the job."), code="required")
        return description

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline < today:
            raise forms.ValidationError(_("The deadline must be today or later."), code="past")
        if deadline > today + datetime.timedelta(days=DEADLINE_MAX_DAYS):
            raise forms.ValidationError(
                _("The deadline can be at most one year from today."), code="too_far"
            )
        return deadline

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "budget_max",
                forms.ValidationError(
                    _("The highest budget must not be lower than the lowest budget."),
                    code="budget_range",
                ),
            )
        return cleaned


class JobSearchForm(forms.Form):
    """The job search filters. They live in the GET query string so a search can be shared.

    Every field is optional; a value that does not validate is shown as an error and ignored, so
    a hand-edited URL never breaks the page.
    """

    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    budget_min = forms.IntegerField(
        label=_("Budget from (yen)"),
        required=False,
        min_value=0,
        max_value=BUDGET_LIMIT,
        error_messages=BUDGET_ERRORS,
    )
    budget_max = forms.IntegerField(
        label=_("Budget up to (yen)"),
        required=False,
        min_value=0,
        max_value=BUDGET_LIMIT,
        error_messages=BUDGET_ERRORS,
    )
    pay_type = forms.ChoiceField(
        label=_("Payment type"),
        required=False,
        choices=[("", _("Any")), *PayType.choices],
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Any")), *JobFormat.choices],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SearchSort.choices)
    include_closed = forms.BooleanField(label=_("Include closed jobs"), required=False)
    certified_only = forms.BooleanField(label=_("Certified clients only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self._categories: dict[str, Category] = {}
        choices: list = [("", _("All categories"))]
        for main, subs in categories_by_main():
            self._categories[main.slug] = main
            group = [(main.slug, _("%(category)s (all)") % {"category": main.name})]
            for sub in subs:
                self._categories[sub.slug] = sub
                group.append((sub.slug, sub.name))
            choices.append((main.name, group))
        cast(forms.ChoiceField, self.fields["category"]).choices = choices
        self.fields["category"].error_messages["invalid_choice"] = _(
            "Choose one of the listed categories."
        )

    def clean_category(self) -> Category | None:
        slug = self.cleaned_data["category"]
        return self._categories.get(slug) if slug else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "budget_max",
                forms.ValidationError(
                    _("The upper budget must not be lower than the lower budget."),
                    code="budget_range",
                ),
            )
            cleaned.pop("budget_max", None)
        return cleaned

    def search_params(self) -> JobSearchParams:
        """The valid filters only: a field with an error is left out of the search."""
        if not self.is_bound:
            return JobSearchParams()
        self.is_valid()
        data = self.cleaned_data
        return JobSearchParams(
            keyword=data.get("q") or "",
            category=data.get("category"),
            budget_min=data.get("budget_min"),
            budget_max=data.get("budget_max"),
            pay_type=data.get("pay_type") or "",
            format=data.get("format") or "",
            sort=data.get("sort") or SearchSort.NEW,
            include_closed=bool(data.get("include_closed")),
            certified_only=bool(data.get("certified_only")),
        )
