"""Who may do what on the administration URLs; read by test_authorization_matrix.

Only the community admin may see the page of people or change an account; to
everyone else, the pages do not exist.
"""

from typing import Any

from samspill.care.tests.matrix import Rule, World, table


def _anna(world: World) -> dict[str, Any]:
    return {"user_id": world.personas.anna.pk}


POLICY = {
    "administration:list_people": Rule(get=table(404, admin=200), post=table(405)),
    "administration:change_account": Rule(
        get=table(405), post=table(404, admin=302), kwargs=_anna
    ),
}
