"""Message text is unreadable at rest, and keys can be rotated without loss."""

import io
import sqlite3

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from samspill.messaging.models import Message, Thread
from samspill.messaging.tests.helpers import thread_from

CANARY = "Kanarifuglen synger om natten ved Lille Lungegårdsvann"


@pytest.mark.django_db(transaction=True)
def test_a_canary_sentence_is_nowhere_in_the_database_or_a_dump(personas, tmp_path):
    thread_from(
        personas.anna,
        personas.anna,
        [personas.per],
        body=CANARY,
        subject=CANARY,
    )
    dump = io.StringIO()
    call_command("dumpdata", "messaging", stdout=dump)

    assert Message.objects.get().body == CANARY
    assert CANARY not in dump.getvalue()
    if connection.vendor == "sqlite":
        # The test database may live in memory: copy it, page for page, to a file.
        copy = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        raw = copy.read_bytes()
        assert b"messaging_message" in raw
        assert CANARY.encode() not in raw
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT body, what_i_need FROM messaging_message")
            rows = cursor.fetchall()
            cursor.execute("SELECT subject FROM messaging_thread")
            rows += cursor.fetchall()
        assert rows
        assert all(CANARY not in str(row) for row in rows)


def test_rotating_keys_keeps_messages_readable_after_the_old_key_is_retired(
    personas, settings
):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    message = thread_from(personas.anna, personas.anna, [personas.per], body=CANARY)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_encryption", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]

    assert Message.objects.get(pk=message.pk).body == CANARY
    assert Thread.objects.get(pk=message.thread_id).subject == "Natten"


def test_without_rotation_retiring_the_old_key_fails_loudly(personas, settings):
    message = thread_from(personas.anna, personas.anna, [personas.per], body=CANARY)

    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(Exception, match="could not be decrypted"):
        Message.objects.get(pk=message.pk)
