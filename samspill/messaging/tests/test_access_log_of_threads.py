"""A provider reading a conversation shows in the service user's access log."""

from django.core.management import call_command
from django.urls import reverse

from samspill.care.models import AccessLog
from samspill.messaging.tests.helpers import reply, thread_from


def _looks(personas):
    return AccessLog.objects.filter(subject=personas.anna, kind=AccessLog.Kind.VIEW)


def test_a_provider_opening_a_thread_writes_exactly_one_entry(personas, client_as):
    message = thread_from(personas.anna, personas.anna, [personas.per])

    response = client_as(personas.per).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )

    assert response.status_code == 200
    entry = _looks(personas).get()
    assert entry.actor == personas.per
    assert entry.module == "messages"
    assert entry.object_type == "messaging.thread"
    assert entry.object_id == message.thread_id
    assert entry.service == personas.primary


def test_the_service_user_reading_her_own_thread_writes_no_entry(personas, client_as):
    message = thread_from(personas.anna, personas.anna, [personas.per])

    client_as(personas.anna).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )

    assert not _looks(personas).exists()


def test_a_provider_replying_is_a_write_not_a_look(personas, client_as):
    message = thread_from(personas.anna, personas.anna, [personas.per])

    reply(personas.per, message, "Takk, vi snakkes i morgen.")

    assert not _looks(personas).exists()


def test_a_refused_former_provider_writes_no_entry(personas, client_as):
    message = thread_from(personas.anna, personas.anna, [personas.per])
    personas.per.care_as_provider.update(status="ended")

    response = client_as(personas.per).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )

    assert response.status_code == 404
    assert not _looks(personas).exists()


def test_the_service_user_sees_and_filters_the_look_by_messages(personas, client_as):
    message = thread_from(personas.anna, personas.anna, [personas.per])
    client_as(personas.per).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )

    page = client_as(personas.anna).get(reverse("care:access_log") + "?modul=messages")

    assert page.status_code == 200
    assert "Meldinger: en samtale" in page.text
    assert personas.per.display_name in page.text
    call_command("verify_access_log", verbosity=0)
