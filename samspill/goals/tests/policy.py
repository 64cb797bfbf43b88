"""Who may do what on the goals URLs; read by test_authorization_matrix.

Strangers of every kind get 404; providers with view or comment access who ask to
change get 403; only a provider with comment access may comment.
"""

from samspill.care.tests.matrix import SERVICE_USERS, Rule, for_group, table

SHARED_READ = table(404, owner=200, viewer=200, commenter=200)
OWNER_ONLY_GET = table(404, owner=200, viewer=403, commenter=403)


def _goal(world):
    return {"goal_id": world.goal.pk}


def _activity(world):
    return {"activity_id": world.activity.pk}


POLICY = {
    "goals:list": Rule(get=for_group(SERVICE_USERS, 200, 403), post=table(405)),
    "goals:add": Rule(
        get=for_group(SERVICE_USERS, 200, 403), post=for_group(SERVICE_USERS, 200, 403)
    ),
    "goals:detail": Rule(get=SHARED_READ, post=table(405), kwargs=_goal),
    "goals:edit": Rule(get=OWNER_ONLY_GET, post=OWNER_ONLY_GET, kwargs=_goal),
    "goals:delete": Rule(
        get=OWNER_ONLY_GET,
        post=table(404, owner=302, viewer=403, commenter=403),
        kwargs=_goal,
    ),
    "goals:add_activity": Rule(get=OWNER_ONLY_GET, post=OWNER_ONLY_GET, kwargs=_goal),
    "goals:add_comment": Rule(
        get=table(405),
        post=table(404, owner=403, viewer=403, commenter=200),
        kwargs=_goal,
    ),
    "goals:edit_activity": Rule(
        get=OWNER_ONLY_GET, post=OWNER_ONLY_GET, kwargs=_activity
    ),
    "goals:delete_activity": Rule(
        get=OWNER_ONLY_GET,
        post=table(404, owner=302, viewer=403, commenter=403),
        kwargs=_activity,
    ),
    "goals:toggle_activity": Rule(
        get=table(405),
        post=table(404, owner=302, viewer=403, commenter=403),
        kwargs=_activity,
    ),
    "goals:user_goals": Rule(
        get=table(404, owner=302, viewer=200, commenter=200),
        post=table(405),
        kwargs=lambda w: {"owner_id": w.personas.anna.pk},
    ),
}
