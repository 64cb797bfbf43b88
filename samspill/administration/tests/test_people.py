"""The community admin's people page: accounts and roles, each change logged."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.accounts.models import User
from samspill.care.models import AccessLog
from samspill.communities.models import Community
from samspill.core.testing import make_user

PEOPLE = reverse("administration:list_people")


def change_url(person):
    return reverse("administration:change_account", args=[person.pk])


def _form(**overrides):
    data = {"active": "on", "is_service_user": "on"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _actions(subject):
    return list(
        AccessLog.objects.filter(subject=subject, kind=AccessLog.Kind.ACTION)
        .order_by("position")
        .values_list("action", flat=True)
    )


def _snapshot(user):
    user.refresh_from_db()
    return (user.is_active, user.is_service_user, user.is_provider, user.is_moderator)


@pytest.mark.parametrize("who", ["anna", "bjorn", "per", "olav", "mona", "rita"])
def test_everyone_but_the_admin_is_refused_as_if_the_page_did_not_exist(
    personas, client_as, who
):
    client = client_as(getattr(personas, who))
    before = _snapshot(personas.bjorn)

    assert client.get(PEOPLE).status_code == 404
    response = client.post(change_url(personas.bjorn), _form(active=None))

    assert response.status_code == 404
    assert _snapshot(personas.bjorn) == before
    assert _actions(personas.bjorn) == []


def test_the_admin_sees_the_people_of_her_community_with_their_roles(
    personas, client_as
):
    elsewhere = Community.objects.create(name="Andrevik", slug="andrevik")
    make_user("kjell.andre", elsewhere, is_service_user=True)

    page = client_as(personas.ada).get(PEOPLE).text

    assert "Anna Testesen" in page
    assert "Per Testesen" in page
    assert "Kjell" not in page


def test_an_admin_cannot_change_someone_in_another_community_idor(personas, client_as):
    elsewhere = Community.objects.create(name="Andrevik", slug="andrevik")
    kjell = make_user("kjell.andre", elsewhere, is_service_user=True)
    before = _snapshot(kjell)

    response = client_as(personas.ada).post(change_url(kjell), _form(active=None))

    assert response.status_code == 404
    assert _snapshot(kjell) == before
    assert _actions(kjell) == []


def test_deactivating_ends_the_person_s_sessions_and_is_logged(personas, client_as):
    per_client = client_as(personas.per)
    assert per_client.get(reverse("core:home")).status_code == 200

    response = client_as(personas.ada).post(
        change_url(personas.per),
        _form(active=None, is_service_user=None, is_provider="on"),
    )

    assert response.status_code == 302
    personas.per.refresh_from_db()
    assert not personas.per.is_active
    assert per_client.get(reverse("core:home")).status_code == 302
    assert _actions(personas.per) == ["account_deactivated"]
    entry = AccessLog.objects.get(subject=personas.per)
    assert entry.actor == personas.ada
    assert entry.role == "admin"
    call_command("verify_access_log", verbosity=0)


def test_each_role_change_is_its_own_log_entry(personas, client_as):
    client_as(personas.ada).post(
        change_url(personas.bjorn), _form(is_service_user=None, is_moderator="on")
    )

    bjorn = User.objects.get(pk=personas.bjorn.pk)
    assert (bjorn.is_service_user, bjorn.is_moderator) == (False, True)
    assert _actions(bjorn) == ["role_removed:service_user", "role_added:moderator"]


def test_saving_without_a_change_logs_nothing(personas, client_as):
    client_as(personas.ada).post(change_url(personas.anna), _form())

    assert _actions(personas.anna) == []


def test_the_admin_cannot_lock_herself_out(personas, client_as):
    client = client_as(personas.ada)

    response = client.post(change_url(personas.ada), _form(active=None), follow=True)

    assert "Du kan ikke deaktivere din egen konto her." in response.text
    personas.ada.refresh_from_db()
    assert personas.ada.is_active
    assert _actions(personas.ada) == []


def test_the_page_costs_the_same_with_more_people(
    personas, client_as, django_assert_num_queries
):
    client = client_as(personas.ada)
    client.get(PEOPLE)

    with CaptureQueriesContext(connection) as small:
        client.get(PEOPLE)
    for number in range(30):
        make_user(f"ny{number}", personas.community, is_service_user=True)

    with django_assert_num_queries(len(small)):
        client.get(PEOPLE)
    with django_assert_num_queries(len(small)):
        client.get(PEOPLE + "?side=2")
