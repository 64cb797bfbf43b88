"""The authorization matrix: every URL, every persona, GET and POST.

For each URL the resolver knows, each persona of samspill.care.tests.matrix and
each method, the answer's status must be the one the policy table expects, and no
answer to a persona who may not read the owner's goals may contain the canary
planted in them. A URL without an entry fails `test_every_url_has_a_policy`.

How an app adds its URLs
------------------------
Create `samspill/<app>/tests/policy.py` with a module-level

    POLICY: dict[str, Rule]

mapping each namespaced URL name to a `Rule(get=..., post=..., kwargs=...)`:

- `get` and `post` map persona names (see `PERSONAS`) to the expected status, with
  "*" for everyone not named; build them with `table(default, owner=200, ...)` or
  `for_group(PROVIDERS, 200, 403)`. A value may be a frozenset of statuses (see
  `ANY`) for a simple rule. Anonymous visitors are expected to be sent to the
  login page unless "anonymous" is named.
- `kwargs(world)` returns the URL's parameters from the `World`.

If the app needs objects of its own (a message thread with the canary in it, say),
the policy module may also define `setup(world: World) -> None`, which runs after
the world is built and can keep its objects in `world.extra`.

Apps with no policy module yet are covered by `SIMPLE_RULES` below: exact names or
an "app:*" prefix, answering anything but a server error, canary never shown.
"""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samspill.care.tests.matrix import (
    ANY,
    CANARY,
    LOGIN,
    PERSONAS,
    SEES_GOALS,
    Rule,
    World,
    build_world,
    table,
)
from samspill.core.testing import login_as

ANYONE = {"anonymous": 200}

# URLs of apps that have no policy module yet: a simple rule each.
SIMPLE_RULES: dict[str, Rule] = {
    "core:home": Rule(get=table(200), post=table(200)),
    "core:health": Rule(get=table(200, **ANYONE), post=table(405, anonymous=405)),
    "core:emergencies": Rule(get=table(200, **ANYONE), post=table(200, **ANYONE)),
    "set_language": Rule(get=table(ANY, anonymous=ANY), post=table(ANY, anonymous=ANY)),
}

METHODS = ("GET", "POST")


def _policy_modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("samspill."):
            continue
        try:
            yield import_module(f"{config.name}.tests.policy")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.policy":
                raise


def _load_policy() -> tuple[dict[str, Rule], list[ModuleType]]:
    policy: dict[str, Rule] = {}
    modules = list(_policy_modules())
    for module in modules:
        for name, rule in module.POLICY.items():
            if name in policy:
                raise ValueError(f"{name} has two policy entries")
            policy[name] = rule
    return policy, modules


POLICY, POLICY_MODULES = _load_policy()


def _url_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}"


def rule_for(name: str) -> Rule | None:
    if name in POLICY:
        return POLICY[name]
    if name in SIMPLE_RULES:
        return SIMPLE_RULES[name]
    return SIMPLE_RULES.get(name.split(":")[0] + ":*") if ":" in name else None


ALL_NAMES = sorted(set(_url_names(get_resolver().url_patterns)))


def test_every_url_has_a_policy():
    missing = [name for name in ALL_NAMES if rule_for(name) is None]

    assert missing == [], f"add these URL names to a policy table: {missing}"


def test_the_policy_names_only_urls_that_exist():
    assert sorted(set(POLICY) - set(ALL_NAMES)) == []


def _checked_names() -> list[str]:
    return [name for name in ALL_NAMES if rule_for(name) is not None]


def build_policy_world() -> World:
    """The matrix world plus every app's own objects from its policy `setup`."""
    built = build_world()
    for module in POLICY_MODULES:
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup(built)
    return built


@pytest.fixture
def world(db: None) -> World:
    return build_policy_world()


def _client(world: World, persona: str) -> Client:
    user = world.users[persona]
    return Client() if user is None else login_as(Client(), user)


def _mismatch(world: World, name: str, method: str, persona: str) -> str | None:
    """Ask once; describe what is wrong with the answer, or return None."""
    rule = rule_for(name)
    assert rule is not None
    url = reverse(name, kwargs=rule.kwargs(world))
    client = _client(world, persona)
    response = client.get(url) if method == "GET" else client.post(url, {})

    expected = rule.expected(method, persona)
    allowed = expected if isinstance(expected, frozenset) else {expected}
    where = f"{method} {name} as {persona}"
    if response.status_code not in allowed:
        return f"{where}: {response.status_code}, expected {sorted(allowed)}"
    to_login = response.get("Location", "").startswith(reverse("accounts:login"))
    if persona == "anonymous" and expected == LOGIN and not to_login:
        return f"{where}: redirected to {response.get('Location')}, not to login"
    if persona not in SEES_GOALS and CANARY in response.content.decode(
        errors="replace"
    ):
        return f"{where}: the answer contains the owner's canary"
    return None


@pytest.mark.parametrize("name", _checked_names())
def test_every_persona_gets_the_answer_the_policy_expects(world, name):
    # One world per URL; each question runs in a savepoint that is rolled back,
    # so that a POST that deletes or ends something cannot change the next answer.
    mismatches = []
    for method in METHODS:
        for persona in PERSONAS:
            with transaction.atomic():
                mismatches.append(_mismatch(world, name, method, persona))
                transaction.set_rollback(True)

    assert [m for m in mismatches if m is not None] == []
