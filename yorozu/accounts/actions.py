"""Every write to accounts. Each outermost action is atomic and writes its audit row."""

from __future__ import annotations

import datetime
import io
import json
import uuid
import zipfile
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from yorozu.accounts.avatars import erase_avatars
from yorozu.accounts.models import (
    SCREENED_CLIENT_FIELDS,
    SCREENED_WORKER_FIELDS,
    AccountEvent,
    ClientKind,
    ClientProfile,
    Gender,
    IdentityDocument,
    IdentityStatus,
    Role,
    User,
    WorkerProfile,
    profile_text,
)
from yorozu.accounts.names import validate_display_name
from yorozu.accounts.selectors import account_data, deletion_blockers
from yorozu.alerts.models import SavedSearch
from yorozu.contracts.actions import do_withdraw_proposal
from yorozu.contracts.models import Proposal, ProposalStatus
from yorozu.core.errors import Refused
from yorozu.core.staff import (
    REVIEW,
    VERIFY_IDENTITY,
    has_staff_permission,
    require_staff_permission,
)
from yorozu.favourites.models import Favourite
from yorozu.files.actions import erase_undelivered_attachments
from yorozu.jobs.actions import do_close_job
from yorozu.jobs.models import Job, JobStatus
from yorozu.notifications.actions import do_notify, render_for
from yorozu.notifications.models import Notification
from yorozu.portfolio.actions import erase_portfolio
from yorozu.trust.screening import Context, Screening, apply_verdict, refuse_if_blocked, screen
from yorozu.workers.actions import do_decline_scout, do_refresh_worker_search_rows
from yorozu.workers.models import Scout, ScoutStatus

PENDING_PROPOSALS = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)


class DisplayNameRefused(Refused):
    """The display name has control or invisible characters, or passes for the secretariat."""

    default_code = "display_name"


def _checked_display_name(display_name: str, *, staff: bool) -> str:
    display_name = display_name.strip()
    if not display_name:
        raise DisplayNameRefused(gettext_lazy("Please enter a display name."))
    try:
        validate_display_name(display_name, staff=staff)
    except ValidationError as error:
        raise DisplayNameRefused(error.messages[0]) from error
    return display_name


@transaction.atomic(durable=True)
def do_create_account(
    *,
    email: str,
    password: str | None,
    display_name: str,
    role: str = Role.WORKER,
    terms_version: str = "",
    email_confirmed: bool = False,
) -> User:
    """Create a user with both profiles: any account can hire and work.

    A signup records the terms version agreed to; its address is confirmed later by the link
    allauth mails (`email_confirmed` is for accounts whose address is known good: the demo, tests).
    The signup form has already refused staff look-alike names; here only control and
    invisible characters are refused, since the demo and the admin create staff accounts.
    """
    display_name = _checked_display_name(display_name, staff=True)
    now = timezone.now()
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        active_role=role,
        terms_version=terms_version,
        terms_agreed_at=now if terms_version else None,
    )
    WorkerProfile.objects.create(user=user)
    ClientProfile.objects.create(user=user)
    if email_confirmed:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    AccountEvent.objects.create(
        user=user,
        actor=user,
        event_type="account_created",
        data={"terms_version": terms_version} if terms_version else {},
    )
    do_refresh_worker_search_rows([user.pk])
    return user


@transaction.atomic
def do_set_password(user: User, password: str, *, actor: User | None) -> None:
    """Set a new password (change, or reset by the e-mailed link) and record that it happened."""
    user.set_password(password)
    user.save(update_fields=["password"])
    AccountEvent.objects.create(
        user=user,
        actor=actor if actor is not None and actor.pk else None,
        event_type="password_changed",
    )


def do_record_email_confirmed(user: User, email: str, *, actor: User | None) -> None:
    """Audit row for an address confirmed by its link (at signup or after an e-mail change)."""
    AccountEvent.objects.create(
        user=user,
        actor=actor if actor is not None and actor.pk else None,
        event_type="email_confirmed",
        data={"email": email},
    )


@transaction.atomic(durable=True)
def do_switch_role(user: User, role: str, *, actor: User) -> None:
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    if user.active_role == role:
        return
    user.active_role = role
    user.save(update_fields=["active_role"])
    AccountEvent.objects.create(
        user=user, actor=actor, event_type="role_switched", data={"role": role}
    )


