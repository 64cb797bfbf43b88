"""Every change to relationships, invitations and sharing goes through here.

Callers are views that have already checked, through samspill.care.access, that
request.user may do this; the functions re-check what only they can see (states,
expiry, races) and write the audit entries.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from samspill.accounts.models import User
from samspill.care.accesslog import record_admin_action
from samspill.care.models import (
    CareRelationship,
    Invitation,
    SharingChange,
    SharingGrant,
)
from samspill.care.modules import Level, all_modules, get_module
from samspill.communities.models import Service

logger = logging.getLogger(__name__)


class InvitationError(Exception):
    """The invitation cannot be sent or answered; the message is for the person."""


def find_service_user(identifier: str, community_id: int) -> User | None:
    """Find a service user in a community by exact username or e-mail address."""
    identifier = identifier.strip()
    if not identifier:
        return None
    return (
        User.objects.filter(
            Q(username=identifier) | Q(email__iexact=identifier),
            is_service_user=True,
            is_active=True,
            community_id=community_id,
        )
        .order_by("pk")
        .first()
    )


def _has_open_relationship(service_user: User, provider: User) -> bool:
    return (
        CareRelationship.objects.filter(service_user=service_user, provider=provider)
        .exclude(status=CareRelationship.Status.ENDED)
        .exists()
    )


def _has_open_invitation(service_user: User, provider: User) -> bool:
    return (
        Invitation.objects.open()
        .filter(service_user=service_user, provider=provider)
        .exists()
    )


def invite(
    *, sender: User, service_user: User, provider: User, service: Service
) -> Invitation | None:
    """Create a pending invitation between a service user and a provider.

    Precondition: `sender` is one of the two, and the provider works in `service`.
    Returns None when the pair is already connected or already invited, so that
    the caller can answer the same way either way.
    """
    if _has_open_relationship(service_user, provider):
        return None
    if _has_open_invitation(service_user, provider):
        return None

    direction = (
        Invitation.Direction.FROM_PROVIDER
        if sender.pk == provider.pk
        else Invitation.Direction.FROM_SERVICE_USER
    )
    # LIMITATION: no e-mail or SMS tells the recipient about a new invitation; they
    # find it on their sharing or invitations page when they next sign in.
    invitation = Invitation.objects.create(
        direction=direction,
        service_user=service_user,
        provider=provider,
        service=service,
    )
    logger.info("invitation %s sent by user %s", invitation.pk, sender.pk)
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, by: User) -> CareRelationship:
    """Connect the pair. Only the invitation's recipient may call this.

    The relationship starts with nothing shared: the service user chooses what to
    share afterwards, module by module.
    """
    invitation = _lock_open(invitation, by)
    try:
        with transaction.atomic():
            relationship = CareRelationship.objects.create(
                service_user=invitation.service_user,
                provider=invitation.provider,
                service=invitation.service,
                status=CareRelationship.Status.ACTIVE,
                started_at=timezone.now(),
            )
    except IntegrityError:
        raise InvitationError("already connected") from None

    invitation.status = Invitation.Status.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.relationship = relationship
    invitation.save(update_fields=["status", "answered_at", "relationship"])
    logger.info(
        "invitation %s accepted: relationship %s", invitation.pk, relationship.pk
    )
    return relationship


@transaction.atomic
def decline_invitation(invitation: Invitation, by: User) -> None:
    """Close the invitation unanswered. Only its recipient may call this."""
    invitation = _lock_open(invitation, by)
    invitation.status = Invitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    logger.info("invitation %s declined", invitation.pk)


@transaction.atomic
def withdraw_invitation(invitation: Invitation, by: User) -> None:
    """Take an unanswered invitation back. Only its sender may call this."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if by.pk != locked.sender_id or not locked.is_open:
        raise InvitationError("not open")
    locked.status = Invitation.Status.WITHDRAWN
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    logger.info("invitation %s withdrawn", locked.pk)


def _lock_open(invitation: Invitation, by: User) -> Invitation:
    # Locked and re-read so that a double click or two tabs cannot answer twice:
    # the token is single-use.
    locked = (
        Invitation.objects.select_for_update()
        .select_related("service_user", "provider", "service")
        .get(pk=invitation.pk)
    )
    if by.pk != locked.recipient_id or not locked.is_open:
        raise InvitationError("not open")
    return locked


@transaction.atomic
def end_relationship(relationship: CareRelationship, by: User) -> None:
    """End a relationship; every grant in it stops counting at once.

    Precondition: `by` is the relationship's service user or provider. The end is
    written to the access log's chain, whoever ends it.
    """
    locked = CareRelationship.objects.select_for_update().get(pk=relationship.pk)
    if locked.status == CareRelationship.Status.ENDED:
        return

    locked.status = CareRelationship.Status.ENDED
    locked.ended_at = timezone.now()
    locked.ended_by = by
    locked.save(update_fields=["status", "ended_at", "ended_by"])
    record_admin_action(
        by,
        relationship.service_user,
        "relationship_ended",
        service=relationship.service,
        object_type="care.relationship",
        object_id=relationship.pk,
        role="provider" if by.pk == locked.provider_id else "service_user",
    )
    logger.info("relationship %s ended by user %s", locked.pk, by.pk)


def current_levels(relationship: CareRelationship) -> dict[str, Level]:
    """Return the level of every registered module; missing rows mean NONE."""
    rows = dict(
        SharingGrant.objects.filter(relationship=relationship).values_list(
            "module", "level"
        )
    )
    return {key: Level(rows.get(key, Level.NONE)) for key in _module_keys()}


def _module_keys() -> list[str]:
    return [module.key for module in all_modules()]


@transaction.atomic
def set_sharing(
    relationship: CareRelationship, by: User, levels: dict[str, Level]
) -> list[SharingChange]:
    """Set new levels for some modules; one history record per actual change.

    Precondition: `by` is the relationship's service user and it is ACTIVE.
    """
    locked = CareRelationship.objects.select_for_update().get(pk=relationship.pk)
    if by.pk != locked.service_user_id or not locked.is_active:
        raise PermissionError("only the service user of an active relationship")

    before = current_levels(locked)
    now = timezone.now()
    changes = []
    for key, level in levels.items():
        get_module(key)
        if before[key] == level:
            continue
        SharingGrant.objects.update_or_create(
            relationship=locked, module=key, defaults={"level": level}
        )
        changes.append(
            SharingChange(
                relationship=locked,
                service_user_id=locked.service_user_id,
                changed_by=by,
                module=key,
                from_level=before[key],
                to_level=level,
                changed_at=now,
            )
        )
    SharingChange.objects.bulk_create(changes)
    logger.info("relationship %s: %s sharing changes", locked.pk, len(changes))
    return changes
