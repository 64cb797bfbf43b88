"""Who may do what on the messaging URLs; read by test_authorization_matrix.

Anna's thread with Per and Siri carries the matrix canary. Rolf was a participant
until Anna ended their relationship, so he must be refused like any stranger. Tove
is connected to Anna but not part of the thread. Messaging is for service users and
providers only: the admin and the researcher get 404 everywhere.
"""

import uuid
from typing import Any

from samspill.care.tests.matrix import (
    PROVIDERS,
    SERVICE_USERS,
    Rule,
    World,
    for_group,
    table,
)
from samspill.messaging import actions
from samspill.messaging.models import Participant

MESSAGING_USERS = SERVICE_USERS | PROVIDERS
PARTICIPANTS = frozenset({"owner", "viewer", "commenter"})


def setup(world: World) -> None:
    p = world.personas
    writing = actions.Writing(
        subject="Natt til tirsdag",
        body=f"Jeg får ikke sove {world.goal.title}",
        need="reply",
    )
    message = actions.start_thread(
        p.anna, p.anna, [p.per, p.siri], writing, uuid.uuid4()
    )
    revoked = world.users["revoked"]
    assert revoked is not None
    Participant.objects.create(
        thread=message.thread,
        user=revoked,
        last_activity_at=message.created_at,
    )
    world.extra["thread"] = message.thread


def _thread(world: World) -> dict[str, Any]:
    return {"thread_id": world.extra["thread"].pk}


def users(status: int) -> dict[str, Any]:
    """`status` for those who may use messaging; 404 for the admin and researcher."""
    return for_group(MESSAGING_USERS, status, 404)


def participants(status: int) -> dict[str, Any]:
    return for_group(PARTICIPANTS, status, 404)


POLICY = {
    "messaging:list_threads": Rule(get=users(200), post=table(405)),
    # An empty form is refused with the form's own message, not a server error.
    "messaging:start_thread": Rule(get=users(200), post=users(400)),
    "messaging:save_new_thread_draft": Rule(get=table(405), post=users(302)),
    "messaging:show_thread": Rule(
        get=participants(200), post=table(405), kwargs=_thread
    ),
    "messaging:send_reply": Rule(
        get=table(405), post=participants(400), kwargs=_thread
    ),
    "messaging:save_reply_draft": Rule(
        get=table(405), post=participants(302), kwargs=_thread
    ),
    "messaging:edit_away_notice": Rule(
        get=for_group(PROVIDERS, 200, 404),
        post=for_group(PROVIDERS, 400, 404),
    ),
    "messaging:edit_notification_preferences": Rule(get=users(200), post=users(400)),
}
