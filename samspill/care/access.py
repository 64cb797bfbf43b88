"""The access policy: the one place that decides who may see or change what.

Every view that shows or changes a person's content asks here first. The subject of
every decision is request.user, never an id from the URL or a form.

- The owner may view, change and delete their own content.
- A provider in an ACTIVE relationship with the owner may view a module the owner
  shares at "view" or above, and comment where it is shared at "view and comment".
  They never change the owner's words.
- Everyone else, whatever their role, is a stranger: they get Http404, so that
  they cannot even learn that the content exists.
- Someone who may view but asks to do more gets PermissionDenied (403).

Each time a provider is let in, one entry is written to the access log.
"""

import enum
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from samspill.accounts.models import User
from samspill.care.accesslog import record_view
from samspill.care.models import CareRelationship, Invitation, SharingGrant
from samspill.care.modules import Level, get_module


class Want(enum.IntEnum):
    VIEW = 1
    COMMENT = 2
    CHANGE = 3


@dataclass(frozen=True)
class Access:
    """What request.user may do with one owner's module in this request."""

    viewer: User
    owner: User
    module: str
    level: Level
    relationship: CareRelationship | None

    @property
    def is_owner(self) -> bool:
        return self.viewer.pk == self.owner.pk

    @property
    def can_comment(self) -> bool:
        return not self.is_owner and self.level >= Level.COMMENT

    @property
    def can_change(self) -> bool:
        return self.is_owner


def viewer_of(request: HttpRequest) -> User:
    """Return the signed-in person making the request: the subject of every check."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404
    return user


def shared_level(viewer: User, owner: User, module: str) -> SharingGrant | None:
    """Return the grant that lets `viewer` into `owner`'s module, or None.

    One query over the grant's unique index joined to the relationship: the level
    counts only while the relationship is ACTIVE, so ending it or lowering the
    level takes effect on the very next request.
    """
    return (
        SharingGrant.objects.select_related("relationship__service")
        .filter(
            relationship__service_user=owner,
            relationship__provider=viewer,
            relationship__status=CareRelationship.Status.ACTIVE,
            module=module,
            level__gt=Level.NONE,
        )
        .first()
    )


def access_module(
    request: HttpRequest,
    owner: User,
    module: str,
    want: Want,
    *,
    object_type: str,
    object_id: int | None = None,
) -> Access:
    """Decide whether request.user may `want` `owner`'s content in `module`.

    Raises Http404 for strangers and PermissionDenied for those who may see but
    not do what they asked. A provider who is let in gets one access-log entry, so
    call this exactly once per request.
    """
    get_module(module)
    viewer = viewer_of(request)
    if viewer.pk == owner.pk:
        return Access(viewer, owner, module, Level.COMMENT, None)

    grant = shared_level(viewer, owner, module) if viewer.is_provider else None
    if grant is None:
        raise Http404
    level = Level(grant.level)
    if want is Want.CHANGE or (want is Want.COMMENT and level < Level.COMMENT):
        raise PermissionDenied

    relationship = grant.relationship
    record_view(
        actor=viewer,
        subject=owner,
        service=relationship.service,
        module=module,
        object_type=object_type,
        object_id=object_id,
    )
    return Access(viewer, owner, module, level, relationship)


def access_relationship(
    request: HttpRequest, relationship_id: int, *, change: bool
) -> CareRelationship:
    """Return a relationship request.user is a party to; 404 to everyone else.

    With `change`, only the service user may go on (they own the sharing); the
    provider gets 403.
    """
    viewer = viewer_of(request)
    relationship = (
        CareRelationship.objects.select_related("service_user", "provider", "service")
        .filter(pk=relationship_id)
        .first()
    )
    if relationship is None or viewer.pk not in (
        relationship.service_user_id,
        relationship.provider_id,
    ):
        raise Http404
    if change and viewer.pk != relationship.service_user_id:
        raise PermissionDenied
    return relationship


def access_invitation(request: HttpRequest, token: str) -> Invitation:
    """Return an invitation to its sender or recipient; 404 to everyone else."""
    viewer = viewer_of(request)
    invitation = (
        Invitation.objects.select_related("service_user", "provider", "service")
        .filter(token=token)
        .first()
    )
    if invitation is None or viewer.pk not in (
        invitation.sender_id,
        invitation.recipient_id,
    ):
        raise Http404
    return invitation


def require_service_user(request: HttpRequest) -> User:
    """Return request.user if they are a service user; 403 otherwise."""
    viewer = viewer_of(request)
    if not viewer.is_service_user:
        raise PermissionDenied
    return viewer


def require_provider(request: HttpRequest) -> User:
    """Return request.user if they are a provider; 403 otherwise."""
    viewer = viewer_of(request)
    if not viewer.is_provider:
        raise PermissionDenied
    return viewer


def require_service_user_or_provider(request: HttpRequest) -> User:
    """Return request.user if they may connect with others at all; 403 otherwise."""
    viewer = viewer_of(request)
    if not (viewer.is_service_user or viewer.is_provider):
        raise PermissionDenied
    return viewer
