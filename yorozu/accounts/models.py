"""Accounts: one login that can act as a client and as a worker, and the two profiles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yorozu.accounts.prefectures import prefecture_choices


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Role(models.TextChoices):
    CLIENT = "client", _("Client")
    WORKER = "worker", _("Worker")


class IdentityStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    PENDING = "pending", _("Pending review")
    VERIFIED = "verified", _("Verified")


class User(AbstractBaseUser, PermissionsMixin):
    """A person on yorozu. The same account hires as a client and works as a worker."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=50)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    active_role = models.CharField(
        _("current role"), max_length=10, choices=Role.choices, default=Role.WORKER
    )
    identity_status = models.CharField(
        _("identity verification"),
        max_length=12,
        choices=IdentityStatus.choices,
        default=IdentityStatus.UNVERIFIED,
    )
    last_active_at = models.DateTimeField(_("last active"), null=True, blank=True)
    # The terms of use and privacy policy the person agreed to at signup (settings.TERMS_VERSION).
    terms_version = models.CharField(_("terms agreed to"), max_length=20, blank=True)
    terms_agreed_at = models.DateTimeField(_("terms agreed at"), null=True, blank=True)
    # Set when the account was deleted by its owner: personal data erased, the row kept (what the
    # ledger, restrictions and audit logs point at) and never able to sign in again.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # The live avatar's name in the `avatars` storage ("" shows the generated default). Kept on
    # the user row, which every page that shows a person has already read: no query per face.
    avatar = models.CharField(_("avatar"), max_length=255, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"

    @property
    def is_identity_verified(self) -> bool:
        return self.identity_status == IdentityStatus.VERIFIED

    @property
    def acting_as_client(self) -> bool:
        return self.active_role == Role.CLIENT


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")
    NO_ANSWER = "no_answer", _("Prefer not to say")


class AgeBand(models.IntegerChoices):
    TEENS = 10, _("10s")
    TWENTIES = 20, _("20s")
    THIRTIES = 30, _("30s")
    FORTIES = 40, _("40s")
    FIFTIES = 50, _("50s")
    SIXTY_PLUS = 60, _("60 and over")


def age_on(birth_date: datetime.date, today: datetime.date) -> int:
    years = today.year - birth_date.year
    if (today.month, today.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_band_for(age: int) -> int:
    if age < 20:
        return AgeBand.TEENS
    return min(60, (age // 10) * 10)


class WorkerProfile(models.Model):
    """What clients see of a worker, and the worker's own privacy and scouting switches."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worker_profile"
    )
    headline = models.CharField(_("headline"), max_length=80, blank=True)
    bio = models.TextField(_("bio"), blank=True, max_length=4000)
    skills = models.CharField(
        _("skills"), max_length=300, blank=True, help_text=_("Comma-separated, e.g. Python, 翻訳")
    )
    prefecture = models.PositiveSmallIntegerField(
        _("prefecture"), choices=prefecture_choices(), null=True, blank=True
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.NO_ANSWER
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    show_gender = models.BooleanField(_("show my gender"), default=False)
    show_age = models.BooleanField(_("show my age band"), default=False)
    accepts_scouts = models.BooleanField(_("accept scouts"), default=True)
    # Denormalized from reviews and contracts by their actions, so cards never aggregate.
    rating_avg = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)
    completed_count = models.PositiveIntegerField(default=0)
    # Skills with years of experience, in the worker's order: [{"name": "Python", "years": 5}].
    # `skills` (the text worker search reads) is kept in step by `do_set_worker_skills`.
    skill_years = models.JSONField(_("skills with years of experience"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    available_from = models.DateField(_("next free date"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker profile")
        verbose_name_plural = _("worker profiles")
        # Worker search reads its own table (workers.WorkerSearchRow) and its indexes.

    def __str__(self) -> str:
        return f"WorkerProfile({self.user_id})"

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.replace("、", ",").split(",") if s.strip()]

    @property
    def skills_with_years(self) -> list[tuple[str, int | None]]:
        """(skill, years) in the worker's order; a skill typed before years existed has None."""
        if self.skill_years:
            return [(str(s["name"]), s.get("years")) for s in self.skill_years]
        return [(name, None) for name in self.skill_list]

    def available_now(self, today: datetime.date | None = None) -> bool:
        return self.available_from is None or self.available_from <= (today or timezone.localdate())

    def age_band(self, today: datetime.date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        return age_band_for(age_on(self.birth_date, today or timezone.localdate()))

    @property
    def public_gender(self) -> str | None:
        """The gender label, only where the worker chose to show it."""
        if not self.show_gender or self.gender == Gender.NO_ANSWER:
            return None
        return str(Gender(self.gender).label)

    @property
    def public_age_band(self) -> str | None:
        if not self.show_age:
            return None
        band = self.age_band()
        return str(AgeBand(band).label) if band is not None else None


class ClientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COMPANY = "company", _("Company")


class ClientProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_profile"
    )
    kind = models.CharField(
        _("client type"), max_length=12, choices=ClientKind.choices, default=ClientKind.INDIVIDUAL
    )
    company_name = models.CharField(_("company name"), max_length=100, blank=True)
    about = models.TextField(_("about"), blank=True, max_length=4000)
    # The company page (shown on the client profile of a company).
    company_url = models.URLField(_("company website"), blank=True, max_length=200)
    company_description = models.TextField(_("company description"), blank=True, max_length=4000)
    # Denormalized by the review and contract actions.
    satisfaction_avg = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    satisfaction_count = models.PositiveIntegerField(default=0)
    orders_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("client profile")
        verbose_name_plural = _("client profiles")

    def __str__(self) -> str:
        return f"ClientProfile({self.user_id})"

    @property
    def public_name(self) -> str:
        if self.kind == ClientKind.COMPANY and self.company_name:
            return self.company_name
        return self.user.display_name


class IdentityDocument(models.Model):
    """An uploaded identity document; staff decide in the admin."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_documents"
    )
    document = models.FileField(_("document"), upload_to="identity/%Y/%m/")
    submitted_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note to the user"), max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"IdentityDocument({self.user_id}, {self.decision})"


class AvatarStatus(models.TextChoices):
    LIVE = "live", pgettext_lazy("avatar status", "Shown")
    HELD = "held", pgettext_lazy("avatar status", "Under review")
    REPLACED = "replaced", pgettext_lazy("avatar status", "Replaced")
    REJECTED = "rejected", pgettext_lazy("avatar status", "Rejected")
    REMOVED = "removed", pgettext_lazy("avatar status", "Removed")


class Avatar(models.Model):
    """One uploaded avatar: square, re-encoded without metadata, screened like profile text.

    The live one is named on `User.avatar`; a held one waits for the secretariat (the
    generated default shows meanwhile). Bytes live in the `avatars` storage (accounts.avatars).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="avatars"
    )
    stored_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=AvatarStatus.choices)
    # What screening read in the picture (codes, OCR), as the files app records it.
    extracted = models.JSONField(default=list, blank=True)
    assessment = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("avatar")
        verbose_name_plural = _("avatars")

    def __str__(self) -> str:
        return f"Avatar({self.user_id}, {self.status})"

    @property
    def text(self) -> str:
        """What screening read, as one text (the spans of `assessment` index it)."""
        return "\n".join(
            str(p.get("text", "")) for p in self.extracted or [] if p.get("source") != "unread"
        )


class AccountEvent(models.Model):
    """Append-only audit of account changes (Zulip's RealmAuditLog)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    event_type = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.user_id}"


# The profile fields a reader sees as the person's own words (screened on every change).
SCREENED_WORKER_FIELDS = ("headline", "bio", "skills")
SCREENED_CLIENT_FIELDS = ("company_name", "about", "company_url", "company_description")


def profile_text(user: User, **changes: object) -> str:
    """The account's public words as one text — display name, headline, bio, skills, company
    name, about — with `changes` (field values about to be saved) in place of the stored ones."""
    worker = getattr(user, "worker_profile", None)
    client = getattr(user, "client_profile", None)
    parts = [str(changes.get("display_name", user.display_name))]
    parts += [str(changes.get(f, getattr(worker, f, "")) or "") for f in SCREENED_WORKER_FIELDS]
    parts += [str(changes.get(f, getattr(client, f, "")) or "") for f in SCREENED_CLIENT_FIELDS]
    return "\n".join(p for p in parts if p)
