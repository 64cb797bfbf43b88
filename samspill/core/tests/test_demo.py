"""The demo community loads fully, twice without duplicates, never in production."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts.models import User
from samspill.core.demo import DEMO_PASSWORD, PEOPLE, RELATIONSHIPS, totp_key_hex


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "communities", "care", "goals", "messaging", "otp_totp"}
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing_the_second_time():
    call_command("load_demo", verbosity=0)
    first = _row_counts()
    call_command("load_demo", verbosity=0)

    assert _row_counts() == first
    assert first["accounts.User"] == len(PEOPLE)


@pytest.mark.django_db
def test_every_demo_person_can_sign_in_with_the_published_secret():
    call_command("load_demo", verbosity=0)

    for person in PEOPLE:
        user = User.objects.get(username=person.username)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert user.check_password(DEMO_PASSWORD)
        assert device.bin_key.hex() == totp_key_hex(person.totp_secret)


@pytest.mark.django_db
def test_the_unconnected_provider_stays_connected_to_nobody():
    call_command("load_demo", verbosity=0)
    connected = {provider for _, provider, _ in RELATIONSHIPS}

    lars = User.objects.get(username="lars")
    assert lars.is_provider
    assert "lars" not in connected
    assert not lars.care_as_provider.exists()


@pytest.mark.django_db
def test_the_demo_refuses_to_load_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
    assert not User.objects.exists()


def test_a_malformed_secret_is_reported_plainly():
    with pytest.raises(ValueError, match="not a base32 secret"):
        totp_key_hex("not base32!")
