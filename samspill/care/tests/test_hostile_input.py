"""No input a person can type into an address bar gives a server error.

Every URL the resolver knows is asked, as every persona, with the query parameters
the portal reads (pages, keyset cursors, filters, `next`) set to values no form
would send.
"""

import pytest
from django.db import transaction
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


LONG = "å" * 100_000
HOSTILE_FORMS = [
    {
        "need": "not-a-need",
        "token": "not-a-uuid",
        "until": "2026-13-45",
        "quiet_from": "25:99",
        "quiet_until": "-1",
        "channel": "pigeon",
        "target_date": "yesterday",
        "status": "nonsense",
        "service": "abc",
        "providers": ["-1", "abc"],
        "recipients": ["999999999"],
        "goals": "99",
        "crisis_plan": "-3",
        "done": "maybe",
        "date": "0000-00-00",
    },
    {
        "username": "anna\x00",
        "identifier": "x\x00y",
        "code": "\x00",
        "subject": "\x00",
        "title": "\x00",
        "text": "\x00",
        "body": "nul \x00 byte",
        "what_i_need": "\x00",
        "contact_instead": "\x00",
    },
    {
        "identifier": LONG,
        "username": LONG,
        "password": LONG,
        "code": LONG,
        "subject": LONG,
        "what_i_need": LONG,
        "title": LONG,
        "contact_instead": LONG,
        "text": LONG,
    },
]
POSTERS = ("anonymous", "owner", "viewer", "commenter", "admin")


@pytest.mark.parametrize("name", ALL_NAMES)
def test_hostile_form_posts_never_cause_a_server_error(world, name):
    rule = rule_for(name)
    assert rule is not None
    url = reverse(name, kwargs=rule.kwargs(world))

    failures = []
    for persona in POSTERS:
        user = world.users[persona]
        client = Client() if user is None else login_as(Client(), user)
        client.raise_request_exception = False
        for number, data in enumerate(HOSTILE_FORMS):
            with transaction.atomic():
                status = client.post(url, data).status_code
                transaction.set_rollback(True)
            if status >= 500:
                failures.append(f"{persona} form {number}: {status}")

    assert failures == []
