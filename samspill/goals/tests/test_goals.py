"""Goals: the owner's words, read and commented on only where shared."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.care.actions import set_sharing
from samspill.care.models import CareRelationship
from samspill.care.modules import GOALS, Level
from samspill.goals.models import Activity, Goal, GoalComment

TITLE = "Komme meg gjennom julen"


@pytest.fixture
def goal(personas):
    goal = Goal.objects.create(owner=personas.anna, title=TITLE, description="Rolig.")
    Activity.objects.create(goal=goal, text="Kjøpe ribbe tidlig")
    return goal


@pytest.fixture
def shared(personas):
    """Per may view Anna's goals, Siri may view and comment."""
    for provider, level in ((personas.per, Level.VIEW), (personas.siri, Level.COMMENT)):
        relationship = CareRelationship.objects.get(
            service_user=personas.anna, provider=provider
        )
        set_sharing(relationship, personas.anna, {GOALS.key: level})


def _goal_form(**changes):
    data = {
        "title": "Sove bedre",
        "description": "",
        "target_date": "",
        "status": "active",
    }
    data.update(changes)
    return data


def test_the_owner_writes_a_goal_in_her_own_words(personas, client_as):
    response = client_as(personas.anna).post(
        reverse("goals:add"), _goal_form(title=TITLE, target_date="2026-12-27")
    )

    goal = Goal.objects.get()
    assert response.status_code == 302
    assert (goal.owner, goal.title, str(goal.target_date)) == (
        personas.anna,
        TITLE,
        "2026-12-27",
    )


def test_goal_text_is_encrypted_at_rest(personas, goal):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, description FROM goals_goal")
        stored = cursor.fetchone()

    assert TITLE not in stored[0]
    assert "Rolig" not in stored[1]


