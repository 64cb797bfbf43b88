"""A night-time message from Anna and a morning reply from Per, in a real browser."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samspill.core.browser import assert_accessible
from samspill.core.testing import login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIGHT = datetime.datetime(2026, 12, 2, 1, 47, tzinfo=datetime.UTC)  # 02:47 in Oslo
MORNING = datetime.datetime(2026, 12, 2, 7, 5, tzinfo=datetime.UTC)  # 08:05
WORRY = "Jeg får ikke sove. Tankene kverner om helgen."


def _sign_in(page, live_server, user):
    client = login_as(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _visit(page, url):
    page.goto(url)
    assert_accessible(page)


def test_a_night_message_and_a_morning_reply_with_read_status(
    live_server, page, personas
):
    personas.per.professional_title = "psykiatrisk sykepleier"
    personas.per.save()
    inbox = live_server.url + reverse("messaging:list_threads")

    with time_machine.travel(NIGHT, tick=True):
        _sign_in(page, live_server, personas.anna)
        _visit(page, inbox)
        page.get_by_role("link", name="Ny melding").click()
        assert_accessible(page)
        page.get_by_label("Emne").fill("Urolig natt")
        page.get_by_label("Per Testesen, psykiatrisk sykepleier").check()
        page.get_by_label("Jeg ønsker svar").check()
        page.get_by_label("Dette trenger jeg fra deg").fill("Kan vi ta det på torsdag?")
        page.locator("#id_body").fill(WORRY)
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_url("**/meldinger/*/")
        assert page.get_by_text(WORRY).is_visible()
        assert page.get_by_text("Du kan regne med svar innen").is_visible()
        assert_accessible(page)
        thread_url = page.url

    with time_machine.travel(MORNING, tick=True):
        _sign_in(page, live_server, personas.per)
        _visit(page, inbox)
        assert page.locator(".badge").inner_text().startswith("1")
        page.get_by_role("link", name="Urolig natt").click()
        assert page.get_by_text("Kan vi ta det på torsdag?").is_visible()
        assert_accessible(page)
        page.get_by_label("Bare til orientering").check()
        page.locator("#id_body").fill(
            "God morgen, Anna. Takk for at du skrev. Vi tar det på torsdag."
        )
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_url("**/meldinger/*/**")
        assert_accessible(page)

        _sign_in(page, live_server, personas.anna)
        _visit(page, thread_url)
        assert page.get_by_text("God morgen, Anna.").is_visible()
        read = page.locator(".thread__read")
        assert not read.count()  # the newest message is Per's own
        page.locator("#id_body").fill("Takk!")
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_url("**/meldinger/*/**")

        _sign_in(page, live_server, personas.per)
        page.goto(thread_url)
        _sign_in(page, live_server, personas.anna)
        _visit(page, thread_url)
        assert page.get_by_text(
            "Lest av Per Testesen, psykiatrisk sykepleier, 08:0"
        ).is_visible()


def test_the_settings_pages_are_accessible(live_server, page, personas):
    _sign_in(page, live_server, personas.per)
    _visit(page, live_server.url + reverse("messaging:edit_away_notice"))
    page.get_by_role("button", name="Lagre fraværsmelding").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_accessible(page)
    _visit(page, live_server.url + reverse("messaging:edit_notification_preferences"))
    _visit(page, live_server.url + reverse("messaging:start_thread"))


def test_a_draft_is_saved_while_typing(live_server, page, personas):
    _sign_in(page, live_server, personas.anna)
    _visit(page, live_server.url + reverse("messaging:start_thread"))

    page.locator("#id_body").fill("Jeg begynte å skrive i natt")
    page.get_by_text("Utkast lagret").wait_for()

    page.goto(live_server.url + reverse("messaging:start_thread"))
    assert page.locator("#id_body").input_value() == ("Jeg begynte å skrive i natt")
