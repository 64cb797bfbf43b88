"""Secure messages between a service user and their connected providers.

Bodies, subjects and the "what I need from you" line are health text: they are
stored encrypted and the database can neither search nor sort by them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspill.core.fields import EncryptedTextField


class Need(models.TextChoices):
    """What the writer needs from the reader, said out loud (the study's lesson)."""

    INFO = "info", _("Just so you know")
    REPLY = "reply", _("Please reply")
    CONSULTATION = "consultation", _("Let us talk about it at the next consultation")


class Thread(models.Model):
    """A conversation about one service user, between them and their providers."""

    subject = EncryptedTextField(_("subject"))
    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="message_threads",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField()
    # The newest message's id, so that opening any page can mark all as read.
    last_message_id = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["service_user", "-last_message_at"])]

    def __str__(self) -> str:
        return f"thread {self.pk}"


class Participant(models.Model):
    """One person in a thread, with what they have read and what they owe.

    The unread count and the reply deadline live here, denormalised at send time,
    so that the inbox and the navigation badge never count messages.
    """

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="message_participations",
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField()
    unread_count = models.PositiveIntegerField(default=0)
    last_read_message_id = models.BigIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)
    # When this person is expected to have replied; None when nothing is asked.
    reply_due_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"], name="participant_once_per_thread"
            )
        ]
        indexes = [
            # PostgreSQL sorts NULLs last in an ascending index, which is the
            # inbox order: threads awaiting a reply first, soonest due first.
            models.Index(
                fields=["user", "reply_due_at", "-last_activity_at", "-id"],
                name="participant_inbox_order",
            ),
            models.Index(
                fields=["user"],
                condition=Q(unread_count__gt=0),
                name="participant_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.thread_id}"


class Message(models.Model):
    """A message as written: never edited, never shortened."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = EncryptedTextField(_("message"))
    need = models.CharField(
        _("what do you need?"), max_length=12, choices=Need.choices, default=Need.INFO
    )
    what_i_need = EncryptedTextField(_("what I need from you"), blank=True)
    reply_expected_by = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    # One token per rendered form: a double click, a resubmitted form or a retry
    # after a network error carries the same token and finds the first message.
    send_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.thread_id}"


class Draft(models.Model):
    """Text not sent yet, kept on the server so nothing is lost.

    One per person and thread, or per person for the new-thread composer (thread
    empty). It survives logouts, timeouts and restarts because it is a row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject = EncryptedTextField(blank=True)
    body = EncryptedTextField(blank=True)
    need = models.CharField(max_length=12, choices=Need.choices, default=Need.INFO)
    what_i_need = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="one_draft_per_thread",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(thread__isnull=True),
                name="one_new_thread_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"draft of {self.user_id} in {self.thread_id}"


class AwayNotice(models.Model):
    """A provider's note that they are away, shown before anyone writes to them."""

    provider = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="away_notice"
    )
    until = models.DateField(_("away until and including"))
    contact_instead = models.CharField(
        _("whom to contact instead"),
        max_length=200,
        help_text=_("For example “Kari Moen at the service, phone 55 00 00 00”."),
    )

    def __str__(self) -> str:
        return f"{self.provider_id} away until {self.until}"


class NotificationPreference(models.Model):
    """How a person wants to hear that something new has arrived, and when not."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message (SMS)")
        NONE = "none", _("No notifications")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    channel = models.CharField(
        _("notify me by"), max_length=5, choices=Channel.choices, default="email"
    )
    quiet_from = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet hours until"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} by {self.channel}"


class Delivery(models.Model):
    """One notification about one message to one person: never sent twice."""

    class Status(models.TextChoices):
        PENDING = "pending"
        SENDING = "sending"
        SENT = "sent"
        FAILED = "failed"
        SKIPPED = "skipped"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=5)
    status = models.CharField(max_length=8, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "recipient"], name="one_delivery_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"delivery {self.pk} ({self.status})"
