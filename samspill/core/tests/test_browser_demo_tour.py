"""A walk through the demo community as its people meet it, axe on every page.

The other browser tests use small, purpose-made data; this one uses the demo's
real content (long threads, tables, overdue notices, shared goals), where an
accessibility fault is most likely to hide.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.accounts.models import User
from samspill.accounts.tests.helpers import current_code
from samspill.core.browser import assert_accessible
from samspill.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INGRID_PAGES = [
    "core:home",
    "messaging:list_threads",
    "messaging:start_thread",
    "messaging:edit_notification_preferences",
    "goals:list",
    "care:sharing",
    "care:sharing_history",
    "care:access_log",
    "care:directory",
    "accounts:security",
]
PER_PAGES = [
    "core:home",
    "messaging:list_threads",
    "messaging:edit_away_notice",
    "care:caseload",
    "care:invite_service_user",
]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def sign_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Neste").click()
    page.get_by_label("Kode", exact=True).fill(
        current_code(User.objects.get(username=username))
    )
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_label("Jeg har lest vilkårene og godtar dem").check()
    page.get_by_role("button", name="Godta og fortsett").click()
    page.wait_for_url(live_server.url + reverse("core:home"))


def visit(page, url: str) -> None:
    response = page.goto(url)

    # Landing anywhere else (the login page has the crisis box too) would make
    # the checks below pass for the wrong page.
    assert response.status == 200
    assert page.url == url
    assert page.get_by_role("complementary", name="Ikke for akutt hjelp").is_visible()
    assert_accessible(page)


def test_ingrid_s_pages_are_accessible_with_real_content(live_server, page, demo):
    sign_in(page, live_server, "ingrid")

    for name in INGRID_PAGES:
        visit(page, live_server.url + reverse(name))
    visit(page, live_server.url + reverse("messaging:list_threads"))
    page.locator("ul.inbox a").first.click()
    assert_accessible(page)
    visit(page, live_server.url + reverse("goals:list"))
    page.locator(".goals-list a").first.click()
    assert_accessible(page)


def test_per_s_pages_are_accessible_with_real_content(live_server, page, demo):
    sign_in(page, live_server, "per")
    ingrid = User.objects.get(username="ingrid")

    for name in PER_PAGES:
        visit(page, live_server.url + reverse(name))
    visit(page, live_server.url + reverse("goals:user_goals", args=[ingrid.pk]))
    visit(page, live_server.url + reverse("messaging:list_threads"))
    assert page.locator(".inbox__item--overdue").count() >= 1
    page.locator(".inbox__item--overdue a").first.click()
    assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page)


def test_thomas_s_pages_are_accessible_with_real_content(live_server, page, demo):
    sign_in(page, live_server, "thomas")

    visit(page, live_server.url + reverse("core:home"))
    visit(page, live_server.url + reverse("administration:list_people"))
    assert page.get_by_role("group", name="Ingrid Berg (ingrid)").is_visible()
