"""Sharing: nothing by default, every change recorded, effective at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.care.access import shared_level
from samspill.care.actions import current_levels, set_sharing
from samspill.care.models import CareRelationship, SharingChange, SharingGrant
from samspill.care.modules import GOALS, LIFE, Level, all_modules
from samspill.core.testing import connect, make_user
from samspill.goals.models import Goal


@pytest.fixture
def link(personas):
    return CareRelationship.objects.get(
        service_user=personas.anna, provider=personas.per
    )


def _form(levels):
    data = {module.key: str(Level.NONE.value) for module in all_modules()}
    data.update({key: str(level.value) for key, level in levels.items()})
    return data


def test_nothing_is_shared_by_default(personas, link):
    assert set(current_levels(link).values()) == {Level.NONE}
    assert shared_level(personas.per, personas.anna, GOALS.key) is None


def test_the_owner_shares_a_module_from_the_sharing_page(personas, client_as, link):
    response = client_as(personas.anna).post(
        reverse("care:edit_sharing", args=[link.pk]), _form({GOALS.key: Level.COMMENT})
    )

    assert response.status_code == 302
    assert current_levels(link)[GOALS.key] == Level.COMMENT
    change = SharingChange.objects.get()
    assert (change.module, change.from_level, change.to_level) == (
        GOALS.key,
        Level.NONE,
        Level.COMMENT,
    )
    assert (change.changed_by, change.relationship) == (personas.anna, link)


def test_every_change_is_a_new_record_and_no_change_adds_none(personas, link):
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})
    set_sharing(link, personas.anna, {GOALS.key: Level.NONE, LIFE.key: Level.VIEW})

    history = list(
        SharingChange.objects.order_by("pk").values_list(
            "module", "from_level", "to_level"
        )
    )
    assert history == [
        (GOALS.key, Level.NONE, Level.VIEW),
        (GOALS.key, Level.VIEW, Level.NONE),
        (LIFE.key, Level.NONE, Level.VIEW),
    ]
    assert SharingGrant.objects.filter(relationship=link).count() == 2


def test_the_history_page_shows_the_owners_changes(personas, client_as, link):
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})

    response = client_as(personas.anna).get(reverse("care:sharing_history"))

    assert len(response.context["page"]) == 1
    assert str(GOALS.label) in response.text


def test_the_sharing_page_explains_each_choice(personas, client_as, link):
    response = client_as(personas.anna).get(
        reverse("care:edit_sharing", args=[link.pk])
    )

    for level in Level:
        assert str(level.label) in response.text
    for module in all_modules():
        assert str(module.label) in response.text


def test_a_provider_cannot_change_what_is_shared_with_them_idor(
    personas, client_as, link
):
    response = client_as(personas.per).post(
        reverse("care:edit_sharing", args=[link.pk]), _form({GOALS.key: Level.COMMENT})
    )

    assert response.status_code == 403
    assert SharingGrant.objects.count() == 0
    assert SharingChange.objects.count() == 0


def test_another_user_cannot_change_someone_elses_sharing_idor(
    personas, client_as, link
):
    response = client_as(personas.bjorn).post(
        reverse("care:edit_sharing", args=[link.pk]), _form({GOALS.key: Level.COMMENT})
    )

    assert response.status_code == 404
    assert SharingGrant.objects.count() == 0


def test_a_nonsense_level_is_refused_with_a_message(personas, client_as, link):
    data = _form({})
    data[GOALS.key] = "7"

    response = client_as(personas.anna).post(
        reverse("care:edit_sharing", args=[link.pk]), data
    )

    assert response.status_code == 200
    assert response.context["form"].errors[GOALS.key]
    assert SharingGrant.objects.count() == 0


def test_the_current_level_is_one_query(personas, link, django_assert_num_queries):
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})

    with django_assert_num_queries(1):
        grant = shared_level(personas.per, personas.anna, GOALS.key)
        assert grant is not None
        assert grant.relationship.service.name == personas.primary.name


def test_revoking_a_module_refuses_the_very_next_request(personas, client_as, link):
    goal = Goal.objects.create(owner=personas.anna, title="Sove bedre")
    url = reverse("goals:detail", args=[goal.pk])
    provider = client_as(personas.per)
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})
    assert provider.get(url).status_code == 200

    client_as(personas.anna).post(
        reverse("care:edit_sharing", args=[link.pk]), _form({GOALS.key: Level.NONE})
    )

    assert provider.get(url).status_code == 404


def test_ending_the_relationship_refuses_the_very_next_request(
    personas, client_as, link
):
    goal = Goal.objects.create(owner=personas.anna, title="Sove bedre")
    url = reverse("goals:detail", args=[goal.pk])
    provider = client_as(personas.per)
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})
    assert provider.get(url).status_code == 200

    client_as(personas.anna).post(reverse("care:end_relationship", args=[link.pk]))

    assert provider.get(url).status_code == 404
    link.refresh_from_db()
    assert link.status == CareRelationship.Status.ENDED
    assert link.ended_by == personas.anna


def test_a_stranger_cannot_end_someone_elses_relationship_idor(
    personas, client_as, link
):
    response = client_as(personas.olav).post(
        reverse("care:end_relationship", args=[link.pk])
    )

    assert response.status_code == 404
    link.refresh_from_db()
    assert link.status == CareRelationship.Status.ACTIVE


def test_the_caseload_shows_what_each_user_shares(personas, client_as, link):
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})

    response = client_as(personas.per).get(reverse("care:caseload"))

    assert personas.anna.display_name in response.text
    assert reverse("goals:user_goals", args=[personas.anna.pk]) in response.text
    assert personas.bjorn.display_name not in response.text


def test_the_caseload_makes_the_same_queries_whatever_its_length(
    personas, client_as, link
):
    client = client_as(personas.per)
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("care:caseload"))

    for number in range(30):
        user = make_user(f"bruker{number}", personas.community, is_service_user=True)
        set_sharing(
            connect(user, personas.per, personas.primary), user, {LIFE.key: Level.VIEW}
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("care:caseload"))

    assert len(response.context["page"]) == 25
    assert len(many) == len(few)


def test_the_sharing_pages_make_the_same_queries_whatever_the_history(
    personas, client_as, link
):
    client = client_as(personas.anna)
    set_sharing(link, personas.anna, {GOALS.key: Level.VIEW})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("care:sharing_history"))
        client.get(reverse("care:sharing"))

    for number in range(30):
        set_sharing(link, personas.anna, {GOALS.key: Level(number % 3)})
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("care:sharing_history"))
        client.get(reverse("care:sharing"))

    assert len(many) == len(few)


def test_the_user_sees_that_a_provider_ended_the_connection(personas, client_as, link):
    client_as(personas.per).post(reverse("care:end_relationship", args=[link.pk]))

    response = client_as(personas.anna).get(reverse("care:sharing"))

    assert list(response.context["ended"]) == [link]
    assert reverse("care:edit_sharing", args=[link.pk]) not in response.text
