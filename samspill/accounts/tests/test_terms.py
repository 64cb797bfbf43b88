"""Terms of use: read and accepted after the second factor, again for a new version."""

import pytest
from django.urls import reverse

from samspill.accounts.models import TermsAcceptance
from samspill.accounts.tests.helpers import log_in, new_user

HOME = reverse("core:home")
TERMS = reverse("accounts:terms")


@pytest.fixture
def newcomer(client, personas):
    """A client logged in for real who has not accepted any terms yet."""
    user = new_user(personas.community)
    log_in(client, user)
    return user


def test_after_the_second_factor_the_terms_come_first(client, newcomer):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == f"{TERMS}?next=%2F"


def test_the_terms_explain_purpose_emergencies_and_sharing(client, newcomer):
    response = client.get(TERMS)

    assert response.status_code == 200
    assert response.text.count("<h2>") >= 3
    assert "116 123" in response.text
    assert 'type="checkbox"' in response.text


def test_the_terms_must_be_ticked_to_be_accepted(client, newcomer):
    response = client.post(TERMS, {})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert not TermsAcceptance.objects.filter(user=newcomer).exists()


def test_accepting_stores_the_version_and_time_and_goes_on(client, newcomer, settings):
    response = client.post(
        f"{TERMS}?next={reverse('accounts:security')}",
        {
            "accept": "on",
            "next": reverse("accounts:security"),
        },
    )

    assert response["Location"] == reverse("accounts:security")
    acceptance = TermsAcceptance.objects.get(user=newcomer)
    assert acceptance.version == settings.TERMS_VERSION
    assert acceptance.accepted_at is not None
    assert client.get(HOME).status_code == 200


def test_a_new_version_of_the_terms_asks_again(client, newcomer, settings):
    client.post(TERMS, {"accept": "on"})
    assert client.get(HOME).status_code == 200

    settings.TERMS_VERSION = "2099-01"
    response = client.get(HOME)

    assert response["Location"].startswith(TERMS)
    client.post(TERMS, {"accept": "on"})
    assert TermsAcceptance.objects.filter(user=newcomer).count() == 2
    assert client.get(HOME).status_code == 200


def test_accepted_terms_can_be_read_again_without_a_form(client, newcomer):
    client.post(TERMS, {"accept": "on"})

    response = client.get(TERMS)

    assert response.status_code == 200
    assert 'type="checkbox"' not in response.text


@pytest.mark.parametrize(
    ("name", "status"), [("accounts:keepalive", 204), ("accounts:logout", 302)]
)
def test_ways_out_work_before_the_terms_are_accepted(client, newcomer, name, status):
    response = client.post(reverse(name))

    assert response.status_code == status
    assert not response.get("Location", "").startswith(TERMS)


def test_switching_language_works_before_the_terms_are_accepted(client, newcomer):
    response = client.post(reverse("set_language"), {"language": "en", "next": TERMS})

    assert response["Location"] == TERMS


def test_an_htmx_request_is_sent_to_the_terms_as_a_whole_page(client, newcomer):
    response = client.get(HOME, headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == TERMS
