"""Only participants with a live connection see a thread; everyone else gets 404."""

import uuid

import pytest
from django.urls import reverse

from samspill.care.models import CareRelationship
from samspill.messaging.models import Draft, Message, Participant, Thread
from samspill.messaging.tests.helpers import thread_from

STRANGERS = ["bjorn", "olav", "mona", "ada", "rita"]


@pytest.fixture
def annas_thread(personas):
    return thread_from(personas.anna, personas.anna, [personas.per]).thread


def _thread_urls(thread):
    return {
        "show": ("get", reverse("messaging:show_thread", args=[thread.pk])),
        "reply": ("post", reverse("messaging:send_reply", args=[thread.pk])),
        "draft": ("post", reverse("messaging:save_reply_draft", args=[thread.pk])),
    }


def _snapshot():
    return (Message.objects.count(), Draft.objects.count(), Thread.objects.count())


@pytest.mark.parametrize("stranger", STRANGERS)
@pytest.mark.parametrize("view", ["show", "reply", "draft"])
def test_strangers_cannot_read_or_write_in_annas_thread_idor(
    personas, client_as, annas_thread, stranger, view
):
    method, url = _thread_urls(annas_thread)[view]
    before = _snapshot()
    data = {"body": "Hei", "need": "info", "token": str(uuid.uuid4())}

    response = getattr(client_as(getattr(personas, stranger)), method)(url, data)

    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("view", ["show", "reply", "draft"])
def test_anonymous_visitors_are_sent_to_login_for_annas_thread(
    client, annas_thread, view
):
    method, url = _thread_urls(annas_thread)[view]
    before = _snapshot()

    response = getattr(client, method)(url, {"body": "Hei"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _snapshot() == before


@pytest.mark.parametrize("view", ["show", "reply", "draft"])
def test_a_provider_whose_relationship_ended_loses_access_at_once(
    personas, client_as, annas_thread, view
):
    client = client_as(personas.per)
    assert (
        client.get(reverse("messaging:show_thread", args=[annas_thread.pk])).status_code
        == 200
    )
    CareRelationship.objects.filter(provider=personas.per).update(
        status=CareRelationship.Status.ENDED
    )
    method, url = _thread_urls(annas_thread)[view]
    before = _snapshot()

    response = getattr(client, method)(
        url, {"body": "Hei", "need": "info", "token": str(uuid.uuid4())}
    )

    assert response.status_code == 404
    assert _snapshot() == before


def test_an_ended_relationship_also_hides_the_thread_from_the_inbox_and_badge(
    personas, client_as, annas_thread
):
    CareRelationship.objects.filter(provider=personas.per).update(
        status=CareRelationship.Status.ENDED
    )

    response = client_as(personas.per).get(reverse("messaging:list_threads"))

    assert "Natten" not in response.text
    assert 'class="badge"' not in response.text


def test_a_connected_provider_not_in_the_thread_cannot_see_it(
    personas, client_as, annas_thread
):
    response = client_as(personas.siri).get(
        reverse("messaging:show_thread", args=[annas_thread.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["anna", "per"])
def test_participants_see_the_thread(personas, client_as, annas_thread, who):
    response = client_as(getattr(personas, who)).get(
        reverse("messaging:show_thread", args=[annas_thread.pk])
    )

    assert response.status_code == 200
    assert "Jeg sov dårlig i natt." in response.text


def test_a_service_user_cannot_write_to_a_provider_she_is_not_connected_to_idor(
    personas, client_as
):
    before = _snapshot()

    response = client_as(personas.anna).post(
        reverse("messaging:start_thread"),
        {
            "subject": "Hei",
            "providers": [personas.olav.pk],
            "need": "info",
            "body": "Hei",
            "token": str(uuid.uuid4()),
        },
    )

    assert response.status_code == 400
    assert _snapshot() == before


def test_a_provider_cannot_start_a_thread_with_someone_not_connected_idor(
    personas, client_as
):
    before = _snapshot()

    response = client_as(personas.per).post(
        reverse("messaging:start_thread"),
        {
            "subject": "Hei",
            "service_user": personas.bjorn.pk,
            "need": "info",
            "body": "Hei",
            "token": str(uuid.uuid4()),
        },
    )

    assert response.status_code == 400
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["ada", "rita"])
@pytest.mark.parametrize(
    "name",
    [
        "messaging:start_thread",
        "messaging:save_new_thread_draft",
        "messaging:edit_notification_preferences",
        "messaging:edit_away_notice",
    ],
)
def test_people_without_messaging_get_404_on_composer_and_settings(
    personas, client_as, who, name
):
    client = client_as(getattr(personas, who))
    before = _snapshot()

    assert client.get(reverse(name)).status_code in (404, 405)
    assert client.post(reverse(name), {"body": "x"}).status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["anna", "bjorn", "mona"])
def test_service_users_cannot_set_an_away_notice(personas, client_as, who):
    response = client_as(getattr(personas, who)).post(
        reverse("messaging:edit_away_notice"),
        {"until": "2030-01-01", "contact_instead": "x"},
    )

    assert response.status_code == 404


def test_the_inbox_lists_only_the_users_own_threads(personas, client_as, annas_thread):
    thread_from(personas.per, personas.anna, [personas.per], subject="Neste time")

    response = client_as(personas.bjorn).get(reverse("messaging:list_threads"))

    assert response.status_code == 200
    assert "Natten" not in response.text
    assert Participant.objects.filter(user=personas.bjorn).count() == 0


def test_either_side_can_start_a_thread(personas, client_as):
    response = client_as(personas.per).post(
        reverse("messaging:start_thread"),
        {
            "subject": "Hvordan går det?",
            "service_user": personas.anna.pk,
            "need": "info",
            "body": "Jeg tenkte på deg etter timen.",
            "token": str(uuid.uuid4()),
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.service_user == personas.anna
    assert set(thread.participants.values_list("user__username", flat=True)) == {
        "anna",
        "per",
    }


def test_a_provider_connected_to_nobody_is_told_so_instead_of_an_empty_form(
    personas, client_as
):
    response = client_as(personas.olav).get(reverse("messaging:start_thread"))

    assert response.status_code == 200
    assert 'name="body"' not in response.text
