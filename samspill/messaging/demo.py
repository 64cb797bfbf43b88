"""Demo conversations: what trying Samspill shows in the messaging module.

Everything here is invented, written in the voices the study describes: a worry
handed over at night so that sleep can come, a medication question, planning the
next consultation. Loading is idempotent: each message has a fixed send token.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.utils import timezone

from samspill.accounts.models import User
from samspill.care.models import CareRelationship
from samspill.messaging import expectations
from samspill.messaging.models import (
    AwayNotice,
    Draft,
    Message,
    Need,
    Participant,
    Thread,
)

NAMESPACE = uuid.UUID("6f1d7c8e-4b7a-4f43-9b51-2f4f1f0c8a11")


@dataclass(frozen=True)
class Line:
    author: str
    days_ago: int
    at: str  # "HH:MM", local time
    body: str
    need: str = Need.INFO
    what_i_need: str = ""


@dataclass(frozen=True)
class Conversation:
    key: str
    service_user: str
    providers: tuple[str, ...]
    subject: str
    lines: tuple[Line, ...]
    read_by_all: bool = True


CONVERSATIONS = (
    Conversation(
        "ingrid-natt",
        "ingrid",
        ("per",),
        "Urolig natt",
        (
            Line(
                "ingrid",
                3,
                "02:47",
                "Hei Per.\n\nKlokka er kvart på tre og jeg får ikke sove. Det kverner "
                "om det som skjedde med søsteren min i helgen, og jeg kjenner at "
                "uroen sitter i brystet.\n\nJeg trenger ikke svar nå, jeg ville bare "
                "skrive det ned et sted der det blir tatt vare på. Da tror jeg at jeg "
                "klarer å sove litt. Jeg har gjort pusteøvelsen fra sist.",
            ),
            Line(
                "per",
                3,
                "08:05",
                "God morgen, Ingrid.\n\nTakk for at du skrev i natt. Det var klokt å "
                "legge det fra deg her og gjøre pusteøvelsen. Vi tar det som skjedde "
                "i helgen på timen torsdag, hvis du vil.\n\nHvis natten blir tung "
                "igjen og du trenger noen å snakke med med en gang, kan du ringe "
                "Mental Helses hjelpetelefon på 116 123.",
            ),
            Line("ingrid", 3, "09:12", "Takk. Jeg sov et par timer etterpå. Vi ses."),
        ),
    ),
    Conversation(
        "ingrid-medisin",
        "ingrid",
        ("per",),
        "Spørsmål om kveldsmedisinen",
        (
            Line(
                "ingrid",
                6,
                "21:30",
                "Etter at kveldsdosen ble økt for tre uker siden er jeg så tung om "
                "morgenen at jeg nesten ikke kommer meg opp før ti. Det går ut over "
                "arbeidstreningen.\n\nJeg lurer på om jeg kan ta den tidligere på "
                "kvelden, eller om det er noe annet jeg bør prøve. Legen min sa jeg "
                "kunne spørre dere først.",
                Need.REPLY,
                "Kan jeg ta kveldsdosen klokka åtte i stedet for elleve?",
            ),
        ),
        read_by_all=False,
    ),
    Conversation(
        "ingrid-siri",
        "ingrid",
        ("siri",),
        "Planning our next consultation",
        (
            Line(
                "siri",
                2,
                "13:10",
                "Hi Ingrid,\n\nAhead of our consultation next Tuesday: is there "
                "anything you would like us to start with? Last time we ran out of "
                "time before we got to your goals for the spring.",
                Need.REPLY,
                "One or two things you want on the agenda.",
            ),
            Line(
                "ingrid",
                1,
                "19:45",
                "Thank you for asking. I would like to start with the goals, and "
                "then talk about how the new medication is going. Per and I have "
                "written a little about it in the portal.",
                Need.CONSULTATION,
            ),
        ),
    ),
    Conversation(
        "jonas-kari",
        "jonas",
        ("kari",),
        "Hvordan gikk intervjuet?",
        (
            Line(
                "kari",
                4,
                "10:20",
                "Hei Jonas! Jeg tenkte på deg i går. Hvordan gikk intervjuet på "
                "verkstedet? Du trenger ikke svare lenge, et ord eller to holder.",
            ),
            Line(
                "jonas",
                4,
                "16:02",
                "Det gikk bedre enn jeg trodde. Jeg var kvalm hele morgenen, men "
                "jeg dro. De ringer på fredag.",
            ),
        ),
    ),
    Conversation(
        "jonas-eirik",
        "jonas",
        ("eirik",),
        "Søvnen og timen neste uke",
        (
            Line(
                "jonas",
                8,
                "23:55",
                "Hei Eirik. Jeg har sovet dårlig hele uka og gruer meg til timen "
                "neste uke. Kan vi flytte den til etter klokka tolv? Morgenene er "
                "verst nå.",
                Need.REPLY,
                "Kan timen flyttes til etter kl. 12?",
            ),
        ),
        read_by_all=False,
    ),
)

DRAFT_TEXT = (
    "Til neste time vil jeg gjerne snakke om julen. Jeg gruer meg litt til å "
    "være hos mamma, men jeg vil gjerne dra. Jeg har tenkt at jeg kan"
)


def load_demo(people: dict[str, User]) -> None:
    """Add demo threads, an away notice for Eirik and a draft for Ingrid."""
    for conversation in CONVERSATIONS:
        _load_conversation(conversation, people)

    AwayNotice.objects.update_or_create(
        provider=people["eirik"],
        defaults={
            "until": timezone.localdate() + datetime.timedelta(days=9),
            "contact_instead": "Kari Moen, Tynset kommune, eller resepsjonen ved "
            "DPS Tynset i åpningstiden",
        },
    )
    Draft.objects.get_or_create(
        user=people["ingrid"],
        thread=None,
        defaults={"subject": "Før jul", "body": DRAFT_TEXT},
    )


def _token(key: str, index: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{key}/{index}")


def _when(line: Line) -> datetime.datetime:
    hour, minute = (int(part) for part in line.at.split(":"))
    day = timezone.localdate() - datetime.timedelta(days=line.days_ago)
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def _load_conversation(conversation: Conversation, people: dict[str, User]) -> None:
    if Message.objects.filter(send_token=_token(conversation.key, 0)).exists():
        return

    first = _when(conversation.lines[0])
    service_user = people[conversation.service_user]
    thread = Thread.objects.create(
        subject=conversation.subject,
        service_user=service_user,
        started_by=people[conversation.lines[0].author],
        last_message_at=first,
    )
    members = [service_user, *(people[name] for name in conversation.providers)]
    messages = [
        _message(thread, conversation, index, line, people)
        for index, line in enumerate(conversation.lines)
    ]
    last = messages[-1]
    Thread.objects.filter(pk=thread.pk).update(
        last_message_at=last.created_at, last_message_id=last.pk
    )
    for member in members:
        _participant(thread, member, messages, conversation.read_by_all)


def _message(
    thread: Thread,
    conversation: Conversation,
    index: int,
    line: Line,
    people: dict[str, User],
) -> Message:
    sent = _when(line)
    message = Message(
        thread=thread,
        author=people[line.author],
        body=line.body,
        need=line.need,
        what_i_need=line.what_i_need,
        created_at=sent,
        send_token=_token(conversation.key, index),
    )
    if line.need == Need.REPLY:
        days = _reply_days(thread.service_user_id, conversation, people)
        message.reply_expected_by = expectations.due_day(
            expectations.reply_due(sent, days)
        )
    message.save()
    return message


def _reply_days(
    service_user_id: int, conversation: Conversation, people: dict[str, User]
) -> int:
    relationship = (
        CareRelationship.objects.filter(
            service_user_id=service_user_id,
            provider__username__in=conversation.providers,
            status=CareRelationship.Status.ACTIVE,
        )
        .select_related("service")
        .first()
    )
    if relationship is None:
        return 2
    return expectations.reply_working_days(relationship)


def _participant(
    thread: Thread, member: User, messages: list[Message], read_by_all: bool
) -> None:
    last = messages[-1]
    own = [m for m in messages if m.author_id == member.pk]
    read_all = read_by_all or last.author_id == member.pk
    read_upto = last if read_all else (own[-1] if own else None)
    unread = [
        m
        for m in messages
        if m.author_id != member.pk and (read_upto is None or m.pk > read_upto.pk)
    ]
    due = None
    if last.reply_expected_by and last.author_id != member.pk:
        due = expectations.overdue_after(last.reply_expected_by)
    Participant.objects.create(
        thread=thread,
        user=member,
        last_activity_at=last.created_at,
        unread_count=len(unread),
        last_read_message_id=read_upto.pk if read_upto else 0,
        last_read_at=(
            last.created_at + datetime.timedelta(minutes=47) if read_upto else None
        ),
        reply_due_at=due,
        waiting_since=last.created_at if due else None,
    )