def test_a_goal_without_a_title_is_refused_and_the_typed_text_kept(personas, client_as):
    response = client_as(personas.anna).post(
        reverse("goals:add"), _goal_form(title="", description="Det jeg skrev")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert "Det jeg skrev" in response.text
    assert 'aria-invalid="true"' in response.text
    assert Goal.objects.count() == 0


def test_a_nonsense_date_is_refused_with_a_message(personas, client_as):
    response = client_as(personas.anna).post(
        reverse("goals:add"), _goal_form(target_date="31.02.2026")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["target_date"]


def test_the_owner_changes_and_deletes_her_goal(personas, client_as, goal):
    client = client_as(personas.anna)

    client.post(reverse("goals:edit", args=[goal.pk]), _goal_form(status="reached"))
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Sove bedre", Goal.Status.REACHED)

    client.post(reverse("goals:delete", args=[goal.pk]))
    assert not Goal.objects.exists()
    assert not Activity.objects.exists()


def test_the_owner_adds_changes_and_deletes_activities(personas, client_as, goal):
    client = client_as(personas.anna)

    client.post(
        reverse("goals:add_activity", args=[goal.pk]),
        {"text": "Si nei til julebord", "date": "", "done": ""},
    )
    activity = goal.activities.latest("pk")
    assert activity.text == "Si nei til julebord"
    client.post(
        reverse("goals:edit_activity", args=[activity.pk]),
        {"text": "Si nei til julebord", "date": "2026-12-05", "done": "on"},
    )
    activity.refresh_from_db()
    assert activity.done

    client.post(reverse("goals:delete_activity", args=[activity.pk]))
    assert not goal.activities.filter(pk=activity.pk).exists()


def test_a_provider_with_view_access_reads_but_is_offered_no_change(
    personas, client_as, goal, shared
):
    response = client_as(personas.per).get(reverse("goals:detail", args=[goal.pk]))

    assert response.status_code == 200
    assert TITLE in response.text
    assert "Kjøpe ribbe tidlig" in response.text
    assert reverse("goals:edit", args=[goal.pk]) not in response.text
    assert reverse("goals:add_comment", args=[goal.pk]) not in response.text


def test_a_provider_with_view_access_cannot_change_the_users_words(
    personas, client_as, goal, shared
):
    response = client_as(personas.per).post(
        reverse("goals:edit", args=[goal.pk]), _goal_form(title="Endret av Per")
    )

    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.title == TITLE


@pytest.mark.parametrize("who", ["bjorn", "olav", "mona", "ada", "rita"])
def test_a_stranger_cannot_change_a_goal_idor(personas, client_as, goal, who):
    response = client_as(getattr(personas, who)).post(
        reverse("goals:edit", args=[goal.pk]), _goal_form(title="Endret")
    )

    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.title == TITLE


@pytest.mark.parametrize("who", ["bjorn", "olav", "per", "siri"])
def test_no_one_but_the_owner_can_delete_a_goal_idor(
    personas, client_as, goal, shared, who
):
    response = client_as(getattr(personas, who)).post(
        reverse("goals:delete", args=[goal.pk])
    )

    assert response.status_code in (403, 404)
    assert Goal.objects.filter(pk=goal.pk).exists()


@pytest.mark.parametrize("who", ["bjorn", "olav", "per", "siri"])
def test_no_one_but_the_owner_can_change_or_delete_an_activity_idor(
    personas, client_as, goal, shared, who
):
    activity = goal.activities.get()
    client = client_as(getattr(personas, who))

    edit = client.post(
        reverse("goals:edit_activity", args=[activity.pk]),
        {"text": "Endret", "date": "", "done": "on"},
    )
    delete = client.post(reverse("goals:delete_activity", args=[activity.pk]))

    assert {edit.status_code, delete.status_code} <= {403, 404}
    activity.refresh_from_db()
    assert (activity.text, activity.done) == ("Kjøpe ribbe tidlig", False)


def test_a_provider_with_comment_access_comments_beside_the_goal(
    personas, client_as, goal, shared
):
    response = client_as(personas.siri).post(
        reverse("goals:add_comment", args=[goal.pk]), {"text": "Godt første steg."}
    )

    assert response.status_code == 302
    comment = GoalComment.objects.get()
    assert (comment.author, comment.text) == (personas.siri, "Godt første steg.")
    goal.refresh_from_db()
    assert goal.title == TITLE
    owner_page = client_as(personas.anna).get(reverse("goals:detail", args=[goal.pk]))
    assert "Godt første steg." in owner_page.text


def test_a_provider_with_view_access_cannot_comment(personas, client_as, goal, shared):
    response = client_as(personas.per).post(
        reverse("goals:add_comment", args=[goal.pk]), {"text": "Hei"}
    )

    assert response.status_code == 403
    assert not GoalComment.objects.exists()


def test_a_stranger_cannot_comment_idor(personas, client_as, goal, shared):
    response = client_as(personas.olav).post(
        reverse("goals:add_comment", args=[goal.pk]), {"text": "Hei"}
    )

    assert response.status_code == 404
    assert not GoalComment.objects.exists()


def test_an_empty_comment_is_refused_with_a_message(personas, client_as, goal, shared):
    response = client_as(personas.siri).post(
        reverse("goals:add_comment", args=[goal.pk]), {"text": ""}
    )

    assert response.status_code == 200
    assert response.context["comment_form"].errors["text"]
    assert not GoalComment.objects.exists()


def test_the_list_of_goals_makes_the_same_queries_whatever_its_length(
    personas, client_as, goal, shared
):
    owner, provider = client_as(personas.anna), client_as(personas.per)
    url = reverse("goals:user_goals", args=[personas.anna.pk])
    provider.get(url)  # the access log's first entry also creates its head row
    with CaptureQueriesContext(connection) as few_own:
        owner.get(reverse("goals:list"))
    with CaptureQueriesContext(connection) as few_shared:
        provider.get(url)

    for number in range(30):
        more = Goal.objects.create(owner=personas.anna, title=f"Mål {number}")
        Activity.objects.create(goal=more, text="Steg", done=True)
    with CaptureQueriesContext(connection) as many_own:
        response = owner.get(reverse("goals:list"))
    with CaptureQueriesContext(connection) as many_shared:
        provider.get(url)

    assert len(response.context["page"]) == 20
    assert len(many_own) == len(few_own)
    assert len(many_shared) == len(few_shared)


def test_the_goal_page_makes_the_same_queries_whatever_it_holds(
    personas, client_as, goal, shared
):
    client = client_as(personas.siri)
    url = reverse("goals:detail", args=[goal.pk])
    client.get(url)  # the access log's first entry also creates its head row
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for number in range(10):
        Activity.objects.create(goal=goal, text=f"Steg {number}")
        GoalComment.objects.create(goal=goal, author=personas.siri, text="Fint")
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_the_owner_ticks_an_activity_done_without_javascript(personas, client_as, goal):
    activity = goal.activities.get()

    response = client_as(personas.anna).post(
        reverse("goals:toggle_activity", args=[activity.pk])
    )

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.done


def test_ticking_an_activity_with_htmx_answers_only_its_line(personas, client_as, goal):
    activity = goal.activities.get()

    response = client_as(personas.anna).post(
        reverse("goals:toggle_activity", args=[activity.pk]),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<li class="goals-activity"')
    assert "<html" not in response.text
    activity.refresh_from_db()
    assert activity.done


@pytest.mark.parametrize(
    ("who", "status"), [("per", 403), ("siri", 403), ("olav", 404)]
)
def test_no_one_but_the_owner_can_tick_an_activity_idor(
    personas, client_as, goal, shared, who, status
):
    activity = goal.activities.get()

    response = client_as(getattr(personas, who)).post(
        reverse("goals:toggle_activity", args=[activity.pk])
    )

    assert response.status_code == status
    activity.refresh_from_db()
    assert not activity.done
