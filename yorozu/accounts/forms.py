"""HTML forms for accounts: sign-up, log-in, settings and identity upload.

Forms only validate and clean; every write goes through an action in `actions.py`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from allauth.account import forms as allauth_forms
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

from yorozu.accounts.models import (
    ClientKind,
    ClientProfile,
    Role,
    WorkerProfile,
    age_on,
)
from yorozu.accounts.names import validate_display_name
from yorozu.accounts.prefectures import grouped_prefecture_choices
from yorozu.core.quotas import spend_quota

MIN_AGE = 15
MAX_AGE = 100


class JapaneseLabelsMixin:
    """Labels without a trailing colon, as Japanese forms are written."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(JapaneseLabelsMixin, allauth_forms.SignupForm):
    """allauth's signup (e-mail, password twice), plus the display name, the role to start as and
    the agreement to the terms of use and privacy policy (their version is recorded).

    Saving is `AccountAdapter.save_user` → `do_create_account`. A registered address gets the same
    answer as a new one (allauth mails its owner instead), and the signup quota is spent before
    either, so neither the answer nor a 429 tells whether an address is registered.
    """

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        help_text=_("Shown to other users. You can change it later."),
        error_messages={
            "required": _("Please enter a display name."),
            "max_length": _("Please keep the display name to %(limit_value)d characters."),
        },
    )
    role = forms.ChoiceField(
        label=_("I want to start as"),
        choices=[
            (Role.CLIENT, _("A client (I want to order work)")),
            (Role.WORKER, _("A worker (I want to take on work)")),
        ],
        initial=Role.WORKER,
        widget=forms.RadioSelect,
        help_text=_("You can switch between client and worker at any time from the header."),
        error_messages={
            "required": _("Please choose how you want to start."),
            "invalid_choice": _("Please choose client or worker."),
        },
    )
    agree_terms = forms.BooleanField(
        label=_("I agree to the terms of use and the privacy policy"),
        error_messages={
            "required": _("Please read and agree to the terms of use and the privacy policy.")
        },
    )

    field_order = ["email", "display_name", "password1", "password2", "role", "agree_terms"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["email"].error_messages.update(
            required=_("Please enter your email address."),
            invalid=_("Please enter a valid email address."),
        )
        self.fields["password1"].label = _("Password")
        self.fields["password2"].label = _("Password (again)")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise ValidationError(_("Please enter a display name."), code="required")
        validate_display_name(name)
        return name

    def try_save(self, request):
        """Spend the signup quota of the client's address, then sign up (or mail the owner)."""
        spend_quota("signup")
        return super().try_save(request)


class LoginForm(allauth_forms.LoginForm):
    """allauth's login by e-mail and password (throttled per account and per address)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].error_messages["required"] = _("Please enter your email address.")
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].error_messages["required"] = _("Please enter your password.")


class AccountForm(JapaneseLabelsMixin, forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        error_messages={
            "required": _("Please enter a display name."),
            "max_length": _("Please keep the display name to %(limit_value)d characters."),
        },
    )

    def __init__(self, *args, staff: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise ValidationError(_("Please enter a display name."), code="required")
        validate_display_name(name, staff=self.staff)
        return name


def _grouped_prefectures() -> list:
    return [("", _("Not specified")), *grouped_prefecture_choices()]


class WorkerProfileForm(JapaneseLabelsMixin, forms.ModelForm):
    prefecture = forms.TypedChoiceField(
        label=_("Prefecture"),
        choices=_grouped_prefectures,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Please choose a prefecture from the list.")},
    )
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Never shown as a date. Only the age band, and only if you choose to show it."),
        error_messages={"invalid": _("Please enter a date such as 1990-04-01.")},
    )

    class Meta:
        model = WorkerProfile
        fields = [
            "headline",
            "bio",
            "prefecture",
            "gender",
            "birth_date",
            "show_gender",
            "show_age",
            "accepts_scouts",
        ]
        labels = {
            "headline": _("Headline"),
            "bio": _("About you"),
            "gender": _("Gender"),
            "show_gender": _("Show my gender on my profile and in worker search"),
            "show_age": _("Show my age band on my profile and in worker search"),
            "accepts_scouts": _("Accept scouts (job offers sent directly by clients)"),
        }
        help_texts = {
            "headline": _("One line clients see first, e.g. “WordPress sites, fast and tidy”."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "headline": {
                "max_length": _("Please keep the headline to %(limit_value)d characters.")
            },
            "bio": {"max_length": _("Please keep this to %(limit_value)d characters.")},
            "gender": {"invalid_choice": _("Please choose from the list.")},
        }

    def clean_birth_date(self) -> datetime.date | None:
        birth_date = self.cleaned_data.get("birth_date")
        if birth_date is None:
            return None
        today = timezone.localdate()
        if birth_date > today:
            raise ValidationError(_("The birth date cannot be in the future."), code="future")
        age = age_on(birth_date, today)
        if age < MIN_AGE:
            raise ValidationError(
                _("You must be at least %(age)d years old to work on yorozu."),
                code="too_young",
                params={"age": MIN_AGE},
            )
        if age > MAX_AGE:
            raise ValidationError(
                _("Please check the birth date (age over %(age)d)."),
                code="too_old",
                params={"age": MAX_AGE},
            )
        return birth_date


class ClientProfileForm(JapaneseLabelsMixin, forms.ModelForm):
    class Meta:
        model = ClientProfile
        fields = ["kind", "company_name", "about", "company_url", "company_description"]
        labels = {
            "kind": _("Individual or company"),
            "company_name": _("Company name"),
            "about": _("About you or your company"),
            "company_url": _("Company website"),
            "company_description": _("Company description"),
        }
        help_texts = {
            "company_name": _("Required for companies; shown as your public name."),
            "company_url": _("Your company's own site, e.g. https://example.co.jp/"),
            "company_description": _(
                "What the company does, shown on your client page. No contact details: "
                "talk to workers through yorozu's messages."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect(choices=ClientKind.choices),
            "about": forms.Textarea(attrs={"rows": 5}),
            "company_description": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "kind": {"invalid_choice": _("Please choose individual or company.")},
            "company_name": {
                "max_length": _("Please keep the company name to %(limit_value)d characters.")
            },
            "about": {"max_length": _("Please keep this to %(limit_value)d characters.")},
            "company_description": {
                "max_length": _("Please keep this to %(limit_value)d characters.")
            },
            "company_url": {"invalid": _("Please enter a web address such as https://…")},
        }

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        company_name = (cleaned.get("company_name") or "").strip()
        cleaned["company_name"] = company_name
        if cleaned.get("kind") == ClientKind.COMPANY and not company_name:
            self.add_error("company_name", _("Please enter the company name."))
        return cleaned


class AvatarForm(JapaneseLabelsMixin, forms.Form):
    picture = forms.ImageField(
        label=_("Avatar"),
        help_text=_(
            "A PNG, JPEG, GIF or WebP picture. It is cropped to a square and shown beside your "
            "name. No contact details or QR codes."
        ),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        error_messages={
            "required": _("Please choose a picture."),
            "invalid_image": _("An avatar must be a PNG, JPEG, GIF or WebP picture."),
        },
    )


class SkillForm(JapaneseLabelsMixin, forms.Form):
    name = forms.CharField(label=_("Skill"), max_length=40, required=False)
    years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=60, required=False
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("years") is not None and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Please enter the skill."))
        return cleaned


SkillFormSet = forms.formset_factory(SkillForm, extra=0, max_num=15, absolute_max=15)


class AvailabilityForm(JapaneseLabelsMixin, forms.Form):
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"),
        min_value=1,
        max_value=80,
        required=False,
        help_text=_("How many hours a week you can usually work on yorozu."),
    )
    available_from = forms.DateField(
        label=_("Next free date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if you can start now."),
        error_messages={"invalid": _("Please enter a date such as 2026-04-01.")},
    )


IDENTITY_MAX_BYTES = 5 * 1024 * 1024
# What the first bytes of each accepted format look like, and which extensions may carry it.
IDENTITY_SIGNATURES: list[tuple[bytes, str, set[str]]] = [
    (b"\xff\xd8\xff", "jpeg", {".jpg", ".jpeg"}),
    (b"\x89PNG\r\n\x1a\n", "png", {".png"}),
    (b"%PDF-", "pdf", {".pdf"}),
]
IDENTITY_EXTENSIONS = {ext for _sig, _kind, exts in IDENTITY_SIGNATURES for ext in exts}


def sniff_document_kind(head: bytes) -> str | None:
    for signature, kind, _exts in IDENTITY_SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


class IdentityDocumentForm(JapaneseLabelsMixin, forms.Form):
    document = forms.FileField(
        label=_("Identity document"),
        help_text=_(
            "A driving licence, My Number card (front only), passport or residence card. "
            "JPEG, PNG or PDF, up to 5 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
        error_messages={
            "required": _("Please choose a file to upload."),
            "empty": _("The file is empty. Please choose another file."),
            "invalid": _("No file was received. Please choose the file again."),
            "missing": _("No file was received. Please choose the file again."),
        },
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        extension = Path(upload.name or "").suffix.lower()
        if extension not in IDENTITY_EXTENSIONS:
            raise ValidationError(
                _("Please upload a JPEG, PNG or PDF file (.jpg, .jpeg, .png, .pdf)."),
                code="extension",
            )
        if upload.size > IDENTITY_MAX_BYTES:
            raise ValidationError(
                _("The file is too large. Please upload a file of 5 MB or less."), code="size"
            )
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        kind = sniff_document_kind(head)
        if kind is None:
            raise ValidationError(
                _(
                    "This file does not look like a JPEG, PNG or PDF. "
                    "Please upload the original image or PDF."
                ),
                code="content",
            )
        if extension not in next(exts for _s, k, exts in IDENTITY_SIGNATURES if k == kind):
            raise ValidationError(
                _("The file's name does not match its contents. Please check the file."),
                code="mismatch",
            )
        if not document_opens(upload, kind):
            raise ValidationError(
                _(
                    "This file could not be opened as an image or PDF (it may be damaged, "
                    "encrypted or not really that format). Please upload the original file."
                ),
                code="unreadable",
            )
        upload.seek(0)
        return upload


IDENTITY_MAX_PIXELS = 40_000_000  # a 40-megapixel photo; past it, refuse rather than decode
IDENTITY_MAX_PDF_PAGES = 10


def document_opens(upload, kind: str) -> bool:
    """Parse the whole file as what its first bytes claim: decode every pixel of an image
    (Pillow), open a PDF and read each page (pypdf). A file that only looks like one at the
    start — a renamed script with a JPEG header, a truncated or encrypted PDF — is refused."""
    upload.seek(0)
    try:
        if kind == "pdf":
            reader = PdfReader(upload, strict=False)
            if reader.is_encrypted or not 1 <= len(reader.pages) <= IDENTITY_MAX_PDF_PAGES:
                return False
            for page in reader.pages:
                page.mediabox  # noqa: B018 — reading each page's tree is the check
            return True
        with Image.open(upload) as image:
            if image.format != kind.upper():
                return False
            width, height = image.size
            if width * height > IDENTITY_MAX_PIXELS or min(width, height) < 100:
                return False
            image.load()  # decodes every pixel; a truncated or corrupt image raises here
        return True
    except Exception:  # whatever a malformed file makes a parser raise, it is not accepted
        return False
    finally:
        upload.seek(0)


class DeleteAccountForm(JapaneseLabelsMixin, forms.Form):
    """Deleting an account asks for the password again and an explicit confirmation."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account cannot be restored once deleted"),
        error_messages={"required": _("Please confirm that you want to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is incorrect."), code="password")
        return password
