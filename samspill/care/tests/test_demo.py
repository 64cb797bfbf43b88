"""The demo community shows both sides of the trust model, and loads twice."""

from samspill.care.access import shared_level
from samspill.care.accesslog import verify_chain
from samspill.care.models import AccessLog, CareRelationship, SharingChange
from samspill.care.modules import CRISIS_PLAN, GOALS, LIFE, Level
from samspill.core.demo import load_demo
from samspill.goals.models import Goal


def _level(people, user, provider, module):
    grant = shared_level(people[provider], people[user], module)
    return Level.NONE if grant is None else Level(grant.level)


def test_the_demo_shares_modules_at_different_levels(db):
    people = load_demo()

    assert _level(people, "ingrid", "per", GOALS.key) == Level.COMMENT
    assert _level(people, "ingrid", "siri", CRISIS_PLAN.key) == Level.VIEW
    assert _level(people, "ingrid", "siri", LIFE.key) == Level.VIEW
    assert _level(people, "ingrid", "siri", GOALS.key) == Level.NONE
    assert _level(people, "jonas", "kari", GOALS.key) == Level.VIEW
    assert _level(people, "jonas", "eirik", GOALS.key) == Level.NONE


def test_lars_stays_connected_to_nobody(db):
    people = load_demo()

    assert not CareRelationship.objects.filter(provider=people["lars"]).exists()


def test_the_demo_has_looks_in_an_intact_log(db):
    people = load_demo()

    looks = AccessLog.objects.filter(subject=people["ingrid"], kind="view")
    assert set(looks.values_list("actor__username", flat=True)) == {"per"}
    assert verify_chain()[1] is None


def test_loading_the_demo_twice_adds_nothing(db):
    load_demo()
    counts = (
        Goal.objects.count(),
        SharingChange.objects.count(),
        AccessLog.objects.count(),
    )

    load_demo()

    assert counts == (
        Goal.objects.count(),
        SharingChange.objects.count(),
        AccessLog.objects.count(),
    )
    assert counts[0] > 0
