"""Who may do what on the accounts URLs; read by test_authorization_matrix.

Everyone signed in has their own account pages, so most answers are the same for
every persona. The exception is ending a session: Anna's other session may be ended
by Anna alone, and everyone else gets 404, so nobody learns that it exists.
"""

from typing import Any

from samspill.accounts.models import UserSession
from samspill.care.tests.matrix import Rule, World, table

PUBLIC = {"anonymous": 200}


def setup(world: World) -> None:
    world.extra["anna_other_session"] = UserSession.objects.create(
        user=world.personas.anna, session_key="matrix-session-of-anna"
    )


def _anna_session(world: World) -> dict[str, Any]:
    return {"pk": world.extra["anna_other_session"].pk}


# A signed-in person who opens a login step is sent on; a visitor without a
# pending password step is sent back to it.
LOGIN_STEP = Rule(get=table(302, anonymous=302), post=table(302, anonymous=302))
POST_ONLY = table(405)

POLICY = {
    "accounts:login": Rule(get=table(302, **PUBLIC), post=table(302, **PUBLIC)),
    "accounts:login_code": LOGIN_STEP,
    "accounts:login_enrol": LOGIN_STEP,
    "accounts:logout": Rule(get=POST_ONLY, post=table(302)),
    "accounts:keepalive": Rule(get=POST_ONLY, post=table(204)),
    "accounts:terms": Rule(get=table(200), post=table(200)),
    "accounts:security": Rule(get=table(200), post=table(200)),
    "accounts:change_password": Rule(get=POST_ONLY, post=table(200)),
    # The codes are shown once, straight after they are made; later visits go on.
    "accounts:recovery_codes": Rule(get=table(302), post=table(302)),
    "accounts:renew_recovery_codes": Rule(get=POST_ONLY, post=table(302)),
    "accounts:end_session": Rule(
        get=POST_ONLY, post=table(404, owner=302), kwargs=_anna_session
    ),
}
