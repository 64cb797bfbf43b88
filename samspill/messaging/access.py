"""Who may see which thread: the one place that decides.

A thread is visible to its participants only, and a provider only while their care
relationship with the thread's service user is ACTIVE. The check runs on every
request, so ending a relationship closes the door at once.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User
from samspill.care.accesslog import record_view
from samspill.care.models import CareRelationship
from samspill.care.modules import register_logged_area
from samspill.messaging.models import Participant

MESSAGES = register_logged_area(
    "messages",
    _("Messages"),
    _("Conversations you take part in with your providers."),
    object_labels={"messaging.thread": _("a conversation")},
)


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


def access_thread(user: User, thread_id: int, *, reading: bool = False) -> Participant:
    """Return the user's participation (with its thread), or 404.

    Strangers and former providers get the same 404 as a thread that does not
    exist, so that ids reveal nothing. With `reading`, a provider's look is written
    to the service user's access log: pass it once per request, from the view that
    shows the messages.
    """
    participation = (
        visible_participations(user)
        .select_related("thread", "thread__service_user")
        .filter(thread_id=thread_id)
        .first()
    )
    if participation is None:
        raise Http404

    if reading and participation.thread.service_user_id != user.pk:
        _log_provider_look(user, participation)
    return participation


def _log_provider_look(provider: User, participation: Participant) -> None:
    thread = participation.thread
    relationship = (
        CareRelationship.objects.select_related("service")
        .filter(
            provider=provider,
            service_user_id=thread.service_user_id,
            status=CareRelationship.Status.ACTIVE,
        )
        .first()
    )
    record_view(
        actor=provider,
        subject=thread.service_user,
        service=relationship.service if relationship else None,
        module=MESSAGES.key,
        object_type="messaging.thread",
        object_id=thread.pk,
    )


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
