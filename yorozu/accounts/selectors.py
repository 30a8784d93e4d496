"""Reads for accounts: public client profiles and what the settings page shows."""

from __future__ import annotations

import posixpath

from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from yorozu.accounts.models import (
    AccountEvent,
    Avatar,
    AvatarStatus,
    ClientProfile,
    IdentityDocument,
    User,
    WorkerProfile,
)
from yorozu.alerts.models import SavedSearch
from yorozu.blocks.models import Block
from yorozu.contracts.models import Contract, Milestone, Proposal, WorkerBalance
from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.enforcement.models import Report
from yorozu.enforcement.selectors import active_restrictions, visible_q
from yorozu.favourites.models import Favourite
from yorozu.files.models import Attachment
from yorozu.jobs.models import Job
from yorozu.messaging.models import Message
from yorozu.notifications.models import Notification
from yorozu.portfolio.models import PortfolioWork
from yorozu.reviews.models import Direction, Review
from yorozu.workers.models import Scout


def access_client_profile(viewer: User | AnonymousUser | None, user_id: int) -> ClientProfile:
    """The public client profile of an active user, with its user; 404 otherwise.

    Client profiles are public (anyone deciding whether to apply to a job may read them); the
    refusals are for accounts that do not exist, are no longer active, or that a restriction
    hides (`enforcement.selectors.visible_q`) — except from their owner.
    """
    shown = visible_q("profile", "user")
    if getattr(viewer, "pk", None) == user_id:
        shown = Q()
    profile = (
        ClientProfile.objects.select_related("user")
        .filter(shown, user_id=user_id, user__is_active=True)
        .first()
    )
    if profile is None:
        raise Http404("no such client")
    return profile


def access_public_avatar(user_id: int, name: str) -> str:
    """The stored name of `user_id`'s live avatar if `name` is its current name; 404 otherwise
    (an old name, a deleted or inactive account)."""
    stored = (
        User.objects.filter(pk=user_id, is_active=True).values_list("avatar", flat=True).first()
    )
    if not stored or posixpath.basename(stored) != name:
        raise Http404("no such avatar")
    return stored


def access_avatar_file(user: User, avatar_id: int) -> Avatar:
    """Any upload of an avatar, for its owner and the secretariat (a held one under review)."""
    avatar = Avatar.objects.filter(pk=avatar_id).first()
    if avatar is None or not (avatar.user_id == user.pk or has_staff_permission(user, REVIEW)):
        raise Http404("no such avatar")
    if avatar.status not in (AvatarStatus.LIVE, AvatarStatus.HELD):
        raise Http404("no such avatar")
    return avatar


def client_reviews_from_workers(client: User, *, limit: int = 10) -> list:
    """The latest reviews workers left for this client."""
    return list(
        Review.objects.filter(reviewee=client, direction=Direction.WORKER_TO_CLIENT)
        .select_related("reviewer", "contract")
        .order_by("-created_at", "-id")[:limit]
    )


def has_confirmed_email(user) -> bool:
    """True if the account's own address (User.email) is one it has confirmed (allauth's
    EmailAddress row). Accounts made before confirmation existed, or by staff in the admin,
    confirm at their next sign-in."""
    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(
        user_id=user.pk, email__iexact=user.email, verified=True
    ).exists()


