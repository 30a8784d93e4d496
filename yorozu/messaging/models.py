"""Message threads between a client and a worker about one job."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


# What the other party of a thread sees; a held message is seen by its sender only.
VISIBLE_STATUSES = (MessageStatus.DELIVERED, MessageStatus.WARNED)
