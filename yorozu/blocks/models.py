"""Blocks between users: one person says they want no contact from another.

A block bars contact both ways (scouts, messages, proposals), through one predicate
(`selectors.refuse_if_contact_blocked`). The secretariat sees how many people block an account as
a signal on the console's case page; every block and unblock leaves an audit row.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.core.models import AuditEvent


class BlockReason(models.TextChoices):
    """Why a block was made: a choice, never free text, so nothing here needs screening."""

    UNWANTED = "unwanted", _("I do not want contact from this person")
    SPAM = "spam", _("Spam or unsolicited sales")
    HARASSMENT = "harassment", _("Harassment or abusive language")
    SUSPICIOUS = "suspicious", _("Suspicious offer (off-platform dealing, fees, scams)")


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=BlockReason.choices, default=BlockReason.UNWANTED
    )
    created_at = models.DateTimeField(_("blocked"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="no_self_block"),
        ]
        indexes = [models.Index(fields=["blocked", "created_at"], name="block_blocked_time")]

    def __str__(self) -> str:
        return f"Block({self.blocker_id} → {self.blocked_id})"


class BlockEvent(AuditEvent):
    """`blocked` / `unblocked`, kept after an unblock so the secretariat sees the history."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = _("block event")
        verbose_name_plural = _("block events")
        indexes = [models.Index(fields=["blocked", "created_at"], name="blockevent_blocked_time")]

    def __str__(self) -> str:
        return f"{self.event_type}: {self.blocker_id} → {self.blocked_id}"
