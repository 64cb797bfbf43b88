"""No input a person can type into an address bar gives a server error.

Every URL the resolver knows is asked, as every persona, with the query parameters
the portal reads (pages, keyset cursors, filters, `next`) set to values no form
would send.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from samspill.care.tests.matrix import World
from samspill.care.tests.test_authorization_matrix import (
    ALL_NAMES,
    build_policy_world,
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
    return build_policy_world()


def _server_errors(
    world: World, name: str, personas: tuple[str, ...], ask: Callable[..., Any]
) -> list[str]:
    """Ask `name` as each persona with `ask(client, url)`; list every 5xx answer."""
    rule = rule_for(name)
    assert rule is not None
    url = reverse(name, kwargs=rule.kwargs(world))

    failures = []
    for persona in personas:
        user = world.users[persona]
        client = Client() if user is None else login_as(Client(), user)
        client.raise_request_exception = False
        failures += [f"{persona} {problem}" for problem in ask(client, url)]
    return failures


@pytest.mark.parametrize("name", ALL_NAMES)
def test_hostile_query_strings_never_cause_a_server_error(world, name):
    def ask(client, url):
        for query in HOSTILE_QUERIES:
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                yield f"{query}: {status}"

    assert _server_errors(world, name, PERSONAS, ask) == []


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
    def ask(client, url):
        for number, data in enumerate(HOSTILE_FORMS):
            # Each post runs in a savepoint that is rolled back, so a post that
            # changes something cannot alter the next one's answer.
            with transaction.atomic():
                status = client.post(url, data).status_code
                transaction.set_rollback(True)
            if status >= 500:
                yield f"form {number}: {status}"

    assert _server_errors(world, name, POSTERS, ask) == []
