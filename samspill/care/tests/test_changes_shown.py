"""A person reads, beside the looks, what others changed about them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.administration.actions import AccountChoice, update_account
from samspill.care.actions import end_relationship
from samspill.care.models import CareRelationship

ACCESS_LOG = reverse("care:access_log")


def test_a_role_given_by_the_admin_is_shown_to_the_person(personas, client_as):
    update_account(
        personas.ada,
        personas.anna,
        AccountChoice(
            active=True, is_service_user=True, is_provider=False, is_moderator=True
        ),
    )

    page = client_as(personas.anna).get(ACCESS_LOG).text

    assert "Ada Testesen ga deg rollen: likepersonsmoderator." in page


def test_a_connection_ended_by_the_provider_is_shown(personas, client_as):
    link = CareRelationship.objects.get(
        service_user=personas.anna, provider=personas.per
    )
    end_relationship(link, personas.per)

    page = client_as(personas.anna).get(ACCESS_LOG).text

    assert "Per Testesen avsluttet koblingen med deg." in page


def test_her_own_actions_are_not_listed_as_changes_by_others(personas, client_as):
    link = CareRelationship.objects.get(
        service_user=personas.anna, provider=personas.per
    )
    end_relationship(link, personas.anna)

    page = client_as(personas.anna).get(ACCESS_LOG).text

    assert "avsluttet koblingen med deg" not in page
    assert "Ingen andre har endret kontoen din eller avsluttet en kobling." in page


def test_the_page_costs_the_same_with_many_changes(
    personas, client_as, django_assert_max_num_queries
):
    client = client_as(personas.anna)

    with CaptureQueriesContext(connection) as few:
        client.get(ACCESS_LOG)
    for number in range(15):
        update_account(
            personas.ada,
            personas.anna,
            AccountChoice(
                active=True,
                is_service_user=True,
                is_provider=False,
                is_moderator=number % 2 == 0,
            ),
        )

    with django_assert_max_num_queries(len(few)):
        page = client.get(ACCESS_LOG).text
    assert page.count("likepersonsmoderator") == 10
