"""In-app notifications (an e-mail copy is sent on commit)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # Notifications sharing a key collapse: while one is unread, no second one (and no second
    # e-mail) is made. A burst of messages in one thread is one notification, not twenty.
    collapse_key = models.CharField(_("collapse key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "collapse_key"],
                condition=Q(read_at__isnull=True) & ~Q(collapse_key=""),
                name="notification_one_unread_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
