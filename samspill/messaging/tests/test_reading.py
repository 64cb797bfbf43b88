"""Reading: safe text, read status, unread counts, reply expectations, away notices."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samspill.messaging import actions
from samspill.messaging.expectations import add_working_days
from samspill.messaging.models import Need, Participant
from samspill.messaging.tests.helpers import reply, thread_from
from samspill.messaging.text import render_message_text


def test_html_from_a_writer_is_shown_as_text():
    html = render_message_text('<script>alert(1)</script><a href="x">y</a>')

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<a href" not in html


def test_links_are_clickable_without_leaving_the_attribute():
    html = render_message_text('Se https://helsenorge.no/"onmouseover=alert(1) nå.')

    assert '<a href="https://helsenorge.no/" rel="noopener noreferrer">' in html
    assert "onmouseover=alert(1) nå." in html


def test_only_web_links_are_made_clickable():
    html = render_message_text("javascript:alert(1) og http://ok.no, takk\nny linje")

    assert 'href="javascript' not in html
    assert '<a href="http://ok.no" rel="noopener noreferrer">http://ok.no</a>,' in html
    assert "<br>" in html


def test_easter_and_a_weekend_do_not_count_as_working_days():
    maundy_thursday_2026 = datetime.date(2026, 4, 1)  # Wednesday before Easter

    # Thu 2 and Fri 3 April and Mon 6 April are public holidays in Norway.
    assert add_working_days(maundy_thursday_2026, 2) == datetime.date(2026, 4, 8)


def test_a_message_asking_for_a_reply_shows_when_one_can_be_expected(
    personas, client_as
):
    friday_night = datetime.datetime(2026, 11, 27, 23, 40, tzinfo=datetime.UTC)
    with time_machine.travel(friday_night, tick=False):
        message = thread_from(
            personas.anna, personas.anna, [personas.per], need=Need.REPLY
        )

    # Two working days after a Saturday in Oslo: Monday and Tuesday.
    assert message.reply_expected_by == datetime.date(2026, 12, 1)
    page = client_as(personas.per).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )
    assert "1. desember" in page.text


def test_read_status_names_the_reader_with_title_and_time(personas, client_as):
    personas.per.professional_title = "psykiatrisk sykepleier"
    personas.per.save()
    message = thread_from(personas.anna, personas.anna, [personas.per])
    client_as(personas.per).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )

    page = client_as(personas.anna).get(
        reverse("messaging:show_thread", args=[message.thread_id])
    )

    assert "Lest av Per Testesen, psykiatrisk sykepleier" in page.text


def test_the_unread_count_shows_in_the_navigation_and_clears_on_reading(
    personas, client_as
):
    message = thread_from(personas.anna, personas.anna, [personas.per])
    reply(personas.anna, message, "Og en ting til.")
    client = client_as(personas.per)

    assert '<span class="badge">2<' in client.get(reverse("core:home")).text
    client.get(reverse("messaging:show_thread", args=[message.thread_id]))
    assert 'class="badge"' not in client.get(reverse("core:home")).text


def test_the_provider_inbox_puts_the_most_overdue_first_and_marks_it(
    personas, client_as
):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        old = thread_from(
            personas.anna,
            personas.anna,
            [personas.per],
            need=Need.REPLY,
            subject="Gammelt spørsmål",
        )
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)):
        thread_from(personas.anna, personas.anna, [personas.per], subject="Bare info")
        thread_from(
            personas.anna,
            personas.anna,
            [personas.per],
            need=Need.REPLY,
            subject="Nytt spørsmål",
        )
        page = client_as(personas.per).get(reverse("messaging:list_threads")).text

    assert page.index("Gammelt spørsmål") < page.index("Nytt spørsmål")
    assert page.index("Nytt spørsmål") < page.index("Bare info")
    assert page.count("inbox__item--overdue") == 1
    assert Participant.objects.get(thread=old.thread, user=personas.per).reply_due_at


def test_a_providers_reply_clears_what_is_owed(personas):
    message = thread_from(
        personas.anna, personas.anna, [personas.per, personas.siri], need=Need.REPLY
    )

    reply(personas.per, message, "Jeg ringer deg i morgen.")

    owed = Participant.objects.filter(thread=message.thread, reply_due_at__isnull=False)
    assert not owed.exists()


def test_the_composer_shows_an_away_notice_before_anyone_writes(personas, client_as):
    actions.set_away_notice(
        personas.per, timezone.localdate() + datetime.timedelta(days=5), "Kari Moen"
    )

    page = client_as(personas.anna).get(reverse("messaging:start_thread")).text

    assert "Kari Moen" in page
    assert page.index("Kari Moen") < page.index('name="body"')


@pytest.mark.parametrize("name", ["messaging:start_thread"])
def test_the_composer_always_shows_the_crisis_numbers(personas, client_as, name):
    page = client_as(personas.anna).get(reverse(name)).text
    composer = page[page.index('<form method="post" action') :]

    for number in ("tel:113", "tel:116117", "tel:116123"):
        assert number in composer


def test_a_provider_sets_and_removes_an_away_notice(personas, client_as):
    client = client_as(personas.per)
    url = reverse("messaging:edit_away_notice")
    until = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()

    assert (
        client.post(url, {"until": until, "contact_instead": "Siri"}).status_code == 302
    )
    assert personas.per.away_notice.contact_instead == "Siri"
    assert client.post(url, {"remove": "1"}).status_code == 302
    assert (
        client.post(url, {"until": "1999-01-01", "contact_instead": "x"}).status_code
        == 400
    )
