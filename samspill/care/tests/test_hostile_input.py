"""No input a person can type into an address bar gives a server error.

Every URL the resolver knows is asked, as every persona, with the query parameters
the portal reads (pages, keyset cursors, filters, `next`) set to values no form
would send.
"""

import pytest
from django.test import Client
from django.urls import reverse

from samspill.care.tests.matrix import World, build_world
from samspill.care.tests.test_authorization_matrix import (
    ALL_NAMES,
    POLICY_MODULES,
    rule_for,
)
from samspill.core.testing import login_as

# One persona per kind of answer: sent to login, the owner, providers who may
# view or comment, a provider refused with 404, and a role with pages of its own.
PERSONAS = ("anonymous", "owner", "viewer", "commenter", "stranger", "admin")

HOSTILE_QUERIES = [
    "side=-1",
    "side=abc",
    "side=99999999999999999999999",
    "eldre=abc",
    "nyere=-5",
    "eldre=99999999999999999999999",
    "behandler=abc&modul=%3Cscript%3E",
    "behandler=-1&modul=goals",
    "next=//evil.example/",
    "etter=%00",
    "side=%FF%FE",
]


@pytest.fixture
def world(db: None) -> World:
    built = build_world()
    for module in POLICY_MODULES:
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup(built)
    return built


@pytest.mark.parametrize("name", ALL_NAMES)
def test_hostile_query_strings_never_cause_a_server_error(world, name):
    rule = rule_for(name)
    assert rule is not None
    url = reverse(name, kwargs=rule.kwargs(world))

    failures = []
    for persona in PERSONAS:
        user = world.users[persona]
        client = Client() if user is None else login_as(Client(), user)
        client.raise_request_exception = False
        for query in HOSTILE_QUERIES:
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append(f"{persona} {query}: {status}")

    assert failures == []
