import pytest
from django.urls import reverse

from samspill.core.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_login_page_is_accessible_and_shows_the_crisis_box(live_server, page):
    page.goto(live_server.url + reverse("accounts:login"))

    crisis_box = page.get_by_role("complementary", name="Ikke for akutt hjelp")
    assert crisis_box.is_visible()
    assert crisis_box.get_by_role("link", name="113").get_attribute("href") == "tel:113"
    assert_accessible(page)


def test_a_visitor_can_switch_language_with_the_keyboard(live_server, page):
    page.goto(live_server.url + reverse("accounts:login"))

    page.get_by_role("button", name="English").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**" + reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("complementary", name="Not for emergencies").is_visible()
    assert_accessible(page)
