"""The inbox, a thread and the unread badge cost the same at any data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.messaging.models import Need
from samspill.messaging.tests.helpers import reply, thread_from


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow_threads(personas, count):
    for number in range(count):
        message = thread_from(
            personas.anna,
            personas.anna,
            [personas.per, personas.siri],
            need=Need.REPLY if number % 2 else Need.INFO,
            subject=f"Tråd {number}",
        )
        reply(personas.siri, message, "Takk for at du skrev.")


def _grow_messages(personas, message, count):
    for number in range(count):
        reply(personas.anna if number % 2 else personas.per, message, f"Svar {number}")


@pytest.mark.parametrize("who", ["anna", "per"])
def test_the_inbox_makes_a_fixed_number_of_queries(
    personas, client_as, django_assert_num_queries, who
):
    client = client_as(getattr(personas, who))
    url = reverse("messaging:list_threads")
    _grow_threads(personas, 2)
    small = _queries(client, url)

    _grow_threads(personas, 40)

    with django_assert_num_queries(small):
        client.get(url)
    with django_assert_num_queries(small):
        client.get(url + "?side=2")


def test_a_thread_page_makes_a_fixed_number_of_queries(
    personas, client_as, django_assert_num_queries
):
    client = client_as(personas.per)
    message = thread_from(personas.anna, personas.anna, [personas.per, personas.siri])
    url = reverse("messaging:show_thread", args=[message.thread_id])
    _grow_messages(personas, message, 3)
    client.get(url)  # read everything, so both measurements see a read thread
    small = _queries(client, url)

    _grow_messages(personas, message, 70)
    client.get(url)

    with django_assert_num_queries(small):
        client.get(url)
    with django_assert_num_queries(small):
        client.get(url + "?nyere=0")
    with django_assert_num_queries(small):
        client.get(url + f"?eldre={message.pk + 40}")


def test_the_unread_badge_costs_one_query_at_any_size(
    personas, client_as, django_assert_num_queries
):
    client = client_as(personas.per)
    # A page that is the layout and nothing else, so the badge is all that differs.
    url = reverse("core:emergencies")
    without_messaging = _queries(client_as(personas.rita), url)
    _grow_threads(personas, 2)
    small = _queries(client, url)

    _grow_threads(personas, 40)

    assert small == without_messaging + 1
    with django_assert_num_queries(small):
        client.get(url)
