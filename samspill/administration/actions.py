"""Changes a community admin makes to a person's account, each one logged.

Every change lands in the same hash-chained log as providers' looks, with a short
machine name and never any content, so the person can later learn who changed
what about them.
"""

import logging
from dataclasses import dataclass

from django.db import transaction

from samspill.accounts.models import User
from samspill.care.accesslog import record_admin_action

logger = logging.getLogger(__name__)

# The roles a community admin may give and take; admin and researcher roles are
# granted by the operators, outside the portal.
MANAGED_ROLES = ("is_service_user", "is_provider", "is_moderator")
_ROLE_NAMES = {
    "is_service_user": "service_user",
    "is_provider": "provider",
    "is_moderator": "moderator",
}


@dataclass(frozen=True)
class AccountChoice:
    active: bool
    is_service_user: bool
    is_provider: bool
    is_moderator: bool


class CannotDeactivateSelf(Exception):
    """An admin tried to switch off their own account, which would lock them out."""


@transaction.atomic
def update_account(admin: User, person: User, choice: AccountChoice) -> list[str]:
    """Apply `choice` to `person` and log each change; return the changes' names.

    Precondition: `admin` is a community admin of `person`'s community (the view's
    access helper checks it). Deactivating ends the person's sessions through the
    accounts signal that runs on save.
    """
    if admin.pk == person.pk and not choice.active:
        raise CannotDeactivateSelf

    changes = _role_changes(person, choice)
    if person.is_active != choice.active:
        person.is_active = choice.active
        changes.append(
            "account_reactivated" if choice.active else "account_deactivated"
        )
    if not changes:
        return []

    person.save(update_fields=["is_active", *MANAGED_ROLES])
    for change in changes:
        record_admin_action(admin, person, change, role="admin")
    logger.info("account %s changed by admin %s: %s", person.pk, admin.pk, changes)
    return changes


def _role_changes(person: User, choice: AccountChoice) -> list[str]:
    changes = []
    for field in MANAGED_ROLES:
        wanted: bool = getattr(choice, field)
        if getattr(person, field) != wanted:
            setattr(person, field, wanted)
            verb = "role_added" if wanted else "role_removed"
            changes.append(f"{verb}:{_ROLE_NAMES[field]}")
    return changes
