"""Every write in messaging: plain functions the views call after access checks.

Callers have already established that the author may write in the thread (through
access.access_thread) or to the chosen people (through the form's choices).
"""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from samspill.accounts.models import User
from samspill.care.models import CareRelationship
from samspill.messaging import expectations
from samspill.messaging.models import (
    AwayNotice,
    Draft,
    Message,
    Need,
    NotificationPreference,
    Participant,
    Thread,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Writing:
    """What someone wrote in a composer, as the form cleaned it."""

    body: str
    need: str = Need.INFO
    what_i_need: str = ""
    subject: str = ""


class TokenReused(Exception):
    """A send token came back from someone else or for another thread."""


def _earlier_send(author: User, token: uuid.UUID) -> Message | None:
    existing = Message.objects.filter(send_token=token).first()
    if existing is not None and existing.author_id != author.pk:
        raise TokenReused
    return existing


@transaction.atomic
def start_thread(
    author: User,
    service_user: User,
    providers: list[User],
    writing: Writing,
    token: uuid.UUID,
) -> Message:
    """Open a thread and send its first message; a repeated token returns the first.

    Precondition: every provider has an ACTIVE relationship with service_user, and
    the author is one of them or the service user (the form's choices ensure it).
    """
    earlier = _earlier_send(author, token)
    if earlier is not None:
        return earlier

    now = timezone.now()
    thread = Thread.objects.create(
        subject=writing.subject,
        service_user=service_user,
        started_by=author,
        last_message_at=now,
    )
    people = [service_user, *providers]
    Participant.objects.bulk_create(
        Participant(thread=thread, user=person, last_activity_at=now)
        for person in people
    )
    message = _send(author, thread, writing, token, now)
    Draft.objects.filter(user=author, thread=None).delete()
    logger.info("thread started thread=%s author=%s", thread.pk, author.pk)
    return message


@transaction.atomic
def send_message(
    author: User, participation: Participant, writing: Writing, token: uuid.UUID
) -> Message:
    """Add a message to a thread; a repeated token returns the first message.

    Precondition: participation came from access.access_thread for the author.
    """
    earlier = _earlier_send(author, token)
    if earlier is not None:
        if earlier.thread_id != participation.thread_id:
            raise TokenReused
        return earlier

    thread = Thread.objects.select_for_update().get(pk=participation.thread_id)
    message = _send(author, thread, writing, token, timezone.now())
    Draft.objects.filter(user=author, thread=thread).delete()
    return message


def _send(
    author: User,
    thread: Thread,
    writing: Writing,
    token: uuid.UUID,
    now: datetime.datetime,
) -> Message:
    try:
        # A savepoint: a concurrent twin with the same token loses here and hands
        # back the winner's message instead of an error.
        with transaction.atomic():
            message = Message.objects.create(
                thread=thread,
                author=author,
                body=writing.body,
                need=writing.need,
                what_i_need=writing.what_i_need,
                created_at=now,
                send_token=token,
            )
    except IntegrityError:
        return Message.objects.get(send_token=token, author=author)

    _update_participants(author, thread, message, now)
    Thread.objects.filter(pk=thread.pk).update(
        last_message_at=now, last_message_id=message.pk
    )
    transaction.on_commit(lambda: _enqueue_notifications(message.pk))
    logger.info("message sent message=%s thread=%s", message.pk, thread.pk)
    return message


def _update_participants(
    author: User, thread: Thread, message: Message, now: datetime.datetime
) -> None:
    participants = thread.participants.all()
    others = participants.exclude(user=author)
    participants.filter(user=author).update(
        last_activity_at=now,
        last_read_message_id=message.pk,
        unread_count=0,
        reply_due_at=None,
        waiting_since=None,
    )
    if author.pk != thread.service_user_id:
        # A provider's answer meets the service user's request for every provider:
        # the person asked, and someone answered.
        others.exclude(user_id=thread.service_user_id).update(
            reply_due_at=None, waiting_since=None
        )
    others.update(last_activity_at=now, unread_count=F("unread_count") + 1)

    if message.need == Need.REPLY:
        _set_reply_due(author, thread, message, now)


def _set_reply_due(
    author: User, thread: Thread, message: Message, now: datetime.datetime
) -> None:
    days = {
        relationship.provider_id: expectations.reply_working_days(relationship)
        for relationship in CareRelationship.objects.filter(
            service_user_id=thread.service_user_id,
            status=CareRelationship.Status.ACTIVE,
        ).select_related("service")
    }
    due_days = []
    for participant in thread.participants.exclude(user=author):
        # The service user is given the asking provider's reply time.
        key = author.pk if participant.user_id == thread.service_user_id else None
        working_days = days.get(key or participant.user_id)
        if working_days is None:
            continue
        due = expectations.reply_due(now, working_days)
        due_days.append(expectations.due_day(due))
        Participant.objects.filter(pk=participant.pk, reply_due_at=None).update(
            reply_due_at=due, waiting_since=now
        )
    if due_days:
        message.reply_expected_by = min(due_days)
        message.save(update_fields=["reply_expected_by"])


def _enqueue_notifications(message_id: int) -> None:
    from samspill.messaging.tasks import notify_new_message

    notify_new_message.enqueue(message_id)


def mark_read(participation: Participant) -> None:
    """Record that the person has seen everything in the thread up to now.

    The time is kept only when something new was read, so "Read 08:05" says when
    the newest message was first seen, not when the page was last opened.
    """
    newest = participation.thread.last_message_id
    if participation.last_read_message_id >= newest:
        return

    now = timezone.now()
    Participant.objects.filter(pk=participation.pk).update(
        last_read_message_id=newest, last_read_at=now, unread_count=0
    )
    participation.last_read_message_id = newest
    participation.last_read_at = now
    participation.unread_count = 0


def save_draft(user: User, thread: Thread | None, writing: Writing) -> Draft | None:
    """Keep what the person has written so far; an empty composer keeps nothing.

    Precondition: the user may write in the thread (or start threads when None).
    """
    # LIMITATION: A new-thread draft keeps subject, text and need but not the
    # chosen recipients, so they must be ticked again when the draft is reopened.
    if not (writing.body.strip() or writing.subject.strip() or writing.what_i_need):
        Draft.objects.filter(user=user, thread=thread).delete()
        return None

    draft, _ = Draft.objects.update_or_create(
        user=user,
        thread=thread,
        defaults={
            "subject": writing.subject,
            "body": writing.body,
            "need": writing.need,
            "what_i_need": writing.what_i_need,
        },
    )
    return draft


def set_away_notice(provider: User, until: datetime.date, contact: str) -> AwayNotice:
    """Precondition: provider.is_provider."""
    notice, _ = AwayNotice.objects.update_or_create(
        provider=provider, defaults={"until": until, "contact_instead": contact}
    )
    return notice


def clear_away_notice(provider: User) -> None:
    AwayNotice.objects.filter(provider=provider).delete()


def set_notification_preference(
    user: User,
    channel: str,
    quiet_from: datetime.time | None,
    quiet_until: datetime.time | None,
) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user,
        defaults={
            "channel": channel,
            "quiet_from": quiet_from,
            "quiet_until": quiet_until,
        },
    )
    return preference
