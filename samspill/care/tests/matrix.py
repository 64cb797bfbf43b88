"""The world the authorization matrix runs in: personas, shared content, a canary.

Anna owns everything here. Each persona of the matrix stands in a different
relation to her content; `CANARY` is planted in her words so that any answer that
leaks them to someone refused can be caught.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from samspill.accounts.models import User
from samspill.care.actions import end_relationship, set_sharing
from samspill.care.models import CareRelationship, Invitation
from samspill.care.modules import CRISIS_PLAN, GOALS, Level
from samspill.communities.models import ServiceMembership
from samspill.core.testing import Personas, connect, make_personas, make_user
from samspill.goals.models import Activity, Goal, GoalComment

CANARY = "KANARI-7f3a9c"

# Every persona the matrix knows, in the order it reports them.
PERSONAS = (
    "anonymous",
    "owner",
    "other_user",
    "viewer",
    "commenter",
    "other_module",
    "revoked",
    "stranger",
    "moderator",
    "admin",
    "researcher",
)

# The personas allowed to read the owner's goals; the canary may appear only to them.
SEES_GOALS = frozenset({"owner", "viewer", "commenter"})

SERVICE_USERS = frozenset({"owner", "other_user", "moderator"})
PROVIDERS = frozenset({"viewer", "commenter", "other_module", "revoked", "stranger"})


@dataclass
class World:
    personas: Personas
    users: dict[str, User | None]
    goal: Goal
    activity: Activity
    relationship: CareRelationship
    invitation: Invitation
    membership: ServiceMembership
    # Apps add their own objects here from their policy module's `setup(world)`.
    extra: dict[str, Any] = field(default_factory=dict)


def build_world() -> World:
    """Create the matrix world through the real actions. Needs database access."""
    p = make_personas()
    tove = make_user("tove", p.community, is_provider=True)
    rolf = make_user("rolf", p.community, is_provider=True)
    nils = make_user("nils", p.community, is_provider=True)
    for provider in (tove, rolf, nils):
        ServiceMembership.objects.create(provider=provider, service=p.primary)

    per_link = CareRelationship.objects.get(service_user=p.anna, provider=p.per)
    siri_link = CareRelationship.objects.get(service_user=p.anna, provider=p.siri)
    set_sharing(per_link, p.anna, {GOALS.key: Level.VIEW})
    set_sharing(siri_link, p.anna, {GOALS.key: Level.COMMENT})
    set_sharing(
        connect(p.anna, tove, p.primary), p.anna, {CRISIS_PLAN.key: Level.COMMENT}
    )
    rolf_link = connect(p.anna, rolf, p.primary)
    set_sharing(rolf_link, p.anna, {GOALS.key: Level.COMMENT})
    end_relationship(rolf_link, p.anna)

    goal = Goal.objects.create(
        owner=p.anna, title=f"Mål {CANARY}", description=f"Hvorfor {CANARY}"
    )
    activity = Activity.objects.create(goal=goal, text=f"Steg {CANARY}")
    GoalComment.objects.create(goal=goal, author=p.siri, text="Fint steg.")
    invitation = Invitation.objects.create(
        direction=Invitation.Direction.FROM_PROVIDER,
        service_user=p.anna,
        provider=nils,
        service=p.primary,
    )
    membership = ServiceMembership.objects.get(provider=p.olav)

    users: dict[str, User | None] = {
        "anonymous": None,
        "owner": p.anna,
        "other_user": p.bjorn,
        "viewer": p.per,
        "commenter": p.siri,
        "other_module": tove,
        "revoked": rolf,
        "stranger": p.olav,
        "moderator": p.mona,
        "admin": p.ada,
        "researcher": p.rita,
    }
    return World(p, users, goal, activity, per_link, invitation, membership)


# An expected answer: one status, or a set of acceptable ones for simple rules.
Expect = int | frozenset[int]

# Anonymous visitors of a protected URL are sent to the login page; the matrix
# checks where the redirect goes.
LOGIN = 302

# Any answer but a server error: the simple rule for apps without a policy yet.
ANY = frozenset({200, 204, 302, 303, 400, 403, 404, 405, 429})


def table(default: Expect, **by_persona: Expect) -> dict[str, Expect]:
    """Expected statuses: `default` for every persona not named."""
    unknown = set(by_persona) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown personas: {sorted(unknown)}")
    return {"*": default, **by_persona}


def for_group(
    group: frozenset[str], status: Expect, default: Expect
) -> dict[str, Expect]:
    """`status` for every persona in `group`, `default` for the rest."""
    return table(default, **dict.fromkeys(group, status))


def _no_kwargs(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Rule:
    get: dict[str, Expect]
    post: dict[str, Expect]
    kwargs: Callable[[World], dict[str, Any]] = _no_kwargs

    def expected(self, method: str, persona: str) -> Expect:
        answers = self.get if method == "GET" else self.post
        if persona in answers:
            return answers[persona]
        if persona == "anonymous":
            return LOGIN
        return answers["*"]
