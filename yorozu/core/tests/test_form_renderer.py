"""The form renderer writes selects in Python: byte for byte what Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from yorozu.core.form_renderer import FormRenderer
from yorozu.jobs.forms import JobForm, JobSearchForm
from yorozu.workers.forms import WorkerSearchForm

TEMPLATES = DjangoTemplates()
PYTHON = FormRenderer()


class Odd(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "—"), ("a&b", 'Quote " and <tag>'), (3, mark_safe("<b>safe</b>"))],
        widget=forms.Select(attrs={"required": True, "disabled": False, "data-x": "1<2"}),
    )
    grouped = forms.MultipleChoiceField(
        choices=[
            (gettext_lazy("Japanese"), [("ja", "日本語"), ("ryukyu", "うちなーぐち")]),
            ("", [("en", "English")]),
            ("x", "loose"),
        ],
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )


def rendered(form: forms.Form, renderer) -> list[str]:
    form.renderer = renderer
    return [str(field) for field in form]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.django_db
def test_selects_match_djangos_templates(language):
    with override(language):
        cases = [
            JobSearchForm({}),
            JobSearchForm({"category": "design", "sort": "budget", "pay_type": "hourly"}),
            JobSearchForm({"category": "no-such-slug", "budget_min": "x"}),
            JobForm(),
            WorkerSearchForm({}),
            WorkerSearchForm({"prefecture": ["13", "14"], "gender": ["female"]}),
            Odd({"plain": "a&b", "grouped": ["ja", "x"]}),
            Odd(),
        ]
    with override(language):
        for form in cases:
            form.is_valid()
            assert rendered(form, PYTHON) == rendered(form, TEMPLATES)
    assert '<optgroup label="' in "".join(rendered(JobSearchForm({}), PYTHON))


def test_other_widgets_still_use_templates():
    class Other(forms.Form):
        choice = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
        text = forms.CharField()

    assert rendered(Other(), PYTHON) == rendered(Other(), TEMPLATES)