def passed_second_factor(request: HttpRequest) -> bool:
    """True if the signed-in user passed a second factor (TOTP or a recovery code) in this
    session: at login (allauth's MFA stage) or at the staff second-factor step."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def latest_identity_document(user: User) -> IdentityDocument | None:
    return IdentityDocument.objects.filter(user=user).order_by("-submitted_at", "-id").first()


# Where the second-factor step sends a staff member back to after they set up an app.
SECOND_FACTOR_NEXT_KEY = "yorozu_second_factor_next"


# --- privacy: what an account's data export holds, and what stands in the way of deletion ----

CONTRACTS_IN_PROGRESS = ("offered", "accepted", "funded", "delivered", "disputed")


def deletion_blockers(user: User) -> list[str]:
    """Why `user` cannot delete their account now (empty: they can)."""
    blockers = []
    if user.is_staff:
        blockers.append(
            gettext("A staff account is closed by an administrator of the secretariat.")
        )
    if Contract.objects.filter(
        Q(client_id=user.pk) | Q(worker_id=user.pk), status__in=CONTRACTS_IN_PROGRESS
    ).exists():
        blockers.append(
            gettext(
                "You have contracts in progress. Finish or cancel them first, so that nobody's "
                "work or payment is left hanging."
            )
        )
    if (
        WorkerBalance.objects.filter(user_id=user.pk)
        .filter(Q(available__gt=0) | Q(in_payout__gt=0))
        .exists()
    ):
        blockers.append(
            gettext(
                "You have earnings that have not been paid out yet. Withdraw them (or wait for "
                "the transfer in progress) first, so that nothing you earned is lost."
            )
        )
    if active_restrictions(user).exists():
        blockers.append(
            gettext(
                "A usage restriction is in force on your account. Please contact the "
                "secretariat about deleting it."
            )
        )
    return blockers


def _rows(queryset, *fields: str) -> list[dict]:
    return [
        {
            key: (value.isoformat() if hasattr(value, "isoformat") else value)
            for key, value in row.items()
        }
        for row in queryset.values(*fields)
    ]


def account_data(user: User) -> dict[str, object]:
    """Everything the data export holds, file by file (each becomes a JSON file in the ZIP):
    the account and profiles, postings, proposals, contracts, messages sent, reviews written
    and received, reports filed, scouts sent, identity documents (their record, not the file),
    files attached to messages and deliveries (their record; the files themselves download from
    their pages), notifications and the account's own audit trail."""

    worker = WorkerProfile.objects.get(user=user)
    client = ClientProfile.objects.get(user=user)
    return {
        "account": {
            "id": user.pk,
            "email": user.email,
            "email_addresses": _rows(
                EmailAddress.objects.filter(user=user), "email", "verified", "primary"
            ),
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_active_at": user.last_active_at.isoformat() if user.last_active_at else None,
            "active_role": user.active_role,
            "identity_status": user.identity_status,
            "terms_version": user.terms_version,
            "terms_agreed_at": user.terms_agreed_at.isoformat() if user.terms_agreed_at else None,
            "two_factor": _rows(
                Authenticator.objects.filter(user=user), "type", "created_at", "last_used_at"
            ),
        },
        "worker_profile": _rows(
            WorkerProfile.objects.filter(pk=worker.pk),
            "headline",
            "bio",
            "skills",
            "prefecture",
            "gender",
            "birth_date",
            "show_gender",
            "show_age",
            "accepts_scouts",
            "skill_years",
            "hours_per_week",
            "available_from",
        )[0],
        "client_profile": _rows(
            ClientProfile.objects.filter(pk=client.pk),
            "kind",
            "company_name",
            "about",
            "company_url",
            "company_description",
        )[0],
        "jobs": _rows(
            Job.objects.filter(client=user).order_by("pk"),
            "id",
            "title",
            "description",
            "category__slug",
            "pay_type",
            "budget_min",
            "budget_max",
            "deadline",
            "status",
            "moderation",
            "created_at",
            "closed_at",
        ),
        "proposals": _rows(
            Proposal.objects.filter(worker=user).order_by("pk"),
            "id",
            "job_id",
            "job__title",
            "price",
            "message",
            "status",
            "created_at",
        ),
        "contracts": _rows(
            Contract.objects.filter(Q(client=user) | Q(worker=user)).order_by("pk"),
            "id",
            "job_id",
            "title",
            "client_id",
            "worker_id",
            "amount",
            "status",
            "created_at",
            "funded_at",
            "completed_at",
            "cancelled_at",
        ),
        "milestones": _rows(
            Milestone.objects.filter(Q(contract__client=user) | Q(contract__worker=user)).order_by(
                "contract_id", "position"
            ),
            "contract_id",
            "position",
            "title",
            "amount",
            "status",
            "delivery_note",
            "delivered_at",
        ),
        "attachments": _rows(
            Attachment.objects.filter(uploader=user).order_by("pk"),
            "id",
            "name",
            "media_type",
            "size",
            "sha256",
            "status",
            "content_type__model",
            "object_id",
            "created_at",
        ),
        "messages_sent": _rows(
            Message.objects.filter(sender=user).order_by("pk"),
            "id",
            "thread_id",
            "thread__job__title",
            "body",
            "status",
            "created_at",
        ),
        "reviews_written": _rows(
            Review.objects.filter(reviewer=user).order_by("pk"),
            "id",
            "contract_id",
            "direction",
            "overall",
            "quality",
            "communication",
            "timeliness",
            "comment",
            "created_at",
        ),
        "reviews_received": _rows(
            Review.objects.filter(reviewee=user).order_by("pk"),
            "id",
            "contract_id",
            "direction",
            "overall",
            "comment",
            "created_at",
        ),
        "reports_filed": _rows(
            Report.objects.filter(reporter=user).order_by("pk"),
            "id",
            "target",
            "object_id",
            "reason",
            "details",
            "status",
            "created_at",
        ),
        "scouts_sent": _rows(
            Scout.objects.filter(client=user).order_by("pk"),
            "id",
            "worker_id",
            "job_id",
            "message",
            "status",
            "created_at",
        ),
        "avatars": _rows(
            Avatar.objects.filter(user=user).order_by("pk"), "id", "status", "created_at"
        ),
        "portfolio_works": _rows(
            PortfolioWork.objects.filter(worker=user).order_by("position", "pk"),
            "id",
            "title",
            "description",
            "category__slug",
            "link",
            "position",
            "status",
            "created_at",
            "updated_at",
        ),
        "identity_documents": _rows(
            IdentityDocument.objects.filter(user=user).order_by("pk"),
            "id",
            "submitted_at",
            "decision",
            "decided_at",
            "note",
        ),
        "notifications": _rows(
            Notification.objects.filter(user=user).order_by("pk"),
            "kind",
            "title",
            "body",
            "url",
            "created_at",
            "read_at",
        ),
        "favourites": _rows(
            Favourite.objects.filter(owner=user).order_by("pk"),
            "kind",
            "person_id",
            "job_id",
            "created_at",
        ),
        "saved_searches": _rows(
            SavedSearch.objects.filter(owner=user).order_by("pk"),
            "kind",
            "name",
            "query",
            "alerts",
            "created_at",
            "last_digest_at",
        ),
        "blocks": _rows(
            Block.objects.filter(blocker=user).order_by("pk"),
            "blocked_id",
            "reason",
            "created_at",
        ),
        "account_events": _rows(
            AccountEvent.objects.filter(user=user).order_by("pk"),
            "event_type",
            "data",
            "created_at",
        ),
    }
