"""Session policy: idle and absolute limits, logout, and ending sessions."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.accounts import policy
from samspill.accounts.actions import record_session, stamp_login
from samspill.accounts.models import UserSession
from samspill.accounts.tests.helpers import log_in, new_user
from samspill.core.testing import PASSWORD

SESSION = settings.SESSION_COOKIE_NAME
HOME = reverse("core:home")
START = timezone.now().replace(microsecond=0)


def signed_in(user, at=START) -> Client:
    """Log in for real at a given moment, terms accepted."""
    with time_machine.travel(at, tick=False):
        client = log_in(Client(), user)
        client.post(reverse("accounts:terms"), {"accept": "on"})
    return client


def get_at(client, moment, url=HOME, **extra):
    with time_machine.travel(moment, tick=False):
        return client.get(url, **extra)


def test_a_session_ends_after_thirty_idle_minutes(personas):
    client = signed_in(new_user(personas.community))
    key = client.cookies[SESSION].value
    idle = timedelta(seconds=settings.SESSION_IDLE_SECONDS + 1)

    response = get_at(client, START + idle)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=%2F"
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.exists()
    login_page = get_at(client, START + idle, response["Location"])
    assert 'class="notice notice--info"' in login_page.text


def test_activity_keeps_a_session_alive_past_thirty_minutes(personas):
    client = signed_in(new_user(personas.community))

    assert get_at(client, START + timedelta(minutes=20)).status_code == 200
    assert get_at(client, START + timedelta(minutes=40)).status_code == 200
    assert UserSession.objects.get().last_seen_at == START + timedelta(minutes=40)


def test_a_short_idle_limit_does_not_end_a_session_in_use(personas, settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = signed_in(new_user(personas.community))

    assert get_at(client, START + timedelta(seconds=50)).status_code == 200
    assert get_at(client, START + timedelta(seconds=100)).status_code == 200
    assert get_at(client, START + timedelta(seconds=161)).status_code == 302


def test_a_session_ends_after_twelve_hours_even_when_active(personas):
    client = signed_in(new_user(personas.community))
    limit = settings.SESSION_ABSOLUTE_SECONDS // 60

    for minute in range(20, limit, 20):
        assert get_at(client, START + timedelta(minutes=minute)).status_code == 200
    response = get_at(client, START + timedelta(minutes=limit, seconds=1))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_keepalive_answers_204_and_counts_as_activity(personas):
    client = signed_in(new_user(personas.community))

    with time_machine.travel(START + timedelta(minutes=25), tick=False):
        assert client.post(reverse("accounts:keepalive")).status_code == 204

    assert get_at(client, START + timedelta(minutes=50)).status_code == 200


def test_the_keepalive_answers_401_once_the_session_is_over(personas):
    client = signed_in(new_user(personas.community))

    with time_machine.travel(START + timedelta(minutes=31), tick=False):
        response = client.post(reverse("accounts:keepalive"))

    assert response.status_code == 401


def test_an_htmx_request_after_the_timeout_redirects_the_whole_page(personas):
    client = signed_in(new_user(personas.community))

    response = get_at(
        client, START + timedelta(minutes=31), headers={"HX-Request": "true"}
    )

    assert response["HX-Redirect"] == reverse("accounts:login")


def test_a_session_without_the_second_factor_is_logged_out_bypass(personas):
    user = new_user(personas.community)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    stamp_login(session)
    record_session(session, user, "", None)
    session.save()

    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session_for_real(personas):
    client = signed_in(new_user(personas.community))
    old_cookie = client.cookies[SESSION].value

    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        response = client.post(reverse("accounts:logout"))
        replay = Client()
        replay.cookies[SESSION] = old_cookie
        after = replay.get(HOME)

    assert response["Location"] == reverse("accounts:login")
    assert after.status_code == 302
    assert not Session.objects.filter(session_key=old_cookie).exists()
    assert not UserSession.objects.exists()


def test_logout_by_a_plain_link_is_refused_csrf(personas, client_as):
    client = client_as(personas.anna)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert client.get(HOME).status_code == 200


def test_i_can_end_another_of_my_sessions(personas):
    user = new_user(personas.community)
    laptop = signed_in(user)
    phone = signed_in(user, START + timedelta(seconds=30))
    phone_row = UserSession.objects.get(pk=phone.session[policy.SESSION_ROW])

    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        response = laptop.post(reverse("accounts:end_session", args=[phone_row.pk]))
        after = phone.get(HOME)

    assert response["Location"] == reverse("accounts:security")
    assert after.status_code == 302
    assert not UserSession.objects.filter(pk=phone_row.pk).exists()
    assert not Session.objects.filter(session_key=phone_row.session_key).exists()
    assert get_at(laptop, START + timedelta(minutes=1)).status_code == 200


def test_ending_someone_elses_session_is_a_404_idor(personas, client_as):
    bjorn = client_as(personas.bjorn)
    row = UserSession.objects.get(pk=bjorn.session[policy.SESSION_ROW])

    response = client_as(personas.anna).post(
        reverse("accounts:end_session", args=[row.pk])
    )

    assert response.status_code == 404
    assert UserSession.objects.filter(pk=row.pk).exists()
    assert Session.objects.filter(session_key=row.session_key).exists()
    assert bjorn.get(HOME).status_code == 200


def test_ending_the_current_session_there_is_a_404_not_a_logout(personas, client_as):
    client = client_as(personas.anna)
    row = client.session[policy.SESSION_ROW]

    response = client.post(reverse("accounts:end_session", args=[row]))

    assert response.status_code == 404
    assert UserSession.objects.filter(pk=row).exists()


def test_deactivating_an_account_ends_all_its_sessions(personas):
    user = new_user(personas.community)
    laptop = signed_in(user)
    phone = signed_in(user, START + timedelta(seconds=30))
    keys = list(UserSession.objects.values_list("session_key", flat=True))

    user.is_active = False
    user.save()

    assert not UserSession.objects.filter(user=user).exists()
    assert not Session.objects.filter(session_key__in=keys).exists()
    for client in (laptop, phone):
        assert get_at(client, START + timedelta(minutes=1)).status_code == 302


@pytest.mark.parametrize("extra_sessions", [1, 15])
def test_the_security_page_lists_my_sessions_in_constant_queries(
    personas, client_as, django_assert_num_queries, extra_sessions
):
    client = client_as(personas.anna)
    for number in range(extra_sessions):
        UserSession.objects.create(
            user=personas.anna, session_key=f"other{number}", device="Firefox, Linux"
        )
    UserSession.objects.create(user=personas.bjorn, session_key="not-mine")

    # Session, user, second factor, count and one page of rows.
    # Session, user, device, the page's two, and the unread badge in the navigation.
    with django_assert_num_queries(6):
        response = client.get(reverse("accounts:security"))

    assert response.status_code == 200
    assert response.text.count("<td>Firefox, Linux</td>") == extra_sessions
    assert response.text.count('action="/konto/sikkerhet/okter/') == extra_sessions


def test_a_weak_new_password_is_refused_and_nothing_changes(personas, client_as):
    client = client_as(personas.anna)
    before = personas.anna.password

    response = client.post(
        reverse("accounts:change_password"),
        {
            "old_password": PASSWORD,
            "new_password1": "short",
            "new_password2": "short",
        },
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    personas.anna.refresh_from_db()
    assert personas.anna.password == before


def test_changing_my_password_ends_my_other_sessions(personas):
    user = new_user(personas.community)
    laptop = signed_in(user)
    phone = signed_in(user, START + timedelta(seconds=30))
    new = "a long and quiet walk by the fjord"

    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        response = laptop.post(
            reverse("accounts:change_password"),
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        )
        assert response["Location"] == reverse("accounts:security")
        assert laptop.get(HOME).status_code == 200
        assert phone.get(HOME).status_code == 302

    row = UserSession.objects.get(user=user)
    assert row.session_key == laptop.cookies[SESSION].value


def test_sessions_ended_by_the_clock_are_not_listed(personas, client_as):
    client = client_as(personas.anna)
    UserSession.objects.create(
        user=personas.anna,
        session_key="abandoned",
        device="Safari, iPad",
        last_seen_at=timezone.now() - timedelta(hours=2),
    )

    response = client.get(reverse("accounts:security"))

    assert "Safari, iPad" not in response.text


def test_sessions_ended_by_the_clock_are_removed_at_the_next_login(personas):
    user = new_user(personas.community)
    abandoned = UserSession.objects.create(
        user=user, session_key="abandoned", last_seen_at=START - timedelta(hours=2)
    )

    signed_in(user)

    assert not UserSession.objects.filter(pk=abandoned.pk).exists()
    assert UserSession.objects.filter(user=user).count() == 1


def test_guessing_the_old_password_is_throttled_like_the_login_brute_force(
    personas, client_as
):
    client = client_as(personas.anna)
    form = {"new_password1": "a long and quiet walk", "new_password2": "x"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:change_password"), {**form, "old_password": "guess!"}
        )
    before = personas.anna.password

    new = "a long and quiet walk by the fjord"
    response = client.post(
        reverse("accounts:change_password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 200
    personas.anna.refresh_from_db()
    assert personas.anna.password == before
