"""Background notifications: "You have something new in Samspill", nothing more.

A notification never carries content, subject or sender: a phone's lock screen or
a shared mailbox must not reveal that someone writes to a mental health service,
let alone what. Each message gets at most one delivery per recipient (a unique
row), claimed before sending so that a retried task cannot send it twice.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, F, OuterRef, Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from samspill.care.models import CareRelationship
from samspill.messaging.models import (
    Delivery,
    Message,
    NotificationPreference,
    Participant,
)
from samspill.messaging.sms import get_sms_backend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
Channel = NotificationPreference.Channel


@task()
def notify_new_message(message_id: int) -> None:
    """Create one delivery per other participant who still has access and wants one."""
    message = Message.objects.select_related("thread").get(pk=message_id)
    connected = CareRelationship.objects.filter(
        provider=OuterRef("user"),
        service_user_id=message.thread.service_user_id,
        status=CareRelationship.Status.ACTIVE,
    )
    recipients = (
        Participant.objects.filter(thread_id=message.thread_id)
        .exclude(user_id=message.author_id)
        .filter(Q(user_id=message.thread.service_user_id) | Exists(connected))
        .select_related("user__notification_preference")
    )
    for participant in recipients:
        channel = _channel_for(participant)
        if channel == Channel.NONE:
            continue
        delivery, created = Delivery.objects.get_or_create(
            message_id=message_id,
            recipient_id=participant.user_id,
            defaults={"channel": channel},
        )
        if created:
            deliver_notification.enqueue(delivery.pk)


def _channel_for(participant: Participant) -> str:
    # A missing preference raises RelatedObjectDoesNotExist, an AttributeError, so
    # getattr's default covers people who never chose: they get email.
    preference: NotificationPreference | None = getattr(
        participant.user, "notification_preference", None
    )
    return preference.channel if preference is not None else Channel.EMAIL


@task()
def deliver_notification(delivery_id: int) -> None:
    """Send one notification, once; wait out quiet hours; retry with back-off."""
    delivery = Delivery.objects.select_related(
        "recipient__notification_preference"
    ).get(pk=delivery_id)
    if delivery.status != Delivery.Status.PENDING:
        return

    quiet_end = quiet_hours_end(delivery.recipient_id, timezone.now())
    if quiet_end is not None:
        _enqueue_later(delivery_id, quiet_end)
        return

    # Claim the row: of two workers running this task, only one moves it on.
    # LIMITATION: A worker that dies between the claim and the send leaves the
    # delivery in "sending" for good: at most once, never twice, but possibly never.
    claimed = Delivery.objects.filter(
        pk=delivery_id, status=Delivery.Status.PENDING
    ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return

    try:
        _send(delivery)
    except Exception:
        _after_failure(delivery)
        return
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    logger.info("notification sent delivery=%s", delivery_id)


def _send(delivery: Delivery) -> None:
    recipient = delivery.recipient
    link = settings.BASE_URL + reverse("messaging:list_threads")
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("You have something new in Samspill")
        text = gettext("You have something new in Samspill: %(link)s") % {"link": link}
    if delivery.channel == Channel.SMS:
        if not recipient.phone:
            raise ValueError("no phone number")
        get_sms_backend().send(recipient.phone, text)
    else:
        send_mail(subject, text, None, [recipient.email])


def _after_failure(delivery: Delivery) -> None:
    attempts = delivery.attempts + 1
    logger.warning("notification failed delivery=%s attempt=%s", delivery.pk, attempts)
    if attempts >= MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)
        return

    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING)
    backoff = datetime.timedelta(minutes=2**attempts)
    _enqueue_later(delivery.pk, timezone.now() + backoff)


def _enqueue_later(delivery_id: int, when: datetime.datetime) -> None:
    if deliver_notification.get_backend().supports_defer:
        deliver_notification.using(run_after=when).enqueue(delivery_id)
        return
    # LIMITATION: With a task backend that cannot defer work (the immediate
    # backend), a notification held by quiet hours or a failure stays pending.
    logger.warning("notification left pending delivery=%s", delivery_id)


def quiet_hours_end(user_id: int, now: datetime.datetime) -> datetime.datetime | None:
    """Return when the user's quiet hours end, or None when they are not quiet now.

    Quiet hours may wrap midnight (22:00 to 07:00).
    """
    preference = NotificationPreference.objects.filter(user_id=user_id).first()
    if preference is None or not preference.quiet_from or not preference.quiet_until:
        return None

    local = timezone.localtime(now)
    start, end = preference.quiet_from, preference.quiet_until
    time = local.time()
    wraps_midnight = start > end
    quiet = (time >= start or time < end) if wraps_midnight else start <= time < end
    if not quiet:
        return None

    end_day = local.date()
    if time >= end:
        end_day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(end_day, end))