def do_touch_last_active(user: User) -> None:
    """Record activity at most once an hour (worker search sorts by it)."""
    now = timezone.now()
    if user.last_active_at and (now - user.last_active_at).total_seconds() < 3600:
        return
    User.objects.filter(pk=user.pk).update(last_active_at=now)
    user.last_active_at = now
    do_refresh_worker_search_rows([user.pk])


def _require_self_or_staff(user: User, actor: User) -> None:
    """Profiles are edited by their owner; the secretariat may correct them."""
    if actor.pk != user.pk and not has_staff_permission(actor, REVIEW):
        raise PermissionDenied("only the account owner or staff may change this account")


def do_change_display_name(user: User, display_name: str, *, actor: User) -> bool:
    """Rename the account; returns False when nothing changed (no audit row for a no-op).

    A display name is public text: it goes through the screening door as a profile does (a
    name that carries an ID or an address is refused with `Blocked`, the draft kept).
    """
    _require_self_or_staff(user, actor)
    display_name = _checked_display_name(display_name, staff=user.is_staff)
    if user.display_name == display_name:
        return False
    screened = screen_profile(user, display_name=display_name)
    refuse_if_blocked(screened, author=user, actor=actor)
    return _save_display_name(user, display_name, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _save_display_name(user: User, display_name: str, *, screened: Screening, actor: User) -> bool:
    old = User.objects.select_for_update().values_list("display_name", flat=True).get(pk=user.pk)
    if old == display_name:
        return False
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    AccountEvent.objects.create(
        user=user,
        actor=actor,
        event_type="display_name_changed",
        data={"old": old, "new": display_name},
    )
    apply_verdict(screened, content=user, author=user, actor=actor, new=False)
    do_refresh_worker_search_rows([user.pk])
    return True


def screen_profile(user: User, **changes: object) -> Screening:
    """A profile is screened as one text (`profile_text`) with the changes applied: contact
    details in a bio are treated as in a message before escrow."""
    return screen(
        "profile", profile_text(user, **changes), author=user, context=Context(sender_role="worker")
    )


WORKER_PROFILE_FIELDS = (
    "headline",
    "bio",
    "skills",
    "prefecture",
    "gender",
    "birth_date",
    "show_gender",
    "show_age",
    "accepts_scouts",
)
CLIENT_PROFILE_FIELDS = ("kind", "company_name", "about", "company_url", "company_description")


def _apply_changes(profile: models.Model, allowed: tuple[str, ...], changes: dict) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    changed = []
    for field, value in changes.items():
        if getattr(profile, field) != value:
            setattr(profile, field, value)
            changed.append(field)
    return changed


def do_update_worker_profile(user: User, *, actor: User, **changes: object) -> list[str]:
    """Update the worker profile; returns the names of the fields that changed.

    Written fields are screened first (refused with `Blocked`, the draft kept). The audit row
    names the changed fields but not their values: gender and birth date are personal data the
    worker may be hiding, and an audit log is read by more people.
    """
    _require_self_or_staff(user, actor)
    stored = WorkerProfile.objects.get(user=user)  # not user.worker_profile: a bound ModelForm
    screened = _screen_changes(  # has already copied the draft onto that instance
        user, stored, WORKER_PROFILE_FIELDS, SCREENED_WORKER_FIELDS, changes
    )
    if screened is not None:
        refuse_if_blocked(screened, author=user, actor=actor)
    return _save_worker_profile(user, changes, screened=screened, actor=actor)


def _screen_changes(
    user: User, profile: models.Model, allowed: tuple[str, ...], screened: tuple[str, ...], changes
) -> Screening | None:
    """The screening of the profile with `changes` applied, or None when no written field of
    `profile` changes."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if not any(f in screened and changes[f] != getattr(profile, f) for f in changes):
        return None
    return screen_profile(user, **changes)


@transaction.atomic(durable=True)
def _save_worker_profile(
    user: User, changes: dict, *, screened: Screening | None, actor: User
) -> list[str]:
    profile = WorkerProfile.objects.select_for_update().get(user=user)
    changed = _apply_changes(profile, WORKER_PROFILE_FIELDS, changes)
    if changed:
        profile.save(update_fields=changed)
        AccountEvent.objects.create(
            user=user, actor=actor, event_type="worker_profile_updated", data={"fields": changed}
        )
        if screened is not None:
            apply_verdict(screened, content=user, author=user, actor=actor, new=False)
        do_refresh_worker_search_rows([user.pk])
    user.worker_profile = profile
    return changed


def do_update_client_profile(user: User, *, actor: User, **changes: object) -> list[str]:
    """Update the client profile; a company must have a company name (it is its public name).

    Written fields are screened first (refused with `Blocked`, the draft kept).
    """
    _require_self_or_staff(user, actor)
    stored = ClientProfile.objects.get(user=user)  # the stored text, not a form's instance
    screened = _screen_changes(user, stored, CLIENT_PROFILE_FIELDS, SCREENED_CLIENT_FIELDS, changes)
    if screened is not None:
        refuse_if_blocked(screened, author=user, actor=actor)
    return _save_client_profile(user, changes, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _save_client_profile(
    user: User, changes: dict, *, screened: Screening | None, actor: User
) -> list[str]:
    profile = ClientProfile.objects.select_for_update().get(user=user)
    changed = _apply_changes(profile, CLIENT_PROFILE_FIELDS, changes)
    if profile.kind == ClientKind.COMPANY and not profile.company_name.strip():
        raise ValueError("a company client needs a company name")
    if changed:
        profile.save(update_fields=changed)
        AccountEvent.objects.create(
            user=user, actor=actor, event_type="client_profile_updated", data={"fields": changed}
        )
        if screened is not None:
            apply_verdict(screened, content=user, author=user, actor=actor, new=False)
    user.client_profile = profile
    return changed


MAX_SKILLS = 15


def do_set_worker_skills(
    user: User,
    skills: list[tuple[str, int | None]],
    *,
    hours_per_week: int | None,
    available_from: datetime.date | None,
    actor: User,
) -> list[str]:
    """Set the worker's skills with years of experience and their availability; returns the
    names of the fields that changed.

    The skill names are public words like a bio: screened first (refused with `Blocked`, the
    draft kept). `skills`, the text worker search reads, follows the names.
    """
    _require_self_or_staff(user, actor)
    seen: dict[str, int | None] = {}
    for name, years in skills:
        name = " ".join(str(name).split())
        if name and name.casefold() not in {k.casefold() for k in seen}:
            seen[name] = years
    if len(seen) > MAX_SKILLS:
        raise Refused(gettext_lazy("Please list at most 15 skills."), "too_many_skills")
    skill_years = [{"name": n, "years": y} for n, y in seen.items()]
    text = ", ".join(seen)
    stored = WorkerProfile.objects.get(user=user)
    screened = None
    if text != stored.skills:
        screened = screen_profile(user, skills=text)
        refuse_if_blocked(screened, author=user, actor=actor)
    changes = {
        "skill_years": skill_years,
        "skills": text,
        "hours_per_week": hours_per_week,
        "available_from": available_from,
    }
    return _save_worker_skills(user, changes, screened=screened, actor=actor)


@transaction.atomic(durable=True)
def _save_worker_skills(
    user: User, changes: dict, *, screened: Screening | None, actor: User
) -> list[str]:
    profile = WorkerProfile.objects.select_for_update().get(user=user)
    changed = [f for f, v in changes.items() if getattr(profile, f) != v]
    for field in changed:
        setattr(profile, field, changes[field])
    if changed:
        profile.save(update_fields=changed)
        AccountEvent.objects.create(
            user=user, actor=actor, event_type="worker_skills_updated", data={"fields": changed}
        )
        if screened is not None:
            apply_verdict(screened, content=user, author=user, actor=actor, new=False)
        do_refresh_worker_search_rows([user.pk])
    user.worker_profile = profile
    return changed


class IdentitySubmissionRefused(Refused):
    """The user is already verified or already has a document under review."""

    default_code = "identity_refused"


@transaction.atomic(durable=True)
def do_submit_identity_document(user: User, document: File, *, actor: User) -> IdentityDocument:
    """Store an identity document under a random name and put the account in review.

    The file's original name is dropped (it often holds the person's name) and replaced by a
    random one, so a document's URL cannot be guessed. The user row is locked so two uploads
    racing each other cannot both land.
    """
    if actor.pk != user.pk:
        raise PermissionDenied("only the account owner submits identity documents")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.identity_status == IdentityStatus.VERIFIED:
        raise IdentitySubmissionRefused("already verified")
    if locked.identity_status == IdentityStatus.PENDING:
        raise IdentitySubmissionRefused("a document is already under review")
    extension = Path(document.name or "").suffix.lower()
    record = IdentityDocument(user=user)
    record.document.save(f"{uuid.uuid4().hex}{extension}", document, save=False)
    record.save()
    user.identity_status = IdentityStatus.PENDING
    user.save(update_fields=["identity_status"])
    AccountEvent.objects.create(
        user=user, actor=actor, event_type="identity_submitted", data={"document": record.pk}
    )
    return record


@transaction.atomic
def do_decide_identity_document(
    document: IdentityDocument, approve: bool, note: str = "", *, actor: User
) -> bool:
    """The secretariat approves or rejects a pending document; returns False if already decided.

    Approval verifies the account; rejection returns it to unverified so the user can upload
    again. The document row is locked and must still be pending, so two staff members deciding
    at once produce one decision, one audit row and one notification.
    """
    require_staff_permission(actor, VERIFY_IDENTITY, about=[document.user_id])
    locked = IdentityDocument.objects.select_for_update().get(pk=document.pk)
    if locked.decision != IdentityDocument.Decision.PENDING:
        return False
    now = timezone.now()
    locked.decision = (
        IdentityDocument.Decision.APPROVED if approve else IdentityDocument.Decision.REJECTED
    )
    locked.decided_by = actor
    locked.decided_at = now
    locked.note = note.strip()[:300]
    locked.save(update_fields=["decision", "decided_by", "decided_at", "note"])
    user = User.objects.select_for_update().get(pk=locked.user_id)
    user.identity_status = IdentityStatus.VERIFIED if approve else IdentityStatus.UNVERIFIED
    user.save(update_fields=["identity_status"])
    do_refresh_worker_search_rows([user.pk])
    AccountEvent.objects.create(
        user=user,
        actor=actor,
        event_type="identity_approved" if approve else "identity_rejected",
        data={"document": locked.pk, "note": locked.note},
    )
    # The user reads this in their language, not in the staff member's admin language.
    if approve:
        title = gettext_lazy("Your identity has been verified")
        body = render_for(
            user, gettext_lazy("Thank you. The identity-verified mark now shows on your profile.")
        )
    else:
        title = gettext_lazy("Your identity document could not be accepted")
        body = render_for(
            user, gettext_lazy("Please check the note below and upload a document again.")
        )
        if locked.note:
            body = f"{body}\n\n{locked.note}"
    do_notify(
        user,
        kind="identity_approved" if approve else "identity_rejected",
        title=title,
        body=body,
        url=reverse("accounts:identity"),
    )
    document.refresh_from_db()
    return True


@transaction.atomic
def do_register_user_from_admin(user: User, *, actor: User) -> User:
    """Finish an account the secretariat created in the admin: both profiles and the audit row.

    The admin's add form builds the User (with its hashed password); everything else every
    account must have is created here, as `do_create_account` does for sign-ups.
    """
    if not actor.is_staff:
        raise PermissionDenied("only staff create accounts in the admin")
    user.save()
    WorkerProfile.objects.get_or_create(user=user)
    ClientProfile.objects.get_or_create(user=user)
    AccountEvent.objects.create(user=user, actor=actor, event_type="account_created_by_staff")
    do_refresh_worker_search_rows([user.pk])
    return user


# --- privacy: export and deletion ------------------------------------------------------------


def do_export_account_data(user: User, *, actor: User) -> bytes:
    """The account's data as a ZIP of JSON files (one per kind), and an audit row saying so."""
    if actor.pk != user.pk:
        raise PermissionDenied("only the account owner downloads their data")
    data = account_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(
                f"{name}.json",
                json.dumps(content, ensure_ascii=False, indent=2, default=str),
            )
        archive.writestr("README.txt", EXPORT_README)
    AccountEvent.objects.create(
        user=user, actor=actor, event_type="data_exported", data={"files": sorted(data)}
    )
    return buffer.getvalue()


