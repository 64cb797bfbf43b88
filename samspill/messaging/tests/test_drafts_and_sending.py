"""Never lose a word: drafts live on the server, and a send happens exactly once."""

import datetime
import uuid

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from samspill.messaging.forms import LONG_MESSAGE_CHARACTERS
from samspill.messaging.models import Draft, Message
from samspill.messaging.tests.helpers import thread_from

THREE_AM = "Klokka er tre og jeg får ikke sove. Tankene kverner om jobben."


@pytest.fixture
def thread(personas):
    return thread_from(personas.anna, personas.anna, [personas.per]).thread


def _reply_data(body, token=None, **extra):
    return {"body": body, "need": "reply", "token": str(token or uuid.uuid4()), **extra}


def test_a_draft_saved_while_typing_survives_an_idle_timeout_and_a_new_login(
    personas, client_as, thread
):
    draft_url = reverse("messaging:save_reply_draft", args=[thread.pk])
    with time_machine.travel(datetime.datetime(2026, 3, 4, 3, 0, tzinfo=datetime.UTC)):
        response = client_as(personas.anna).post(
            draft_url, _reply_data(THREE_AM), headers={"HX-Request": "true"}
        )
        assert response.status_code == 200

    later = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS + 60)
    with time_machine.travel(
        datetime.datetime(2026, 3, 4, 3, 0, tzinfo=datetime.UTC) + later
    ):
        page = client_as(personas.anna).get(
            reverse("messaging:show_thread", args=[thread.pk])
        )

    assert THREE_AM in page.text
    assert Message.objects.filter(thread=thread).count() == 1


def test_the_save_draft_button_keeps_the_text_without_javascript(
    personas, client_as, thread
):
    client = client_as(personas.anna)

    response = client.post(
        reverse("messaging:send_reply", args=[thread.pk]),
        _reply_data(THREE_AM, save_draft="1"),
    )

    assert response.status_code == 302
    assert Draft.objects.get(user=personas.anna, thread=thread).body == THREE_AM
    assert Message.objects.filter(thread=thread).count() == 1
    assert THREE_AM in client.get(response["Location"]).text


def test_a_draft_of_an_invalid_form_is_still_kept(personas, client_as):
    response = client_as(personas.anna).post(
        reverse("messaging:start_thread"),
        {"body": THREE_AM, "save_draft": "1", "need": "nonsense"},
    )

    assert response.status_code == 302
    assert Draft.objects.get(user=personas.anna, thread=None).body == THREE_AM


def test_the_new_thread_draft_comes_back_in_the_composer(personas, client_as):
    client = client_as(personas.anna)
    client.post(
        reverse("messaging:save_new_thread_draft"),
        {"subject": "Medisinene", "body": THREE_AM},
        headers={"HX-Request": "true"},
    )

    page = client.get(reverse("messaging:start_thread"))

    assert "Medisinene" in page.text
    assert THREE_AM in page.text


def test_a_double_click_creates_exactly_one_message(personas, client_as, thread):
    client = client_as(personas.anna)
    data = _reply_data("Bare én gang, takk.")
    url = reverse("messaging:send_reply", args=[thread.pk])

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Message.objects.filter(thread=thread).count() == 2


def test_a_retried_new_thread_creates_exactly_one_thread(personas, client_as):
    client = client_as(personas.anna)
    data = {
        "subject": "Søvn",
        "providers": [personas.per.pk],
        "need": "info",
        "body": "Jeg sov bedre i natt.",
        "token": str(uuid.uuid4()),
    }

    first = client.post(reverse("messaging:start_thread"), data)
    second = client.post(reverse("messaging:start_thread"), data)

    assert first["Location"] == second["Location"]
    assert Message.objects.count() == 1


def test_someone_elses_send_token_is_refused_and_changes_nothing(
    personas, client_as, thread
):
    message = Message.objects.get(thread=thread)
    before = Message.objects.count()

    response = client_as(personas.per).post(
        reverse("messaging:send_reply", args=[thread.pk]),
        _reply_data("Kapret", token=message.send_token),
    )

    assert response.status_code == 400
    assert 'href="tel:116123"' in response.text  # the portal's page, not a bare one
    assert Message.objects.count() == before


def test_sending_deletes_the_draft(personas, client_as, thread):
    client = client_as(personas.anna)
    url = reverse("messaging:send_reply", args=[thread.pk])
    client.post(url, _reply_data(THREE_AM, save_draft="1"))

    client.post(url, _reply_data(THREE_AM))

    assert not Draft.objects.filter(user=personas.anna).exists()


def test_a_very_long_message_is_kept_whole(personas, client_as, thread):
    long_text = "Det er mye jeg vil si. " * 4000

    client_as(personas.anna).post(
        reverse("messaging:send_reply", args=[thread.pk]), _reply_data(long_text)
    )

    assert Message.objects.filter(thread=thread).latest("id").body == long_text


def test_a_long_draft_gets_gentle_guidance(personas, client_as, thread):
    response = client_as(personas.anna).post(
        reverse("messaging:save_reply_draft", args=[thread.pk]),
        _reply_data("a" * (LONG_MESSAGE_CHARACTERS + 1)),
        headers={"HX-Request": "true"},
    )

    assert "composer__long" in response.text


def test_an_empty_message_is_refused_with_the_other_fields_kept(
    personas, client_as, thread
):
    response = client_as(personas.anna).post(
        reverse("messaging:send_reply", args=[thread.pk]),
        {"body": "", "need": "reply", "what_i_need": "Ring meg"},
    )

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert 'value="Ring meg"' in response.text
    assert Message.objects.filter(thread=thread).count() == 1
