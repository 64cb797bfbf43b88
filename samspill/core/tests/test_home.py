"""The front page: a calm overview, one card per area, at a fixed cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samspill.care.accesslog import record_view
from samspill.goals.models import Goal
from samspill.messaging.models import Need, Participant
from samspill.messaging.tests.helpers import thread_from

HOME = "/"


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(HOME)
    assert response.status_code == 200
    return len(captured), response.text


def _grow(personas, count):
    for number in range(count):
        Goal.objects.create(owner=personas.anna, title=f"Mål {number}")
        thread_from(
            personas.anna,
            personas.anna,
            [personas.per],
            need=Need.REPLY,
            subject=f"Tråd {number}",
        )
        record_view(
            actor=personas.per,
            subject=personas.anna,
            service=personas.primary,
            module="goals",
            object_type="goals.list",
        )


def test_the_home_page_url_is_the_front_page():
    assert reverse("core:home") == HOME


def test_a_service_user_sees_messages_goals_sharing_and_the_latest_look(
    personas, client_as
):
    _grow(personas, 2)

    _, page = _queries(client_as(personas.anna))

    assert "Ingen uleste meldinger." in page
    assert "Du arbeider med 2 mål." in page
    assert "Du samarbeider med 2 behandlere her." in page
    assert "Sist: Per Testesen åpnet Mål og aktiviteter" in page


def test_a_provider_sees_unread_overdue_and_caseload(personas, client_as):
    _grow(personas, 1)
    Participant.objects.filter(user=personas.per).update(
        reply_due_at=timezone.now() - datetime.timedelta(days=1)
    )

    _, page = _queries(client_as(personas.per))

    assert "Du har 1 ulest melding." in page
    assert "1 samtale har ventet lenger enn avtalt på svar fra deg." in page
    assert "1 tjenestemottaker samarbeider med deg i Samspill." in page
    assert "Mine mål" not in page


def test_the_researcher_is_told_her_pages_are_not_built_and_sees_no_data(
    personas, client_as
):
    _grow(personas, 1)

    _, page = _queries(client_as(personas.rita))

    assert "er ikke laget ennå" in page
    assert 'class="home-card"' not in page
    assert "Tråd 0" not in page


def test_the_admin_is_led_to_accounts_and_roles_and_sees_no_data(personas, client_as):
    _grow(personas, 1)

    _, page = _queries(client_as(personas.ada))

    assert reverse("administration:list_people") in page
    assert "Mine mål" not in page
    assert "Tråd 0" not in page


@pytest.mark.parametrize("who", ["anna", "per"])
def test_the_front_page_costs_the_same_whatever_the_data(personas, client_as, who):
    client = client_as(getattr(personas, who))
    _grow(personas, 1)
    small, _ = _queries(client)

    _grow(personas, 25)
    large, _ = _queries(client)

    assert large == small
