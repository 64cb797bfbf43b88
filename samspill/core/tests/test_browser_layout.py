import pytest
from django.urls import reverse
from playwright.sync_api import expect

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

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.get_by_role("complementary", name="Not for emergencies").is_visible()
    assert_accessible(page)


def test_the_layout_fits_a_360_pixel_phone(live_server, browser):
    context = browser.new_context(
        locale="nb-NO", viewport={"width": 360, "height": 740}
    )
    phone = context.new_page()
    phone.goto(live_server.url + reverse("accounts:login"))

    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 360
    assert phone.get_by_role("link", name="116 123").is_visible()
    assert_accessible(phone)
    context.close()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + reverse("core:emergencies"))

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
