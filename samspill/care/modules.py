"""The modules a service user can share, and the levels of sharing.

Adding a module is one `register(...)` call below: the sharing page, the caseload,
the access log and the access policy all read this registry, so nothing else needs
to change. A module whose app does not exist yet is declared all the same, so that
the person can decide about it before its pages arrive.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """How much of one module one provider may see. Ordered: higher includes lower."""

    NONE = 0, _("Not shared")
    VIEW = 1, _("Can view")
    COMMENT = 2, _("Can view and comment")


LEVEL_EXPLANATIONS = {
    Level.NONE: _("The provider cannot see this part of your portal at all."),
    Level.VIEW: _(
        "The provider can read what you have written here, but cannot change or "
        "comment on it. Each time they look, it shows in your access log."
    ),
    Level.COMMENT: _(
        "The provider can read it and write comments beside it. They can never "
        "change your own words. Each time they look, it shows in your access log."
    ),
}


@dataclass(frozen=True)
class Module:
    key: str
    label: Promise
    description: Promise
    # URL name of the page where a provider reads one service user's module; it
    # takes the owner's id as `owner_id`. Empty while the module has no pages.
    provider_url: str = ""
    # What the access log calls each kind of object a provider can open, keyed by
    # the object_type the module's views pass to the access policy.
    object_labels: Mapping[str, Promise] = field(default_factory=dict)


_REGISTRY: dict[str, Module] = {}


def register(
    key: str,
    label: Promise,
    description: Promise,
    *,
    provider_url: str = "",
    object_labels: Mapping[str, Promise] | None = None,
) -> Module:
    """Declare a shareable module. Call once per module, at import time."""
    if key in _REGISTRY:
        raise ValueError(f"module {key!r} is registered twice")
    if len(key) > 32:
        raise ValueError(f"module key {key!r} is longer than 32 characters")

    module = Module(key, label, description, provider_url, object_labels or {})
    _REGISTRY[key] = module
    return module


# Parts of a person's portal that providers reach by taking part rather than by
# being shared with (a message thread they are in). They are never offered on the
# sharing page, but each look is logged and named like a module's.
_LOGGED_ONLY: dict[str, Module] = {}


def register_logged_area(
    key: str,
    label: Promise,
    description: Promise,
    *,
    object_labels: Mapping[str, Promise] | None = None,
) -> Module:
    """Declare an area whose looks are logged but which is not shared per module."""
    if key in _REGISTRY or key in _LOGGED_ONLY:
        raise ValueError(f"module {key!r} is registered twice")

    area = Module(key, label, description, "", object_labels or {})
    _LOGGED_ONLY[key] = area
    return area


def logged_areas() -> list[Module]:
    """Every module and area whose looks can appear in the access log."""
    return [*_REGISTRY.values(), *_LOGGED_ONLY.values()]


def is_logged_area(key: str) -> bool:
    return key in _REGISTRY or key in _LOGGED_ONLY


def _any(key: str) -> Module | None:
    return _REGISTRY.get(key) or _LOGGED_ONLY.get(key)


def get_module(key: str) -> Module:
    """Return the module with this key; KeyError for an unknown key."""
    return _REGISTRY[key]


def all_modules() -> list[Module]:
    return list(_REGISTRY.values())


def is_module(key: str) -> bool:
    return key in _REGISTRY


def provider_url_for(key: str) -> str:
    module = _REGISTRY.get(key)
    return module.provider_url if module else ""


def object_label_for(key: str, object_type: str) -> str:
    """Return what the access log calls an object; empty when it has no name."""
    module = _any(key)
    label = module.object_labels.get(object_type) if module else None
    return str(label) if label else ""


def label_for(key: str) -> str:
    """Return a module's translated label; an unknown key is shown as it is."""
    module = _any(key)
    return str(module.label) if module else key


LIFE = register(
    "life",
    _("Life domains and status"),
    _("How things are in each part of your life, in your own words, and the ratings."),
)
GOALS = register(
    "goals",
    _("Goals and activities"),
    _("Your goals, the activities that lead to them and how far you have come."),
    provider_url="goals:user_goals",
    object_labels={
        "goals.list": _("the list of goals"),
        "goals.goal": _("one goal"),
    },
)
CRISIS_PLAN = register(
    "crisis_plan",
    _("Crisis plan"),
    _("Warning signs, what helps, and who you want contacted when things are hard."),
)
NETWORK = register(
    "network",
    _("Network map"),
    _("The people and services around you and how close they are."),
)
MEDICATION = register(
    "medication",
    _("Medication overview"),
    _("What you take, why, your experience of it and your questions."),
)
EXERCISES = register(
    "exercises",
    _("Exercise log"),
    _("Which exercises you have tried and how they helped."),
)
DIARY = register(
    "diary",
    _("Diary and daily registrations"),
    _("Your diary notes and the daily ratings of mood, sleep, anxiety and energy."),
)
FEEDBACK = register(
    "feedback",
    _("Collaboration feedback"),
    _("Your ratings of how the collaboration with your providers is going."),
)
