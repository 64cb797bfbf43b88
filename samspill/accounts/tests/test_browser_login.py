"""A real browser walks the login: password, code, terms, then the portal."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts.tests.helpers import code_for, new_user
from samspill.communities.models import Community
from samspill.core.browser import assert_accessible
from samspill.core.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def community():
    return Community.objects.create(name="Nettvik", slug="nettvik")


def enter_password(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    assert_accessible(page)
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Neste").click()


def accept_terms(page) -> None:
    page.wait_for_url("**" + reverse("accounts:terms") + "**")
    assert_accessible(page)
    page.get_by_label("Jeg har lest vilkårene og godtar dem").check()
    page.get_by_role("button", name="Godta og fortsett").click()


def test_a_person_logs_in_with_password_and_code_and_accepts_the_terms(
    live_server, page, community
):
    user = new_user(community)
    device = TOTPDevice.objects.get(user=user)

    enter_password(page, live_server, user)
    page.wait_for_url("**" + reverse("accounts:login_code"))
    assert_accessible(page)
    page.get_by_label("Kode", exact=True).fill(code_for(device))
    page.get_by_role("button", name="Logg inn").click()
    accept_terms(page)

    page.wait_for_url(live_server.url + reverse("core:home"))
    crisis_box = page.get_by_role("complementary", name="Ikke for akutt hjelp")
    assert crisis_box.is_visible()
    assert crisis_box.get_by_role("link", name="116 123").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.get_by_role("complementary", name="Not for emergencies").is_visible()
    assert_accessible(page)


def test_a_first_login_sets_up_the_app_and_shows_recovery_codes(
    live_server, page, community
):
    user = new_user(community, enrolled=False)

    enter_password(page, live_server, user)
    page.wait_for_url("**" + reverse("accounts:login_enrol"))
    assert page.locator(".qr-code svg").is_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Kode fra appen").fill(code_for(device))
    page.get_by_role("button", name="Bekreft").click()

    page.wait_for_url("**" + reverse("accounts:recovery_codes"))
    assert page.locator(".code-list li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Jeg har tatt vare på dem, fortsett").click()
    accept_terms(page)

    page.wait_for_url(live_server.url + reverse("core:home"))
    page.goto(live_server.url + reverse("accounts:security"))
    assert page.get_by_role("heading", level=1).inner_text() == "Konto og sikkerhet"
    assert_accessible(page)


def test_a_wrong_password_shows_an_accessible_error(live_server, page, community):
    user = new_user(community)
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill("not the right one")
    page.get_by_role("button", name="Neste").click()

    page.wait_for_selector("#login-refused")
    assert page.get_by_label("Brukernavn").input_value() == user.username
    assert page.get_by_label("Passord").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
