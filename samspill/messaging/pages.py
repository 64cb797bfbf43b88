"""Reading threads and messages in pages whose cost does not grow with the data.

Messages are paged by keyset on (thread, id): the oldest page is found through the
same index as the newest, with no OFFSET to walk past.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from samspill.accounts.models import User
from samspill.messaging.models import AwayNotice, Message, Need, Participant, Thread
from samspill.messaging.text import render_message_text

MESSAGES_PER_PAGE = 20
THREADS_PER_PAGE = 25


@dataclass
class MessagePage:
    messages: list[Message]
    has_older: bool = False
    has_newer: bool = False
    older_than: int = 0
    newer_than: int = 0
    read_by: list[Participant] = field(default_factory=list)


def _cursor(query: QueryDict, name: str) -> int | None:
    raw = query.get(name, "")
    if not raw.isdigit():
        return None
    return int(raw)


def message_page(thread: Thread, query: QueryDict) -> MessagePage:
    """Return one page of the thread: newest by default, or before/after a cursor."""
    messages = Message.objects.filter(thread=thread).select_related("author")
    before = _cursor(query, "eldre")
    after = _cursor(query, "nyere")

    if after is not None:
        rows = list(
            messages.filter(id__gt=after).order_by("id")[: MESSAGES_PER_PAGE + 1]
        )
        page = MessagePage(rows[:MESSAGES_PER_PAGE], has_older=after > 0)
        page.has_newer = len(rows) > MESSAGES_PER_PAGE
    else:
        if before is not None:
            messages = messages.filter(id__lt=before)
        rows = list(messages.order_by("-id")[: MESSAGES_PER_PAGE + 1])
        page = MessagePage(list(reversed(rows[:MESSAGES_PER_PAGE])))
        page.has_older = len(rows) > MESSAGES_PER_PAGE
        page.has_newer = before is not None

    if page.messages:
        page.older_than = page.messages[0].pk
        page.newer_than = page.messages[-1].pk
    return page


def participants_of(thread: Thread) -> list[Participant]:
    """Return the thread's people, the service user first."""
    people = thread.participants.select_related("user").order_by("pk")
    return sorted(people, key=lambda p: p.user_id != thread.service_user_id)


def active_away_notices(users: list[User]) -> list[AwayNotice]:
    """Return the away notices of these providers that still hold today."""
    return list(
        AwayNotice.objects.filter(
            provider__in=[user for user in users if user.is_provider],
            until__gte=timezone.localdate(),
        ).select_related("provider")
    )


@dataclass(frozen=True)
class InboxRow:
    """One inbox line, with its words ready: rendering stays cheap per row."""

    url: str
    subject: str
    person: str
    when: str
    unread: str
    waiting: str
    overdue: bool


def inbox_rows(
    participations: list[Participant], viewer: User, now: datetime.datetime
) -> list[InboxRow]:
    """Return the page's rows; the caller has paged and access-checked them."""
    base = reverse("messaging:list_threads")
    return [_inbox_row(p, viewer, now, base) for p in participations]


def _local(moment: datetime.datetime, pattern: str) -> str:
    return format_date(timezone.localtime(moment), pattern)


def _inbox_row(
    participation: Participant, viewer: User, now: datetime.datetime, base: str
) -> InboxRow:
    thread = participation.thread
    due = participation.reply_due_at
    overdue = due is not None and due <= now
    waiting = ""
    if due is not None and participation.waiting_since is not None:
        since = _local(participation.waiting_since, "j. F")
        if overdue:
            waiting = gettext("Overdue: waiting for your reply since %(since)s") % {
                "since": since
            }
        else:
            waiting = gettext("Waiting for your reply since %(since)s") % {
                "since": since
            }
    unread = ""
    if participation.unread_count:
        unread = ngettext(
            "%(counter)s unread", "%(counter)s unread", participation.unread_count
        ) % {"counter": participation.unread_count}
    person = ""
    if thread.service_user_id != viewer.pk:
        person = thread.service_user.display_name
    return InboxRow(
        url=f"{base}{thread.pk}/",
        subject=thread.subject,
        person=person,
        when=gettext("Last message %(when)s")
        % {"when": _local(participation.last_activity_at, "j. F H:i")},
        unread=unread,
        waiting=waiting,
        overdue=overdue,
    )


@dataclass(frozen=True)
class MessageRow:
    """One message with its words ready, so the thread template only prints."""

    pk: int
    mine: bool
    writer: str
    iso_time: str
    time: str
    need: str
    need_label: str
    what_i_need: str
    body: SafeString
    expected: str


def message_rows(messages: list[Message], viewer: User) -> list[MessageRow]:
    labels = dict(Need.choices)
    return [_message_row(m, viewer, labels) for m in messages]


def _message_row(message: Message, viewer: User, labels: dict[str, Any]) -> MessageRow:
    author = message.author
    writer = author.display_name
    if author.professional_title:
        writer = f"{writer}, {author.professional_title}"
    expected = ""
    if message.reply_expected_by is not None:
        expected = gettext("A reply can be expected by %(date)s.") % {
            "date": format_date(message.reply_expected_by, "l j. F")
        }
    local = timezone.localtime(message.created_at)
    return MessageRow(
        pk=message.pk,
        mine=message.author_id == viewer.pk,
        writer=writer,
        iso_time=local.isoformat(),
        time=format_date(local, "j. F Y H:i"),
        need=message.need,
        need_label=str(labels.get(message.need, "")),
        what_i_need=message.what_i_need,
        body=render_message_text(message.body),
        expected=expected,
    )
