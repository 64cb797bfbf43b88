"""The base layout: crisis numbers everywhere, security headers, caching rules."""

import pytest
from django.urls import reverse

CRISIS_LINKS = ('href="tel:113"', 'href="tel:116117"', 'href="tel:116123"')


@pytest.mark.django_db
def test_the_login_page_shows_the_crisis_numbers(client):
    response = client.get(reverse("accounts:login"))

    for link in CRISIS_LINKS:
        assert link in response.text


def test_signed_in_pages_show_the_crisis_numbers(personas, client_as):
    response = client_as(personas.anna).get(reverse("core:home"))

    assert response.status_code == 200
    for link in CRISIS_LINKS:
        assert link in response.text


def test_signed_in_pages_are_never_cached(personas, client_as):
    response = client_as(personas.anna).get(reverse("core:home"))

    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_pages_carry_a_nonce_based_csp_without_inline_allowances(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]

    assert "'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_every_script_on_the_page_carries_the_nonce(client):
    response = client.get(reverse("accounts:login"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]

    scripts = response.text.count("<script")
    assert scripts > 0
    assert response.text.count(f'nonce="{nonce}"') == scripts


@pytest.mark.django_db
def test_bokmal_is_the_default_language(client):
    response = client.get(reverse("accounts:login"))

    assert '<html lang="nb">' in response.text


@pytest.mark.django_db
def test_a_visitor_can_switch_to_english_without_javascript(client):
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})

    assert response.status_code == 302
    assert '<html lang="en">' in client.get(login).text
