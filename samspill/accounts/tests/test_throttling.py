"""Throttling of the password step, without telling anyone which accounts exist."""

import re
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.utils import timezone

from samspill.accounts import policy
from samspill.accounts.forms import REFUSED
from samspill.accounts.tests.helpers import enter_password, new_user
from samspill.core.testing import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
NONCE = re.compile(r'nonce="[^"]+"')


def client_at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def fail_from_many_addresses(user, times: int = LIMIT) -> None:
    for number in range(times):
        enter_password(client_at(f"10.0.0.{number + 1}"), user, "wrong password!")


def comparable(text: str, username: str) -> str:
    """Blank out what differs by design: CSRF token, CSP nonce, what was typed."""
    text = NONCE.sub("nonce", CSRF.sub("csrf", text))
    return text.replace(username, "USERNAME")


def test_an_account_is_paused_after_repeated_failures_from_many_addresses(personas):
    user = new_user(personas.community)
    fail_from_many_addresses(user)
    client = client_at("10.9.9.9")

    response = enter_password(client, user)

    assert response.status_code == 200
    assert str(REFUSED) in response.text
    assert policy.PENDING_USER not in client.session


def test_an_address_is_paused_after_failures_on_many_accounts(personas):
    for number in range(LIMIT):
        client = client_at("10.1.1.1")
        client.post(
            "/konto/logg-inn/",
            {"username": f"guess{number}", "password": "wrong password!"},
        )
    user = new_user(personas.community)
    blocked = client_at("10.1.1.1")

    response = enter_password(blocked, user)

    assert str(REFUSED) in response.text
    assert policy.PENDING_USER not in blocked.session
    elsewhere = client_at("10.2.2.2")
    assert enter_password(elsewhere, user).status_code == 302


def test_the_pause_lifts_after_the_cool_off(personas):
    start = timezone.now()
    user = new_user(personas.community)
    with time_machine.travel(start, tick=False):
        fail_from_many_addresses(user)
    later = start + timedelta(hours=settings.AXES_COOLOFF_TIME, seconds=5)

    with time_machine.travel(later, tick=False):
        response = enter_password(client_at("10.9.9.9"), user)

    assert response.status_code == 302


def test_unknown_wrong_and_paused_accounts_get_the_same_answer_enumeration(
    personas,
):
    known = new_user(personas.community)
    paused = new_user(personas.community)
    fail_from_many_addresses(paused)

    unknown_answer = enter_password(
        client_at("10.5.5.1"), type(known)(username="nobody-at-all"), "wrong pw!!"
    )
    wrong_answer = enter_password(client_at("10.5.5.2"), known, "wrong pw!!")
    paused_answer = enter_password(client_at("10.5.5.3"), paused)

    assert (
        unknown_answer.status_code
        == wrong_answer.status_code
        == paused_answer.status_code
    )
    expected = comparable(wrong_answer.text, known.username)
    assert comparable(unknown_answer.text, "nobody-at-all") == expected
    assert comparable(paused_answer.text, paused.username) == expected


@pytest.mark.parametrize("case", ["unknown", "wrong", "paused"])
def test_every_refusal_runs_the_password_hasher_once_timing(personas, case):
    user = new_user(personas.community)
    if case == "paused":
        fail_from_many_addresses(user)
    username = "nobody-at-all" if case == "unknown" else user.username
    password = PASSWORD if case == "paused" else "wrong password!"

    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, wraps=MD5PasswordHasher.encode
    ) as encode:
        client_at("10.7.7.7").post(
            "/konto/logg-inn/", {"username": username, "password": password}
        )

    assert encode.call_count == 1


def test_failures_are_counted_for_unknown_usernames_too(personas):
    client_at("10.3.3.3").post(
        "/konto/logg-inn/", {"username": "nobody-at-all", "password": "x" * 12}
    )

    assert AccessAttempt.objects.filter(username="nobody-at-all").exists()


def test_failed_logins_do_not_log_the_typed_username(personas, caplog):
    caplog.set_level("DEBUG")

    client_at("10.4.4.4").post(
        "/konto/logg-inn/",
        {"username": "kari.nordmann@example.org", "password": "wrong password!"},
    )

    assert caplog.records
    assert "kari.nordmann" not in caplog.text
