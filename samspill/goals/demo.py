"""Demo goals in the service users' own words, and a few looks by their providers."""

import datetime

from django.utils import timezone

from samspill.accounts.models import User
from samspill.care.accesslog import record_view
from samspill.care.models import AccessLog, CareRelationship
from samspill.care.modules import GOALS
from samspill.goals.models import Activity, Goal, GoalComment


def _date(month: int, day: int) -> datetime.date:
    return datetime.date(timezone.localdate().year, month, day)


# (title, description, target date, status, [(activity, done)])
GoalEntry = tuple[str, str, datetime.date | None, str, list[tuple[str, bool]]]
GOALS_BY_USER: dict[str, list[GoalEntry]] = {
    "ingrid": [
        (
            "Komme meg gjennom julen",
            "Julen blir fort for mye for meg. I år vil jeg at den skal være litt "
            "roligere, og at jeg ikke skal gjøre alt på én gang og alene.",
            _date(12, 27),
            Goal.Status.ACTIVE,
            [
                ("Kjøpe ribbe tidlig", True),
                ("Si nei til julebord på jobben", False),
                ("Avtale med søsteren min hvem som tar med hva", False),
                ("Gå en tur hver dag i romjulen, også når det regner", False),
            ],
        ),
        (
            "Sove bedre",
            "Jeg vil legge meg før midnatt de fleste dagene og slippe å ligge og "
            "gruble til tre om natten.",
            None,
            Goal.Status.ACTIVE,
            [
                ("Legge bort telefonen klokka elleve", True),
                ("Prøve pusteøvelsen Per viste meg", False),
                ("Skrive ned det som surrer før jeg legger meg", False),
            ],
        ),
        (
            "Begynne i koret igjen",
            "Jeg savner å synge sammen med andre. Kanskje etter nyttår, når jeg har "
            "mer overskudd.",
            None,
            Goal.Status.PAUSED,
            [("Spørre Mari om jeg kan bli med på en øvelse", False)],
        ),
    ],
    "jonas": [
        (
            "Komme i gang med jobb igjen",
            "Jeg vil prøve noen timer i uka på verkstedet til onkel Knut, uten at "
            "det blir så mye at jeg må gi opp igjen.",
            _date(12, 20),
            Goal.Status.ACTIVE,
            [
                ("Ringe NAV-veilederen om arbeidstrening", True),
                ("Være på verkstedet to formiddager i uka", False),
            ],
        ),
        (
            "Få mer lys i hverdagen",
            "Vinteren her er lang og mørk. Jeg vil komme meg ut mens det er lyst.",
            None,
            Goal.Status.ACTIVE,
            [
                ("Gå til butikken i stedet for å kjøre", False),
                ("Gå på ski med Emil på søndag", True),
            ],
        ),
    ],
}

COMMENTS = {
    ("ingrid", "per", 0): "Så bra at ribba er i boks allerede! Skal vi snakke om "
    "julebordet neste gang vi møtes, så du har en setning klar når de spør?",
}

# Looks already in the access log, per pair: None is the list of goals, a number
# one goal by its position above.
LOOKS = {
    ("ingrid", "per"): [None, 0, 1],
    ("jonas", "kari"): [None, 0],
}


def load_demo(people: dict[str, User]) -> None:
    """Create the goals once; on later runs find them and change nothing."""
    goals = {
        username: _load_goals(people[username], entries)
        for username, entries in GOALS_BY_USER.items()
    }
    for (user, provider, index), text in COMMENTS.items():
        goal = goals[user][index]
        if not goal.comments.exists():
            GoalComment.objects.create(goal=goal, author=people[provider], text=text)
    _load_looks(people, goals)


def _load_goals(owner: User, entries: list[GoalEntry]) -> list[Goal]:
    existing = list(Goal.objects.filter(owner=owner).order_by("created_at", "pk"))
    if existing:
        return existing

    goals = []
    for title, description, target, status, activities in entries:
        goal = Goal.objects.create(
            owner=owner,
            title=title,
            description=description,
            target_date=target,
            status=status,
        )
        for text, done in activities:
            Activity.objects.create(goal=goal, text=text, done=done)
        goals.append(goal)
    return goals


def _load_looks(people: dict[str, User], goals: dict[str, list[Goal]]) -> None:
    for (user, provider), looks in LOOKS.items():
        owner, viewer = people[user], people[provider]
        if AccessLog.objects.filter(
            subject=owner, actor=viewer, kind=AccessLog.Kind.VIEW
        ).exists():
            continue

        relationship = CareRelationship.objects.get(
            service_user=owner, provider=viewer, status=CareRelationship.Status.ACTIVE
        )
        for index in looks:
            goal = None if index is None else goals[user][index]
            record_view(
                actor=viewer,
                subject=owner,
                service=relationship.service,
                module=GOALS.key,
                object_type="goals.list" if goal is None else "goals.goal",
                object_id=None if goal is None else goal.pk,
            )
