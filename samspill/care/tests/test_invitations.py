"""Invitations: nothing connects until the service user has said yes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samspill.care.models import CareRelationship, Invitation, SharingGrant
from samspill.communities.models import Community, Service, ServiceMembership
from samspill.core.testing import make_user


def _invite(client, identifier, service):
    return client.post(
        reverse("care:invite_service_user"),
        {"identifier": identifier, "service": service.pk},
    )


def _pair(personas):
    return CareRelationship.objects.filter(
        service_user=personas.bjorn, provider=personas.olav
    )


def test_a_provider_invites_by_username_and_nothing_connects_yet(personas, client_as):
    response = _invite(client_as(personas.olav), "bjorn", personas.primary)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.service_user, invitation.provider) == (
        personas.bjorn,
        personas.olav,
    )
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    assert not _pair(personas).exists()


def test_a_provider_invites_by_email_in_any_case(personas, client_as):
    _invite(client_as(personas.olav), "BJORN@example.org", personas.primary)

    assert Invitation.objects.get().service_user == personas.bjorn


def test_an_unknown_identifier_is_answered_on_the_field(personas, client_as):
    response = _invite(client_as(personas.olav), "nobody", personas.primary)

    assert response.status_code == 200
    assert response.context["form"].errors["identifier"]
    assert 'value="nobody"' in response.text
    assert Invitation.objects.count() == 0


def test_a_provider_cannot_invite_through_a_service_they_do_not_work_in(
    personas, client_as
):
    response = _invite(client_as(personas.olav), "bjorn", personas.specialist)

    assert response.status_code == 200
    assert response.context["form"].errors["service"]
    assert Invitation.objects.count() == 0


def test_accepting_connects_the_pair_with_nothing_shared(personas, client_as):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()

    response = client_as(personas.bjorn).post(
        reverse("care:invitation", args=[invitation.token]), {"svar": "accept"}
    )

    assert response.status_code == 302
    relationship = _pair(personas).get()
    assert relationship.status == CareRelationship.Status.ACTIVE
    assert relationship.service == personas.primary
    assert not SharingGrant.objects.filter(relationship=relationship).exists()


def test_an_invitation_can_be_used_only_once(personas, client_as):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()
    client = client_as(personas.bjorn)
    url = reverse("care:invitation", args=[invitation.token])
    client.post(url, {"svar": "accept"})
    client.post(reverse("care:end_relationship", args=[_pair(personas).get().pk]))

    client.post(url, {"svar": "accept"})

    assert _pair(personas).count() == 1
    assert not _pair(personas).filter(status=CareRelationship.Status.ACTIVE).exists()


def test_declining_connects_nothing(personas, client_as):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()

    client_as(personas.bjorn).post(
        reverse("care:invitation", args=[invitation.token]), {"svar": "decline"}
    )

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not _pair(personas).exists()


def test_an_expired_invitation_cannot_be_accepted(personas, client_as):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = client_as(personas.bjorn).post(
            reverse("care:invitation", args=[invitation.token]), {"svar": "accept"}
        )

    assert response.status_code == 200
    assert not _pair(personas).exists()


def test_the_provider_cannot_accept_their_own_invitation(personas, client_as):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()

    client_as(personas.olav).post(
        reverse("care:invitation", args=[invitation.token]), {"svar": "accept"}
    )

    assert not _pair(personas).exists()


def test_someone_else_cannot_accept_an_invitation_with_a_leaked_link_idor(
    personas, client_as
):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()

    response = client_as(personas.anna).post(
        reverse("care:invitation", args=[invitation.token]), {"svar": "accept"}
    )

    assert response.status_code == 404
    assert Invitation.objects.get().status == Invitation.Status.PENDING
    assert not _pair(personas).exists()


def test_the_sender_can_withdraw_an_open_invitation(personas, client_as):
    _invite(client_as(personas.olav), "bjorn", personas.primary)
    invitation = Invitation.objects.get()

    client_as(personas.olav).post(
        reverse("care:invitation", args=[invitation.token]), {"svar": "withdraw"}
    )

    assert Invitation.objects.get().status == Invitation.Status.WITHDRAWN


def test_a_service_user_asks_a_provider_from_the_directory(personas, client_as):
    membership = ServiceMembership.objects.get(provider=personas.olav)
    directory = client_as(personas.bjorn).get(reverse("care:directory"))
    assert reverse("care:invite_provider", args=[membership.pk]) in directory.text

    client_as(personas.bjorn).post(
        reverse("care:invite_provider", args=[membership.pk])
    )
    invitation = Invitation.objects.get()
    assert invitation.direction == Invitation.Direction.FROM_SERVICE_USER
    assert not _pair(personas).exists()

    client_as(personas.olav).post(
        reverse("care:invitation", args=[invitation.token]), {"svar": "accept"}
    )
    assert _pair(personas).get().status == CareRelationship.Status.ACTIVE


def test_the_directory_lists_only_providers_of_the_users_community(personas, client_as):
    elsewhere = Community.objects.create(name="Annenby", slug="annenby")
    service = Service.objects.create(
        community=elsewhere, name="Annenby DPS", level=Service.Level.SPECIALIST
    )
    outsider = make_user("ulrik", elsewhere, is_provider=True)
    membership = ServiceMembership.objects.create(provider=outsider, service=service)

    response = client_as(personas.bjorn).get(reverse("care:directory"))
    invite = client_as(personas.bjorn).post(
        reverse("care:invite_provider", args=[membership.pk])
    )

    assert outsider.display_name not in response.text
    assert invite.status_code == 404
    assert Invitation.objects.count() == 0


def test_the_directory_makes_the_same_queries_whatever_its_length(
    personas, client_as, django_assert_num_queries
):
    client = client_as(personas.bjorn)
    with CaptureQueriesContext(connection) as first:
        few = len(client.get(reverse("care:directory")).context["page"])

    for number in range(30):
        provider = make_user(f"behandler{number}", personas.community, is_provider=True)
        ServiceMembership.objects.create(provider=provider, service=personas.primary)

    with django_assert_num_queries(len(first)):
        response = client.get(reverse("care:directory"))
    assert len(response.context["page"]) == 25 > few


@pytest.mark.parametrize("who", ["ada", "rita", "per"])
def test_only_service_users_may_ask_a_provider_to_connect(personas, client_as, who):
    membership = ServiceMembership.objects.get(provider=personas.olav)

    response = client_as(getattr(personas, who)).post(
        reverse("care:invite_provider", args=[membership.pk])
    )

    assert response.status_code == 403
    assert Invitation.objects.count() == 0