EXPORT_README = """yorozu — your data / あなたのデータ

Each JSON file holds one kind of data we hold about your account, in UTF-8:
account, worker_profile, client_profile, jobs, proposals, contracts, messages_sent,
reviews_written, reviews_received, reports_filed, scouts_sent, avatars (the record of each
picture; the live one is on your profile), portfolio_works (their files are listed in
attachments), identity_documents (the record of each document, not the file), attachments
(the record of each file you attached to a message, a delivery or a portfolio work; the files
download from their pages), notifications, account_events (your account's
audit trail).
Times are ISO 8601 with their UTC offset.

各 JSON ファイルに、あなたのアカウントについて当社が保有するデータを種類ごとに収めています。
"""


class AccountDeletionRefused(Refused):
    """The account cannot be deleted now (contracts in progress, a restriction, staff)."""

    default_code = "deletion_refused"
    status = 409


DELETED_DISPLAY_NAME = "退会したユーザー"


def do_delete_account(user: User, *, actor: User) -> None:
    """Delete an account at its owner's request (APPI): erase or anonymise personal data.

    First what others wait on is wound down, each through its own app's action: open job
    postings are closed, pending proposals withdrawn, scouts waiting on the account declined.
    Then, in one transaction with its audit row (`_erase_account`), the personal data is erased:
    the e-mail address (replaced by one that cannot receive mail), the display name, the
    password, both profiles' contents, identity documents (files and rows), sign-in addresses,
    authenticator apps and recovery codes, notifications.

    Kept, because the law or the platform's enforcement requires it, under the anonymised account
    (退会したユーザー): contracts and the payment ledger (tax and bookkeeping records), reviews
    given and received (other people's ratings rest on them), messages in threads (the other
    party's record of the conversation), reports, restrictions, appeals and every audit log.
    The account row stays (all of that points at it) and can never sign in again.
    """
    if actor.pk != user.pk:
        raise PermissionDenied("only the account owner deletes their account")
    blockers = deletion_blockers(user)
    if blockers:
        raise AccountDeletionRefused(blockers[0])
    for job in Job.objects.filter(client=user, status=JobStatus.OPEN):
        do_close_job(job, actor=actor)
    for proposal in Proposal.objects.filter(worker=user, status__in=PENDING_PROPOSALS):
        do_withdraw_proposal(proposal, actor=actor)
    for scout in Scout.objects.filter(worker=user, status=ScoutStatus.SENT):
        do_decline_scout(scout, actor=actor)
    _erase_account(user, actor=actor)


