"""Files attached to something a user wrote: a message, a delivery, a competition entry.

An attachment belongs to one item of a registered host kind (`hosts.py`) through a generic
relation, so the app that owns the item decides who sees it and in which stage its text is
judged. Its bytes live in the private `attachments` storage (`storage.py`) under a random name.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yorozu.files.hosts import host_of


class AttachmentStatus(models.TextChoices):
    # Being screened on the queue (a large file): seen by its uploader (and staff) only.
    PENDING = "pending", pgettext_lazy("attachment status", "Being checked")
    DELIVERED = "delivered", pgettext_lazy("attachment status", "Delivered")
    WARNED = "warned", pgettext_lazy("attachment status", "Delivered with a warning")
    HELD = "held", pgettext_lazy("attachment status", "Under review")
    # Screening on the queue refused it, as it would have refused the same text typed.
    BLOCKED = "blocked", pgettext_lazy("attachment status", "Not delivered")
    # The secretariat kept it from its reader.
    REJECTED = "rejected", pgettext_lazy("attachment status", "Rejected")


# What the other parties of the item see; every other status is for the uploader's eyes.
VISIBLE_STATUSES = (AttachmentStatus.DELIVERED, AttachmentStatus.WARNED)
INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf")


class Attachment(models.Model):
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attachments"
    )
    # The item it is attached to (a message, a milestone's delivery…): a registered host.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    # The name in the `attachments` storage (random); the name shown is `name`.
    stored_name = models.CharField(max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AttachmentStatus.choices,
        default=AttachmentStatus.PENDING,
    )
    # What screening read, in order: [{"source": "name" | "qr" | "ocr" | "text", "text": …}].
    # The assessment's spans index `text` (the parts joined by newlines).
    extracted = models.JSONField(default=list, blank=True)
    assessment = models.JSONField(_("assessment"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    screened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="attachment_owner"),
            models.Index(fields=["uploader", "created_at"], name="attachment_uploader"),
        ]

    def __str__(self) -> str:
        return f"Attachment({self.pk}, {self.name})"

    @property
    def text(self) -> str:
        """What screening read, as one text (the spans of `assessment` index it)."""
        return "\n".join(str(part.get("text", "")) for part in self.extracted or [])

    @property
    def is_visible_to_others(self) -> bool:
        return self.status in VISIBLE_STATUSES

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    @property
    def inline(self) -> bool:
        """Shown in the browser (images and PDFs); anything else is downloaded."""
        return self.media_type in INLINE_TYPES

    def reason_messages(self) -> list[str]:
        """The engine's reasons in the active language, each once (shown on the file)."""
        english = (get_language() or "ja").startswith("en")
        seen: list[str] = []
        for reason in (self.assessment or {}).get("reasons") or []:
            text = (reason.get("message_en") if english else "") or reason.get("message_ja") or ""
            if text and text not in seen:
                seen.append(text)
        return seen

    @property
    def attached_to(self) -> dict[str, str]:
        """The item the file is attached to, for the secretariat: its title and its page."""
        owner = self.owner
        if owner is None:
            return {"title": "", "url": ""}
        host = host_of(owner)
        return {"title": str(host.title(owner)), "url": host.url(owner)}
