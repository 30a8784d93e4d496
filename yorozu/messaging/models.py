"""Message threads between a client and a worker about one job, and what keeps them safe.

Besides threads and messages: the cautions the secretariat writes for each reader (`Caution`),
and requests to contact outside the platform
before escrow (`ContactRequest`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yorozu.content.rendering import render_markdown


class Thread(models.Model):
    """One conversation per (job, worker): the proposal and the contract that follow share it."""

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="threads")
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="threads_as_client"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="threads_as_worker"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)
    client_last_read_at = models.DateTimeField(null=True, blank=True)
    worker_last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        constraints = [
            models.UniqueConstraint(fields=["job", "worker"], name="one_thread_per_job_worker")
        ]
        indexes = [
            models.Index(fields=["client", "-last_message_at"], name="thread_client_recent"),
            models.Index(fields=["worker", "-last_message_at"], name="thread_worker_recent"),
        ]

    def __str__(self) -> str:
        return f"Thread({self.job_id}, {self.worker_id})"

    def other_party(self, user_id: int) -> int:
        return self.worker_id if user_id == self.client_id else self.client_id

    def has_party(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in (self.client_id, self.worker_id)

    def last_read_field(self, user_id: int) -> str:
        """The column holding how far `user_id` (one of the two parties) has read."""
        return "client_last_read_at" if user_id == self.client_id else "worker_last_read_at"

    def is_unread_for(self, user_id: int) -> bool:
        """Whether the thread has a message newer than what `user_id` has read (no query)."""
        if self.last_message_at is None:
            return False
        last_read = getattr(self, self.last_read_field(user_id))
        return last_read is None or last_read < self.last_message_at

    @property
    def collapse_key(self) -> str:
        """The key under which this thread's message notifications collapse into one."""
        return f"thread:{self.pk}"


class MessageStatus(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    WARNED = "warned", _("Delivered with a warning")
    HELD = "held", _("Under review")
    REJECTED = "rejected", _("Rejected")


class Message(models.Model):
    """One message in a thread. Stored exactly once per (sender, idempotency key)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    body = models.TextField(_("message"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.DELIVERED
    )
    # Set by the sending form; a double submit or retry with the same key stores nothing new.
    idempotency_key = models.CharField(max_length=64, blank=True)
    # The trust engine's assessment as sent: {"verdict", "score", "reasons": [...]}; empty when
    # the engine found nothing. Warned messages show its reasons to the reader.
    assessment = models.JSONField(_("assessment"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="message_idempotency",
            )
        ]
        indexes = [models.Index(fields=["thread", "created_at"], name="message_thread_time")]

    def __str__(self) -> str:
        return f"Message({self.thread_id}, {self.sender_id})"

    @property
    def is_visible_to_recipient(self) -> bool:
        return self.status in VISIBLE_STATUSES

    @property
    def reasons(self) -> list[dict]:
        return list((self.assessment or {}).get("reasons") or [])

    def reason_messages(self) -> list[str]:
        """The engine's reasons in the active language, each once, for the inline warning."""
        return _reason_messages(self.reasons)


# What the other party of a thread sees; a held message is seen by its sender only.
VISIBLE_STATUSES = (MessageStatus.DELIVERED, MessageStatus.WARNED)


def _reason_messages(reasons: list[dict]) -> list[str]:
    english = (get_language() or "ja").startswith("en")
    seen: list[str] = []
    for reason in reasons:
        text = reason.get("message_en") if english else reason.get("message_ja")
        text = text or reason.get("message_ja") or ""
        if text and text not in seen:
            seen.append(text)
    return seen


class ReaderRole(models.TextChoices):
    CLIENT = "client", pgettext_lazy("reader role", "Client")
    WORKER = "worker", pgettext_lazy("reader role", "Worker")


class Caution(models.Model):
    """The caution panel on every message screen, worded for its reader; the secretariat edits it.

    Bodies are Markdown (links to the guidelines, the FAQ and the safety page), rendered and
    sanitized on the way out. One per reader role; a disabled one shows nothing.
    """

    reader_role = models.CharField(
        _("reader"), max_length=10, choices=ReaderRole.choices, unique=True
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_ja = models.TextField(_("body (Japanese, Markdown)"))
    body_en = models.TextField(_("body (English, Markdown)"), blank=True)
    enabled = models.BooleanField(_("shown"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["reader_role"]
        verbose_name = _("message caution")
        verbose_name_plural = _("message cautions")

    def __str__(self) -> str:
        return f"{self.get_reader_role_display()}: {self.title_ja}"

    def _localized(self, field: str) -> str:
        english = (get_language() or "ja").startswith("en")
        return (getattr(self, f"{field}_en") if english else "") or getattr(self, f"{field}_ja")

    @property
    def title(self) -> str:
        return self._localized("title")

    @property
    def body_html(self) -> SafeString:
        return render_markdown(self._localized("body"))


class ContactRequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("contact request status", "Pending")
    APPROVED = "approved", pgettext_lazy("contact request status", "Approved")
    REJECTED = "rejected", pgettext_lazy("contact request status", "Rejected")


class ContactRequest(models.Model):
    """A request, before escrow, to exchange contact details; the secretariat decides.

    One per thread (a thread is one job and one worker, so one per would-be contract). Approved,
    the thread is treated as after escrow for contact details.
    """

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="contact_request")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContactRequestStatus.choices,
        default=ContactRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request to contact outside the platform")
        verbose_name_plural = _("requests to contact outside the platform")

    def __str__(self) -> str:
        return f"ContactRequest({self.thread_id}, {self.status})"


class ReadReceiptSetting(models.Model):
    """Whether a user lets the people they talk to see when they have read a message (既読).

    No row means yes (the default). It works both ways, as on the messaging apps people know:
    someone who hides their own read state does not see the other party's either.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="read_receipt_setting",
    )
    shares_read_state = models.BooleanField(_("show when I have read messages"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("read receipt setting")
        verbose_name_plural = _("read receipt settings")

    def __str__(self) -> str:
        return f"ReadReceiptSetting({self.user_id}, {self.shares_read_state})"