@transaction.atomic(durable=True)
def _erase_account(user: User, *, actor: User) -> None:
    locked = User.objects.select_for_update().get(pk=user.pk)
    blockers = deletion_blockers(locked)  # again, under the lock: a contract may have begun
    if blockers:
        raise AccountDeletionRefused(blockers[0])
    for document in IdentityDocument.objects.filter(user=locked):
        document.document.delete(save=False)
        document.delete()
    # Files nobody else received (held, refused, pending) go; delivered ones stay with the
    # conversation or the delivery they belong to, like messages (docs/files.md).
    erase_portfolio(locked)  # a portfolio is the worker's own, delivered to nobody
    erased_files = erase_undelivered_attachments(locked)
    EmailAddress.objects.filter(user=locked).delete()
    Authenticator.objects.filter(user=locked).delete()
    Notification.objects.filter(user=locked).delete()
    # What they kept and searched for is theirs alone; blocks against them stay as a signal.
    Favourite.objects.filter(owner=locked).delete()
    SavedSearch.objects.filter(owner=locked).delete()
    erase_avatars(locked)
    WorkerProfile.objects.filter(user=locked).update(
        headline="",
        bio="",
        skills="",
        skill_years=[],
        hours_per_week=None,
        available_from=None,
        prefecture=None,
        gender=Gender.NO_ANSWER,
        birth_date=None,
        show_gender=False,
        show_age=False,
        accepts_scouts=False,
    )
    ClientProfile.objects.filter(user=locked).update(
        kind=ClientKind.INDIVIDUAL,
        company_name="",
        about="",
        company_url="",
        company_description="",
    )
    now = timezone.now()
    locked.email = f"deleted-{locked.pk}@deleted.invalid"
    locked.display_name = DELETED_DISPLAY_NAME
    locked.set_unusable_password()
    locked.is_active = False
    locked.deleted_at = now
    locked.last_active_at = None
    locked.identity_status = IdentityStatus.UNVERIFIED
    locked.save(
        update_fields=[
            "email",
            "display_name",
            "password",
            "is_active",
            "deleted_at",
            "last_active_at",
            "identity_status",
        ]
    )
    AccountEvent.objects.create(
        user=locked,
        actor=locked,
        event_type="account_deleted",
        data={"kept": list(KEPT_AFTER_DELETION), "files_erased": erased_files},
    )
    do_refresh_worker_search_rows([locked.pk])


KEPT_AFTER_DELETION = (
    "contracts",
    "payment_ledger",
    "reviews",
    "messages",
    "delivered_files",
    "reports",
    "restrictions",
    "appeals",
    "audit_logs",
)
