"""The two-step login: password first, then a code, and only then signed in."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts import policy
from samspill.accounts.forms import REFUSED
from samspill.accounts.models import UserSession
from samspill.accounts.tests.helpers import (
    current_code,
    enter_code,
    enter_password,
    log_in,
    new_user,
)

SESSION = settings.SESSION_COOKIE_NAME


def test_the_right_password_leads_to_the_code_step_without_signing_in(client, personas):
    user = new_user(personas.community)

    response = enter_password(client, user)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.session[policy.PENDING_USER] == user.pk
    assert client.get(reverse("core:home")).status_code == 302


def test_a_wrong_password_is_refused_with_the_neutral_message(client, personas):
    user = new_user(personas.community)

    response = enter_password(client, user, "not the password at all")

    assert response.status_code == 200
    assert str(REFUSED) in response.text
    assert 'aria-describedby="login-refused"' in response.text
    assert f'value="{user.username}"' in response.text
    assert policy.PENDING_USER not in client.session


def test_the_right_code_signs_in_and_asks_for_the_terms(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)

    response = enter_code(client, current_code(user))

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert policy.PENDING_USER not in client.session
    assert UserSession.objects.filter(user=user).count() == 1
    assert client.get(reverse("core:home"))["Location"].startswith(
        reverse("accounts:terms")
    )


def test_a_wrong_totp_code_is_refused(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)
    wrong = f"{(int(current_code(user)) + 1) % 1_000_000:06d}"

    response = enter_code(client, wrong)

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "_auth_user_id" not in client.session
    assert not UserSession.objects.filter(user=user).exists()


def test_a_reused_totp_code_is_refused_replay(client, personas):
    user = new_user(personas.community)
    code = current_code(user)
    enter_password(client, user)
    assert enter_code(client, code).status_code == 302

    other = type(client)()
    enter_password(other, user)
    response = enter_code(other, code)

    assert response.status_code == 200
    assert "_auth_user_id" not in other.session
    assert UserSession.objects.filter(user=user).count() == 1


@time_machine.travel("2026-12-03 10:00:10 +0000", tick=False)
def test_wrong_codes_in_a_row_make_the_next_try_wait(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)
    enter_code(client, "000000" if current_code(user) != "000000" else "111111")

    response = enter_code(client, current_code(user))

    assert response.status_code == 200
    assert 'id="id_code_error"' in response.text
    assert "_auth_user_id" not in client.session
    device = TOTPDevice.objects.get(user=user)
    assert device.throttling_failure_count == 1
    assert device.last_t == -1


def test_the_session_key_changes_at_the_password_step(client, personas):
    user = new_user(personas.community)
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key

    enter_password(client, user)

    assert client.session.session_key != before
    assert client.cookies[SESSION].value == client.session.session_key


def test_the_session_key_changes_at_the_second_factor(client, personas):
    user = new_user(personas.community)
    enter_password(client, user)
    before = client.cookies[SESSION].value

    enter_code(client, current_code(user))

    assert client.cookies[SESSION].value != before
    fixated = type(client)()
    fixated.cookies[SESSION] = before
    assert fixated.get(reverse("core:home")).status_code == 302


def test_the_code_step_expires_five_minutes_after_the_password(client, personas):
    user = new_user(personas.community)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        enter_password(client, user)

    with time_machine.travel(start + timedelta(seconds=301), tick=False):
        response = enter_code(client, current_code(user))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_login_returns_to_the_page_asked_for(client, personas):
    user = new_user(personas.community)
    target = reverse("accounts:security")
    client.post(
        f"{reverse('accounts:login')}?next={target}",
        {"username": user.username, "password": "correct horse battery staple 42"},
    )

    response = enter_code(client, current_code(user))

    assert response["Location"] == target


def test_the_login_never_sends_people_to_another_site_open_redirect(client, personas):
    user = new_user(personas.community)
    client.post(
        f"{reverse('accounts:login')}?next=https://evil.example/",
        {"username": user.username, "password": "correct horse battery staple 42"},
    )

    response = enter_code(client, current_code(user))

    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_an_inactive_account_gets_the_neutral_refusal(client, personas):
    user = new_user(personas.community)
    user.is_active = False
    user.save()

    response = enter_password(client, user)

    assert response.status_code == 200
    assert str(REFUSED) in response.text
    assert policy.PENDING_USER not in client.session


def test_a_signed_in_person_visiting_the_login_page_goes_home(personas, client_as):
    response = client_as(personas.anna).get(reverse("accounts:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_a_full_login_then_terms_reaches_the_home_page(client, personas):
    user = new_user(personas.community)
    log_in(client, user)

    client.post(reverse("accounts:terms"), {"accept": "on"})

    assert client.get(reverse("core:home")).status_code == 200
