"""The access log: one entry per provider look, a chain that shows tampering."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.care.accesslog import record_admin_action, record_view, verify_chain
from samspill.care.actions import set_sharing
from samspill.care.models import AccessLog, CareRelationship
from samspill.care.modules import CRISIS_PLAN, GOALS, Level
from samspill.goals.models import Goal


@pytest.fixture
def shared_goal(personas):
    relationship = CareRelationship.objects.get(
        service_user=personas.anna, provider=personas.per
    )
    set_sharing(relationship, personas.anna, {GOALS.key: Level.VIEW})
    return Goal.objects.create(owner=personas.anna, title="Sove bedre")


def _look(personas, number):
    for _ in range(number):
        record_view(
            actor=personas.per,
            subject=personas.anna,
            service=personas.primary,
            module=GOALS.key,
            object_type="goals.list",
        )


def _table():
    return connection.ops.quote_name(AccessLog._meta.db_table)


def test_a_provider_opening_a_shared_goal_writes_exactly_one_entry(
    personas, client_as, shared_goal
):
    response = client_as(personas.per).get(
        reverse("goals:detail", args=[shared_goal.pk])
    )

    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.actor, entry.subject, entry.role) == (
        personas.per,
        personas.anna,
        "provider",
    )
    assert (entry.service, entry.module) == (personas.primary, GOALS.key)
    assert (entry.object_type, entry.object_id) == ("goals.goal", shared_goal.pk)


def test_a_provider_opening_the_list_of_goals_writes_exactly_one_entry(
    personas, client_as, shared_goal
):
    Goal.objects.create(owner=personas.anna, title="Gå tur")

    url = reverse("goals:user_goals", args=[personas.anna.pk])
    response = client_as(personas.per).get(url)

    assert response.status_code == 200
    assert AccessLog.objects.filter(kind=AccessLog.Kind.VIEW).count() == 1


def test_the_owner_reading_her_own_goal_writes_no_entry(
    personas, client_as, shared_goal
):
    client_as(personas.anna).get(reverse("goals:detail", args=[shared_goal.pk]))

    assert AccessLog.objects.count() == 0


def test_a_refused_provider_writes_no_entry(personas, client_as, shared_goal):
    response = client_as(personas.olav).get(
        reverse("goals:detail", args=[shared_goal.pk])
    )

    assert response.status_code == 404
    assert AccessLog.objects.count() == 0


def test_the_chain_of_an_untouched_log_verifies(personas):
    _look(personas, 3)
    record_admin_action(personas.ada, personas.anna, "role_changed")

    call_command("verify_access_log")
    assert verify_chain() == (4, None)


def test_the_verify_command_names_an_entry_changed_behind_the_models_back(personas):
    _look(personas, 4)
    second = AccessLog.objects.get(position=2)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET actor_id = %s WHERE id = %s",  # noqa: S608
            [personas.siri.pk, second.pk],
        )

    with pytest.raises(CommandError, match="entry 2: its content was changed"):
        call_command("verify_access_log")


def test_the_verify_command_names_the_entry_after_a_deleted_one(personas):
    _look(personas, 4)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_table()} WHERE position = %s",  # noqa: S608
            [2],
        )

    with pytest.raises(CommandError, match="entry 3: an entry before it is missing"):
        call_command("verify_access_log")


def test_the_verify_command_notices_that_the_last_entry_was_deleted(personas):
    _look(personas, 3)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_table()} WHERE position = %s",  # noqa: S608
            [3],
        )

    with pytest.raises(CommandError, match="entry 3: entries at the end"):
        call_command("verify_access_log")


def test_a_forged_entry_with_a_recomputed_hash_but_no_key_is_caught(personas, settings):
    _look(personas, 2)
    real_key = settings.ACCESS_LOG_HMAC_KEY
    settings.ACCESS_LOG_HMAC_KEY = "a key the attacker guessed"
    record_view(
        actor=personas.per,
        subject=personas.anna,
        service=personas.primary,
        module=CRISIS_PLAN.key,
        object_type="crisis_plan",
    )
    settings.ACCESS_LOG_HMAC_KEY = real_key

    count, broken = verify_chain()

    assert count == 2
    assert broken is not None
    assert broken.position == 3


def test_the_model_refuses_to_change_or_delete_entries(personas):
    _look(personas, 1)
    entry = AccessLog.objects.get()

    entry.module = CRISIS_PLAN.key
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AccessLog.objects.filter(pk=entry.pk).update(module="diary")
    with pytest.raises(TypeError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().module == GOALS.key


def test_the_owner_sees_who_has_looked(personas, client_as):
    _look(personas, 2)

    response = client_as(personas.anna).get(reverse("care:access_log"))

    assert response.status_code == 200
    assert [entry.actor for entry in response.context["page"]] == [personas.per] * 2
    assert personas.primary.name in response.text
    assert "Mål og aktiviteter: oversikten over målene" in response.text


def test_another_user_never_sees_someone_elses_looks(personas, client_as):
    _look(personas, 2)

    response = client_as(personas.bjorn).get(reverse("care:access_log"))

    assert personas.primary.name not in response.text


def test_the_access_log_page_filters_by_provider_and_module(personas, client_as):
    _look(personas, 1)
    record_view(
        actor=personas.siri,
        subject=personas.anna,
        service=personas.specialist,
        module=CRISIS_PLAN.key,
        object_type="crisis_plan",
    )
    client = client_as(personas.anna)

    by_siri = client.get(reverse("care:access_log"), {"behandler": personas.siri.pk})
    by_goals = client.get(reverse("care:access_log"), {"modul": GOALS.key})

    assert list(by_siri.context["page"]) == list(
        AccessLog.objects.filter(actor=personas.siri)
    )
    assert [entry.module for entry in by_goals.context["page"]] == [GOALS.key]


def test_the_access_log_page_ignores_a_nonsense_filter(personas, client_as):
    _look(personas, 1)

    response = client_as(personas.anna).get(
        reverse("care:access_log"), {"behandler": "abc", "modul": "<script>"}
    )

    assert response.status_code == 200
    assert len(response.context["page"]) == 1


def test_the_access_log_page_makes_the_same_queries_whatever_its_length(
    personas, client_as
):
    client = client_as(personas.anna)
    _look(personas, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("care:access_log"))

    _look(personas, 40)
    first = client.get(reverse("care:access_log")).context["page"]
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("care:access_log"), {"eldre_enn": first.next_key})

    assert len(first) == 25
    assert len(response.context["page"]) == 16
    assert response.context["page"].next_key is None
    assert len(many) == len(few)


def test_a_provider_ending_a_relationship_is_logged_as_an_action(personas, client_as):
    relationship = CareRelationship.objects.get(
        service_user=personas.anna, provider=personas.per
    )

    client_as(personas.per).post(
        reverse("care:end_relationship", args=[relationship.pk])
    )

    entry = AccessLog.objects.get(kind=AccessLog.Kind.ACTION)
    assert (entry.actor, entry.subject, entry.action, entry.role) == (
        personas.per,
        personas.anna,
        "relationship_ended",
        "provider",
    )
    assert entry.object_id == relationship.pk


def test_a_provider_who_also_moderates_is_logged_as_a_provider(
    personas, client_as, shared_goal
):
    personas.per.is_moderator = True
    personas.per.save()

    client_as(personas.per).get(reverse("goals:detail", args=[shared_goal.pk]))

    assert AccessLog.objects.get().role == "provider"
