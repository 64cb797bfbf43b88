"""Who may see which thread: the one place that decides.

A thread is visible to its participants only, and a provider only while their care
relationship with the thread's service user is ACTIVE. The check runs on every
request, so ending a relationship closes the door at once.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from samspill.accounts.models import User
from samspill.care.models import CareRelationship
from samspill.messaging.models import Participant


def may_use_messaging(user: User) -> bool:
    return user.is_service_user or user.is_provider


def visible_participations(user: User) -> QuerySet[Participant]:
    """Return the user's own participant rows in threads they may still see.

    A service user takes part only in threads about themselves; a provider only
    while connected. The common single-role cases get the simpler query.
    """
    own = Participant.objects.filter(user=user)
    if not user.is_provider:
        return own.filter(thread__service_user=user)

    connected = CareRelationship.objects.filter(
        provider=user,
        service_user=OuterRef("thread__service_user"),
        status=CareRelationship.Status.ACTIVE,
    )
    if not user.is_service_user:
        return own.filter(Exists(connected))
    return own.filter(Q(thread__service_user=user) | Exists(connected))


def access_thread(user: User, thread_id: int) -> Participant:
    """Return the user's participation (with its thread), or 404.

    Strangers and former providers get the same 404 as a thread that does not
    exist, so that ids reveal nothing.
    """
    participation = (
        visible_participations(user)
        .select_related("thread", "thread__service_user")
        .filter(thread_id=thread_id)
        .first()
    )
    if participation is None:
        raise Http404
    # LIMITATION: Opening a thread is not yet written to the access log that lets
    # the service user see every look; the log belongs to the care app and this
    # helper is the one place to add the call when it exists.
    return participation


def connected_providers(service_user: User) -> QuerySet[CareRelationship]:
    """Return the service user's ACTIVE relationships, with provider and service."""
    return (
        CareRelationship.objects.filter(
            service_user=service_user, status=CareRelationship.Status.ACTIVE
        )
        .select_related("provider", "service")
        .order_by("provider__first_name", "provider__last_name", "pk")
    )


def connected_service_users(provider: User) -> QuerySet[CareRelationship]:
    """Return the provider's ACTIVE relationships, with service user and service."""
    return (
        CareRelationship.objects.filter(
            provider=provider, status=CareRelationship.Status.ACTIVE
        )
        .select_related("service_user", "service")
        .order_by("service_user__first_name", "service_user__last_name", "pk")
    )
