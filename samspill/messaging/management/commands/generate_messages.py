"""Generate a large, realistic message load for benchmarks, fast.

Not for production: it creates invented people. Rows are written with PostgreSQL's
COPY (bulk_create elsewhere), with real Fernet tokens, so that reading them costs
what reading real messages costs. The first thread is a long one, for paging.
"""

import datetime
import json
import random
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from samspill.accounts.models import User
from samspill.care.models import CareRelationship
from samspill.communities.models import Community, Service
from samspill.core.fields import encrypt
from samspill.messaging.models import Message, Participant, Thread

THREADS_PER_SERVICE_USER = 20
SERVICE_USERS_PER_PROVIDER = 10
SENTENCES = (
    "Jeg sov dårlig i natt og våknet klokka fire.",
    "Takk for samtalen på torsdag, den hjalp mer enn jeg trodde.",
    "Kan vi snakke om medisinene på neste time?",
    "Jeg har vært ute og gått hver dag denne uka.",
    "Det var tungt å være på jobb i dag, men jeg gikk.",
    "Jeg lurer på om jeg kan flytte timen til etter klokka tolv.",
    "Pusteøvelsen hjelper når jeg husker å gjøre den.",
    "Mamma ringte og det ble krangel igjen.",
    "I had a better week, thank you for asking.",
    "Could we look at the crisis plan together next time?",
    "Hei! Jeg tenkte på deg etter timen. Hvordan går det nå?",
    "Jeg har skrevet litt om målene mine i portalen.",
)


class Command(BaseCommand):
    help = "Generate benchmark threads and messages (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--messages", type=int, default=1_000_000)
        parser.add_argument("--threads", type=int, default=50_000)
        parser.add_argument("--long-thread", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Benchmark data is never generated in production.")
        threads, messages = options["threads"], options["messages"]
        if messages < threads + options["long_thread"]:
            raise CommandError("Give at least one message per thread.")

        random.seed(options["seed"])
        with transaction.atomic():
            summary = _generate(threads, messages, options["long_thread"])
        self.stdout.write(json.dumps(summary))


def _generate(
    thread_count: int, message_count: int, long_thread: int
) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    community = Community.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
    service = Service.objects.create(
        community=community, name="Bench DPS", level=Service.Level.SPECIALIST
    )
    user_count = max(thread_count // THREADS_PER_SERVICE_USER, 1)
    provider_count = max(user_count // SERVICE_USERS_PER_PROVIDER, 1)
    users = _people(community, f"bu-{tag}", user_count, is_service_user=True)
    providers = _people(community, f"bp-{tag}", provider_count, is_provider=True)
    CareRelationship.objects.bulk_create(
        CareRelationship(
            service_user=user,
            provider=providers[index % provider_count],
            service=service,
            status=CareRelationship.Status.ACTIVE,
            started_at=timezone.now(),
        )
        for index, user in enumerate(users)
    )

    sizes = _thread_sizes(thread_count, message_count, long_thread)
    first_thread = _write(users, providers, sizes)
    return {
        "provider": providers[0].username,
        "service_user": users[0].username,
        "long_thread": first_thread,
        "threads": thread_count,
        "messages": sum(sizes),
    }


def _people(community: Community, prefix: str, count: int, **roles: bool) -> list[User]:
    password = make_password(None)
    return User.objects.bulk_create(
        User(
            username=f"{prefix}-{number}",
            first_name="Bench",
            last_name=f"{number}",
            password=password,
            community=community,
            **roles,
        )
        for number in range(count)
    )


def _thread_sizes(threads: int, messages: int, long_thread: int) -> list[int]:
    rest = messages - long_thread
    base, extra = divmod(rest, threads - 1)
    return [long_thread] + [base + (1 if i < extra else 0) for i in range(threads - 1)]


def _next_ids(model: type[Any], count: int) -> int:
    """Reserve `count` ids and return the first; the sequence is moved past them."""
    last = model.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [table, last + count],
            )
    return int(last) + 1


def _write(users: list[User], providers: list[User], sizes: list[int]) -> int:
    now = timezone.now()
    first_thread = _next_ids(Thread, len(sizes))
    first_message = _next_ids(Message, sum(sizes))
    first_participant = _next_ids(Participant, 2 * len(sizes))
    threads, participants, messages = [], [], []
    message_id = first_message
    for index, size in enumerate(sizes):
        thread_id = first_thread + index
        user = users[index % len(users)]
        provider = providers[(index % len(users)) % len(providers)]
        start = now - datetime.timedelta(minutes=size + index)
        for number in range(size):
            author = user if number % 2 == 0 else provider
            at = start + datetime.timedelta(minutes=number)
            messages.append((message_id, thread_id, author.pk, at, number % 3 == 0))
            message_id += 1
        last_at = start + datetime.timedelta(minutes=size - 1)
        threads.append((thread_id, user.pk, last_at, message_id - 1))
        unread = index % 4
        for offset, person in enumerate((user, provider)):
            participants.append(
                (
                    first_participant + 2 * index + offset,
                    thread_id,
                    person.pk,
                    last_at,
                    unread if person is provider else 0,
                    message_id - 1 - (unread if person is provider else 0),
                    last_at + datetime.timedelta(days=2) if index % 5 == 0 else None,
                )
            )
    _insert_threads(threads, now)
    _insert_participants(participants, now)
    _insert_messages(messages)
    return first_thread


def _copy(table: str, columns: Sequence[str], rows: Iterator[Sequence[Any]]) -> None:
    if connection.vendor != "postgresql":
        raise CommandError("Fast generation needs PostgreSQL; set DATABASE_URL.")
    names = ", ".join(columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _insert_threads(rows: list[tuple[Any, ...]], now: datetime.datetime) -> None:
    _copy(
        Thread._meta.db_table,
        [
            "id",
            "subject",
            "service_user_id",
            "started_by_id",
            "created_at",
            "last_message_at",
            "last_message_id",
        ],
        (
            (pk, encrypt(f"Samtale {pk}"), user, user, now, last_at, last_id)
            for pk, user, last_at, last_id in rows
        ),
    )


def _insert_participants(rows: list[tuple[Any, ...]], now: datetime.datetime) -> None:
    _copy(
        Participant._meta.db_table,
        [
            "id",
            "thread_id",
            "user_id",
            "joined_at",
            "last_activity_at",
            "unread_count",
            "last_read_message_id",
            "reply_due_at",
        ],
        (
            (pk, t, u, now, at, unread, read, due)
            for pk, t, u, at, unread, read, due in rows
        ),
    )


def _insert_messages(rows: list[tuple[Any, ...]]) -> None:
    def body() -> str:
        return encrypt(" ".join(random.sample(SENTENCES, k=random.randint(1, 5))))  # noqa: S311

    _copy(
        Message._meta.db_table,
        [
            "id",
            "thread_id",
            "author_id",
            "body",
            "need",
            "what_i_need",
            "created_at",
            "send_token",
        ],
        (
            (
                pk,
                thread,
                author,
                body(),
                "reply" if ask else "info",
                encrypt(""),
                at,
                uuid.uuid4(),
            )
            for pk, thread, author, at, ask in rows
        ),
    )
