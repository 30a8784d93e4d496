"""Personal access tokens: how a program speaks to the API as one person.

A token is shown once, when it is made; only its SHA-256 digest is stored (the token is 256
random bits, so a fast digest is enough — nothing to brute-force), with its first characters so
its owner can tell their tokens apart. Scopes say what it may do; a staff token also records that
its maker had passed the second factor in the session that made it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.core.models import AuditEvent


class Scope(models.TextChoices):
    READ = "read", _("Read (jobs, your proposals, contracts, messages, notifications)")
    JOBS = "jobs", _("Post, edit and close jobs")
    PROPOSALS = "proposals", _("Send and answer proposals")
    MESSAGES = "messages", _("Send messages and scouts")
    CONTRACTS = "contracts", _("Move contracts along (accept, fund, deliver, approve…)")
    STAFF = "staff", _("The secretariat's queues and decisions (staff only)")


class AccessToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    second_factor = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="token_user_new")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


class AccessTokenEvent(AuditEvent):
    """Made and revoked, by whom (the owner, or the secretariat)."""

    token = models.ForeignKey(AccessToken, on_delete=models.CASCADE, related_name="events")

    class Meta(AuditEvent.Meta):
        pass
