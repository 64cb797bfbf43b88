"""Who each accounts page refuses, and where it sends them."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts import policy
from samspill.accounts.models import UserSession
from samspill.accounts.tests.helpers import enter_password, new_user

LOGIN = reverse("accounts:login")

SIGNED_IN_ONLY = [
    ("get", "accounts:security", []),
    ("get", "accounts:terms", []),
    ("get", "accounts:recovery_codes", []),
    ("post", "accounts:renew_recovery_codes", []),
    ("post", "accounts:change_password", []),
    ("post", "accounts:end_session", [1]),
    ("post", "accounts:keepalive", []),
    ("post", "accounts:logout", []),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "args"), SIGNED_IN_ONLY)
def test_anonymous_visitors_are_sent_to_login(client, method, name, args):
    response = getattr(client, method)(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:login_code", "accounts:login_enrol"])
def test_the_code_steps_without_a_password_step_go_back_to_login(client, name):
    for method in ("get", "post"):
        response = getattr(client, method)(reverse(name), {"code": "123456"})

        assert response.status_code == 302
        assert response["Location"] == LOGIN


def test_a_pending_login_for_a_deactivated_account_goes_back_to_login(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)
    user.is_active = False
    user.save()

    response = client.get(reverse("accounts:login_code"))

    assert response["Location"] == LOGIN


def test_a_password_alone_cannot_enrol_a_second_app_takeover(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)

    response = client.get(reverse("accounts:login_enrol"))

    assert response["Location"] == reverse("accounts:login_code")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_recovery_codes_are_not_shown_again_to_a_signed_in_person(personas, client_as):
    response = client_as(personas.anna).get(reverse("accounts:recovery_codes"))

    assert response["Location"] == reverse("accounts:security")


def test_the_security_page_shows_only_my_own_sessions(personas, client_as):
    client_as(personas.bjorn)
    bjorn_row = UserSession.objects.get(user=personas.bjorn)

    response = client_as(personas.anna).get(reverse("accounts:security"))

    assert response.status_code == 200
    assert f"/okter/{bjorn_row.pk}/" not in response.text


def test_a_pending_login_is_not_a_signed_in_session(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)

    response = client.get(reverse("accounts:security"))

    assert response["Location"].startswith(LOGIN)
    assert client.session[policy.PENDING_USER] == user.pk


def test_a_pending_login_cannot_be_replayed_from_another_browser(personas):
    user = new_user(personas.community)
    first = Client()
    enter_password(first, user)
    other = Client()

    response = other.get(reverse("accounts:login_code"))

    assert response["Location"] == LOGIN
