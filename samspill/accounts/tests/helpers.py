"""Walking the real login in tests: a user with a known authenticator, and codes."""

from itertools import count
from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts.models import User
from samspill.communities.models import Community
from samspill.core.testing import PASSWORD, make_user

_numbers = count(1)


def new_user(community: Community, *, enrolled: bool = True) -> User:
    """Make a service user of their own, so no two tests share a TOTP time step."""
    user = make_user(f"user{next(_numbers)}", community, is_service_user=True)
    if enrolled:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def current_code(user: User) -> str:
    return code_for(TOTPDevice.objects.get(user=user, confirmed=True))


def enter_password(client: Client, user: User, password: str = PASSWORD) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": password}
    )


def enter_code(client: Client, code: str) -> Any:
    return client.post(reverse("accounts:login_code"), {"code": code})


def log_in(client: Client, user: User) -> Client:
    """Walk both steps for real; the client ends on the terms (not yet accepted)."""
    enter_password(client, user)
    response = enter_code(client, current_code(user))
    assert response.status_code == 302, response
    return client
