"""Forms for posting tasks and competitions, answering, entering and deciding.

Plain forms: the actions write from `cleaned_data`, the form never mutates a row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.formats.models import AnswerKind, TaskJob
from yorozu.jobs.forms import DEADLINE_MAX_DAYS, DESCRIPTION_MAX, TITLE_MAX, SubcategoryChoiceField

UNIT_PRICE_MAX = 100_000
SLOTS_MAX = 1000
PRIZE_MAX = 10_000_000
CHOICES_MAX = 10
ENTRIES_PER_WORKER_MAX = 10
ANSWER_LENGTH_MAX = 4000


class PostingFields(forms.Form):
    """What a task and a competition share with a job posting."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    category = SubcategoryChoiceField(label=_("Category"))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, SubcategoryChoiceField)
        field.group_choices()

    def clean_deadline(self) -> datetime.date:
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline < today:
            raise forms.ValidationError(_("The deadline must be today or later."))
        if deadline > today + datetime.timedelta(days=DEADLINE_MAX_DAYS):
            raise forms.ValidationError(_("The deadline can be at most one year from today."))
        return deadline


class TaskForm(PostingFields):
    description = forms.CharField(
        label=_("Instructions"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What workers do for one answer, and what makes an answer acceptable."),
    )
    question = forms.CharField(label=_("Question"), max_length=300)
    answer_kind = forms.ChoiceField(
        label=_("Answer form"), choices=AnswerKind.choices, initial=AnswerKind.TEXT
    )
    min_length = forms.IntegerField(
        label=_("Minimum characters"), min_value=0, max_value=ANSWER_LENGTH_MAX, initial=10
    )
    max_length = forms.IntegerField(
        label=_("Maximum characters"), min_value=1, max_value=ANSWER_LENGTH_MAX, initial=400
    )
    choices = forms.CharField(
        label=_("Choices (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for the “one of several choices” answer form."),
    )
    unit_price = forms.IntegerField(
        label=_("Price per answer (yen)"), min_value=10, max_value=UNIT_PRICE_MAX
    )
    slots = forms.IntegerField(label=_("Answers wanted"), min_value=1, max_value=SLOTS_MAX)
    per_worker = forms.IntegerField(
        label=_("Answers per worker"), min_value=1, max_value=10, initial=1
    )

    field_order = [
        "title",
        "category",
        "description",
        "question",
        "answer_kind",
        "min_length",
        "max_length",
        "choices",
        "unit_price",
        "slots",
        "per_worker",
        "deadline",
    ]

    def clean_choices(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        return list(dict.fromkeys(line[:100] for line in lines if line))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("answer_kind")
        if kind == AnswerKind.CHOICE and not 2 <= len(cleaned.get("choices") or []) <= CHOICES_MAX:
            self.add_error("choices", _("Give between 2 and 10 choices, one per line."))
        if kind != AnswerKind.CHOICE:
            cleaned["choices"] = []
        low, high = cleaned.get("min_length"), cleaned.get("max_length")
        if low is not None and high is not None and low > high:
            self.add_error("max_length", _("The maximum must not be below the minimum."))
        return cleaned


class CompetitionForm(PostingFields):
    description = forms.CharField(
        label=_("Brief"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you want, for whom, and how you will choose the winner."),
    )
    prize = forms.IntegerField(label=_("Prize (yen)"), min_value=1000, max_value=PRIZE_MAX)
    entries_per_worker = forms.IntegerField(
        label=_("Entries per worker"),
        min_value=1,
        max_value=ENTRIES_PER_WORKER_MAX,
        initial=1,
        help_text=_("How many different entries one worker may send."),
    )

    field_order = ["title", "category", "description", "prize", "entries_per_worker", "deadline"]


class PostingEditForm(forms.Form):
    """What a client may change after posting: the title, the instructions or brief, the
    deadline (extended only once funded: the action checks it). Never the money."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Instructions"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    clean_deadline = PostingFields.clean_deadline

    def __init__(self, *args: Any, job: Any, brief: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault(
            "initial",
            {"title": job.title, "description": job.description, "deadline": job.deadline},
        )
        super().__init__(*args, **kwargs)
        if brief:
            self.fields["description"].label = _("Brief")


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=ANSWER_LENGTH_MAX)

    def __init__(self, *args: Any, task: TaskJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        if task.answer_kind == AnswerKind.CHOICE:
            self.fields["answer"] = forms.ChoiceField(
                label=_("Your answer"),
                choices=[(c, c) for c in task.choices],
                widget=forms.RadioSelect,
            )
        elif task.answer_kind == AnswerKind.URL:
            field.widget = forms.TextInput(attrs={"placeholder": "/workers/…"})
        else:
            field.widget = forms.Textarea(attrs={"rows": 5, "maxlength": task.max_length})


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EntryForm(forms.Form):
    """The entry's text; its files come with the request (`request.FILES`, the files app's
    upload field), so a text may be left empty when files carry the entry."""

    body = forms.CharField(
        label=_("Your entry"),
        max_length=ANSWER_LENGTH_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Write your entry, attach its files below, or both."),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("refund", _("Refund the prize to the client")),
            ("award", _("Award it to an entry")),
        ],
        widget=forms.RadioSelect,
    )
    entry = forms.IntegerField(label=_("Winning entry (number)"), required=False)
    reason = forms.CharField(
        label=_("Reasons (both sides read them)"), widget=forms.Textarea(attrs={"rows": 3})
    )
