"""In a real browser: connect, share goals, be looked at, revoke, be refused."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samspill.care.models import Invitation
from samspill.core.browser import assert_accessible
from samspill.core.testing import login_as, make_personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexts(browser):
    opened: list[Any] = []
    yield opened
    for context in opened:
        context.close()


def _signed_in(contexts, browser, live_server, user):
    """A page in a fresh browser context whose session has passed both factors."""
    client = login_as(Client(), user)
    # 360 px wide: the portal must work on a small phone.
    context = browser.new_context(
        locale="nb-NO", viewport={"width": 360, "height": 800}
    )
    contexts.append(context)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _visit(page, url):
    response = page.goto(url)
    assert_accessible(page)
    return response


def test_a_user_shares_goals_sees_the_look_and_revokes(browser, live_server, contexts):
    personas = make_personas()
    anna, olav = personas.anna, personas.olav
    Invitation.objects.create(
        direction=Invitation.Direction.FROM_PROVIDER,
        service_user=anna,
        provider=olav,
        service=personas.primary,
    )
    user = _signed_in(contexts, browser, live_server, anna)
    provider = _signed_in(contexts, browser, live_server, olav)
    base = live_server.url

    # Anna writes a goal and accepts Olav's invitation.
    _visit(user, base + reverse("goals:add"))
    user.get_by_label("Mål", exact=True).fill("Komme meg gjennom julen")
    user.get_by_role("button", name="Lagre").click()
    user.wait_for_url("**/mal/*/")
    assert_accessible(user)
    user.get_by_role("link", name="Legg til en aktivitet").click()
    user.get_by_label("Aktivitet").fill("Kjøpe ribbe tidlig")
    user.get_by_role("button", name="Lagre").click()
    user.wait_for_url("**/mal/*/")
    activity = user.get_by_role("listitem").filter(has_text="Kjøpe ribbe tidlig")
    activity.get_by_role("button", name="Merk som gjort").click()
    activity.get_by_role("button", name="Merk som ikke gjort").wait_for()
    assert_accessible(user)
    _visit(user, base + reverse("care:sharing"))
    user.get_by_role("link", name="inviterer deg").click()
    assert_accessible(user)
    user.get_by_role("button", name="Godta").click()
    user.wait_for_url("**" + reverse("care:sharing"))
    assert_accessible(user)

    # Nothing is shared yet: Olav sees Anna but not her goals.
    _visit(provider, base + reverse("care:caseload"))
    assert provider.get_by_text("Deler ingenting med deg ennå.").is_visible()

    # Anna shares her goals with Olav to view.
    user.get_by_role("link", name="Velg hva Olav kan se").click()
    assert_accessible(user)
    goals = user.get_by_role("group", name="Mål og aktiviteter")
    goals.get_by_label("Kan se", exact=True).check()
    user.get_by_role("button", name="Lagre valgene mine").click()
    user.wait_for_url("**" + reverse("care:sharing"))

    # Olav opens them from his caseload.
    _visit(provider, base + reverse("care:caseload"))
    provider.get_by_role("link", name="Mål og aktiviteter").click()
    assert_accessible(provider)
    provider.get_by_role("link", name="Komme meg gjennom julen").click()
    assert provider.get_by_role("heading", name="Komme meg gjennom julen").is_visible()
    assert_accessible(provider)
    goal_url = provider.url

    # Anna sees the looks, then stops sharing.
    _visit(user, base + reverse("care:access_log"))
    rows = user.get_by_role("row").filter(has_text=olav.display_name)
    assert rows.count() == 2
    _visit(user, base + reverse("care:sharing"))
    user.get_by_role("link", name="Velg hva Olav kan se").click()
    user.get_by_role("group", name="Mål og aktiviteter").get_by_label(
        "Ikke delt"
    ).check()
    user.get_by_role("button", name="Lagre valgene mine").click()
    user.wait_for_url("**" + reverse("care:sharing"))
    _visit(user, base + reverse("care:sharing_history"))

    # Olav's very next request is refused.
    response = provider.goto(goal_url)
    assert response.status == 404
    assert provider.get_by_text("Komme meg gjennom julen").count() == 0
    assert_accessible(provider)


def test_a_user_asks_a_provider_from_the_directory(browser, live_server, contexts):
    personas = make_personas()
    user = _signed_in(contexts, browser, live_server, personas.anna)
    provider = _signed_in(contexts, browser, live_server, personas.olav)
    base = live_server.url

    _visit(user, base + reverse("care:directory"))
    user.get_by_role("link", name="Be Olav Testesen om å koble seg til deg").click()
    assert_accessible(user)
    user.get_by_role("button", name="Send forespørselen").click()
    user.wait_for_url("**" + reverse("care:sharing"))
    assert_accessible(user)

    _visit(provider, base + reverse("care:invitations"))
    provider.get_by_role("link", name="Anna Testesen og Olav Testesen").click()
    assert_accessible(provider)
    provider.get_by_role("button", name="Godta").click()
    _visit(provider, base + reverse("care:caseload"))
    assert provider.get_by_role("heading", name="Anna Testesen").is_visible()

    # A provider's invitation form explains a mistyped name on the field.
    _visit(provider, base + reverse("care:invite_service_user"))
    provider.get_by_label("Brukernavn eller e-postadresse").fill("ingen-slik")
    provider.get_by_role("button", name="Send invitasjonen").click()
    field = provider.get_by_label("Brukernavn eller e-postadresse")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "ingen-slik"
    assert_accessible(provider)
