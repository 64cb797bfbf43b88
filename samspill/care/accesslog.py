"""Appending to and verifying the access log's hash chain.

Every entry's HMAC covers its content and the previous entry's HMAC. Someone who
changes, inserts or deletes a row in the database cannot recompute the chain without
settings.ACCESS_LOG_HMAC_KEY, which is kept apart from the database.
"""

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samspill.accounts.models import User
from samspill.care.models import AccessLog, AccessLogHead
from samspill.communities.models import Service

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
BATCH_SIZE = 1000


def role_of(user: User) -> str:
    """Name the role in which a person acts, strongest first."""
    if user.is_community_admin:
        return "admin"
    if user.is_moderator:
        return "moderator"
    if user.is_provider:
        return "provider"
    if user.is_service_user:
        return "service_user"
    return "other"


def _content(entry: AccessLog) -> bytes:
    # A fixed, explicit field list: adding a field to the model must not silently
    # change what older entries were signed over.
    fields = {
        "position": entry.position,
        "at": entry.at.astimezone(UTC).isoformat(),
        "kind": entry.kind,
        "actor": entry.actor_id,
        "role": entry.role,
        "subject": entry.subject_id,
        "service": entry.service_id,
        "module": entry.module,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "previous": entry.previous_hmac,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def compute_hmac(entry: AccessLog) -> str:
    key = settings.ACCESS_LOG_HMAC_KEY.encode()
    return hmac.new(key, _content(entry), hashlib.sha256).hexdigest()


def _append(entry: AccessLog) -> AccessLog:
    with transaction.atomic():
        head, _ = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
        entry.position = head.last_position + 1
        entry.previous_hmac = head.last_hmac or GENESIS
        entry.at = timezone.now()
        entry.hmac = compute_hmac(entry)
        entry.save()

        head.last_position = entry.position
        head.last_hmac = entry.hmac
        head.save(update_fields=["last_position", "last_hmac"])
    return entry


def record_view(
    *,
    actor: User,
    subject: User,
    service: Service | None,
    module: str,
    object_type: str,
    object_id: int | None = None,
) -> AccessLog:
    """Log that `actor` opened `subject`'s content. Call once per request.

    Only providers are ever let into someone else's content, so that is the role
    recorded, even for a provider who also holds another role.
    """
    entry = AccessLog(
        kind=AccessLog.Kind.VIEW,
        actor=actor,
        role="provider" if actor.is_provider else role_of(actor),
        subject=subject,
        service=service,
        module=module,
        object_type=object_type,
        object_id=object_id,
    )
    return _append(entry)


def record_admin_action(
    actor: User,
    subject: User,
    action: str,
    *,
    service: Service | None = None,
    object_type: str = "",
    object_id: int | None = None,
    role: str = "",
) -> AccessLog:
    """Log an action by an admin, moderator or provider that touches a person.

    `action` is a short machine name such as "relationship_ended"; never content.
    `role` names the capacity the actor acted in, when their strongest role (the
    default) is not it.
    """
    entry = AccessLog(
        kind=AccessLog.Kind.ACTION,
        actor=actor,
        role=role or role_of(actor),
        subject=subject,
        service=service,
        action=action,
        object_type=object_type,
        object_id=object_id,
    )
    return _append(entry)


@dataclass(frozen=True)
class Break:
    position: int
    reason: str


def _entries() -> Iterator[AccessLog]:
    last = 0
    while True:
        batch = list(
            AccessLog.objects.filter(position__gt=last).order_by("position")[
                :BATCH_SIZE
            ]
        )
        if not batch:
            return
        yield from batch
        last = batch[-1].position


def verify_chain() -> tuple[int, Break | None]:
    """Walk the whole chain; return the number of entries and the first break."""
    expected_previous = GENESIS
    expected_position = 1
    count = 0
    for entry in _entries():
        if entry.position != expected_position:
            return count, Break(entry.position, "an entry before it is missing")
        if entry.previous_hmac != expected_previous:
            return count, Break(entry.position, "it does not follow the entry before")
        if not hmac.compare_digest(entry.hmac, compute_hmac(entry)):
            return count, Break(entry.position, "its content was changed")
        expected_previous = entry.hmac
        expected_position += 1
        count += 1

    # LIMITATION: someone who can write both the log and its head row can cut
    # entries off the end and move the head back; only a copy of the head kept
    # outside the database (not built yet) would reveal that.
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is not None and head.last_position != count:
        return count, Break(count + 1, "entries at the end of the log are missing")
    if head is not None and count and head.last_hmac != expected_previous:
        return count, Break(count, "it is not the entry the log ended with")
    return count, None
