"""Demo sharing: each demo service user shares a few modules at different levels.

The relationships themselves come from samspill.core.demo. Lars is connected to
nobody and shares nothing, so the demo shows a provider without access too.
"""

from samspill.accounts.models import User
from samspill.care.actions import set_sharing
from samspill.care.models import CareRelationship
from samspill.care.modules import CRISIS_PLAN, GOALS, LIFE, Level

SHARING = [
    ("ingrid", "per", {GOALS.key: Level.COMMENT}),
    ("ingrid", "siri", {CRISIS_PLAN.key: Level.VIEW, LIFE.key: Level.VIEW}),
    ("jonas", "kari", {GOALS.key: Level.VIEW}),
]


def load_demo(people: dict[str, User]) -> None:
    """Share the demo modules; set_sharing records only real changes, so repeat
    runs add no history."""
    for user, provider, levels in SHARING:
        relationship = CareRelationship.objects.get(
            service_user=people[user],
            provider=people[provider],
            status=CareRelationship.Status.ACTIVE,
        )
        set_sharing(relationship, people[user], levels)
