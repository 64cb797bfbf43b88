"""First login: set up the authenticator with a QR code, then get recovery codes."""

import re
from base64 import b32decode

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts.actions import RECOVERY_CODE_COUNT
from samspill.accounts.models import UserSession
from samspill.accounts.tests.helpers import (
    code_for,
    enter_code,
    enter_password,
    new_user,
)

SECRET = re.compile(r'<code class="secret">([A-Z2-7 ]+)</code>')


def start(client, personas):
    user = new_user(personas.community, enrolled=False)
    enter_password(client, user)
    return user


def test_a_person_without_an_app_is_sent_to_set_one_up(client, personas):
    start(client, personas)

    response = client.get(reverse("accounts:login_code"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login_enrol")


def test_the_set_up_page_shows_an_inline_qr_code_and_the_key(client, personas):
    user = start(client, personas)

    response = client.get(reverse("accounts:login_enrol"))

    assert response.status_code == 200
    qr = response.text.split('<div class="qr-code">')[1].split("</div>")[0]
    assert qr.startswith("<svg")
    assert "style" not in qr
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    shown = SECRET.search(response.text)
    assert shown is not None
    typed = shown.group(1).replace(" ", "")
    assert b32decode(typed) == device.bin_key


def test_reloading_the_set_up_page_keeps_the_same_key(client, personas):
    user = start(client, personas)
    client.get(reverse("accounts:login_enrol"))
    first = TOTPDevice.objects.get(user=user).key

    client.get(reverse("accounts:login_enrol"))

    assert TOTPDevice.objects.get(user=user).key == first


def test_a_wrong_code_does_not_confirm_the_app(client, personas):
    user = start(client, personas)
    client.get(reverse("accounts:login_enrol"))
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"

    response = client.post(reverse("accounts:login_enrol"), {"code": wrong})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert not StaticDevice.objects.filter(user=user).exists()
    assert "_auth_user_id" not in client.session


def test_confirming_the_app_signs_in_and_shows_ten_codes_once(client, personas):
    user = start(client, personas)
    client.get(reverse("accounts:login_enrol"))
    device = TOTPDevice.objects.get(user=user)

    response = client.post(reverse("accounts:login_enrol"), {"code": code_for(device)})

    assert response["Location"] == reverse("accounts:recovery_codes")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.session["_auth_user_id"] == str(user.pk)
    assert UserSession.objects.filter(user=user).count() == 1
    page = client.get(reverse("accounts:recovery_codes"))
    tokens = StaticToken.objects.filter(device__user=user)
    assert tokens.count() == RECOVERY_CODE_COUNT
    for token in tokens:
        assert token.token in page.text
    again = client.get(reverse("accounts:recovery_codes"))
    assert again.status_code == 302
    assert tokens.first().token not in client.get(again["Location"]).text


def test_a_recovery_code_works_once(personas):
    user = new_user(personas.community, enrolled=False)
    _enrol(Client(), user)
    code = StaticToken.objects.filter(device__user=user).first().token
    typed_with_a_space = f"{code[:4].upper()} {code[4:].upper()}"

    first = Client()
    enter_password(first, user)
    assert enter_code(first, typed_with_a_space).status_code == 302
    assert first.session["_auth_user_id"] == str(user.pk)

    second = Client()
    enter_password(second, user)
    response = enter_code(second, code)
    assert response.status_code == 200
    assert "_auth_user_id" not in second.session
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_new_recovery_codes_replace_the_old_ones(personas):
    user = new_user(personas.community, enrolled=False)
    client = _enrol(Client(), user)
    old = set(StaticToken.objects.values_list("token", flat=True))
    client.post(reverse("accounts:terms"), {"accept": "on"})

    response = client.post(reverse("accounts:renew_recovery_codes"))

    assert response["Location"] == reverse("accounts:recovery_codes")
    new = set(StaticToken.objects.values_list("token", flat=True))
    assert len(new) == RECOVERY_CODE_COUNT
    assert not old & new


def _enrol(client, user):
    enter_password(client, user)
    client.get(reverse("accounts:login_enrol"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:login_enrol"), {"code": code_for(device)})
    return client


def test_the_page_with_the_secret_is_never_cached(client, personas):
    start(client, personas)

    response = client.get(reverse("accounts:login_enrol"))

    assert "no-store" in response["Cache-Control"]
