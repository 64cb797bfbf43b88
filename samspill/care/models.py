import secrets
from datetime import timedelta
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samspill.care.modules import Level, label_for, object_label_for, provider_url_for

INVITATION_LIFETIME = timedelta(days=14)


class CareRelationship(models.Model):
    """A service user and one provider working together (a dyad).

    Access flows only through an active relationship: ending it removes every grant
    at once, because each access check asks for status ACTIVE.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the service user")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="care_as_user",
    )
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="care_as_provider",
    )
    service = models.ForeignKey(
        "communities.Service", on_delete=models.PROTECT, related_name="relationships"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_user", "provider"],
                condition=~Q(status="ended"),
                name="one_open_relationship_per_pair",
            )
        ]
        indexes = [
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["service_user", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.service_user_id} with {self.provider_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _expiry() -> Any:
    return timezone.now() + INVITATION_LIFETIME


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> "InvitationQuerySet":
        """Invitations still waiting for an answer and not yet expired."""
        return self.filter(
            status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An offer to connect a service user and a provider, answered once.

    The token is only an unguessable name for the invitation: answering it also
    requires being signed in as its recipient, so a leaked link is useless to others.
    """

    class Direction(models.TextChoices):
        FROM_PROVIDER = "provider", _("From the provider")
        FROM_SERVICE_USER = "user", _("From the service user")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    token = models.CharField(max_length=64, unique=True, default=_new_token)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "communities.Service", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_expiry)
    answered_at = models.DateTimeField(null=True, blank=True)
    relationship = models.ForeignKey(
        CareRelationship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["service_user", "status", "expires_at"]),
            models.Index(fields=["provider", "status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.direction}, {self.status})"

    @property
    def recipient_id(self) -> int:
        if self.direction == self.Direction.FROM_PROVIDER:
            return self.service_user_id
        return self.provider_id

    @property
    def sender_id(self) -> int:
        if self.direction == self.Direction.FROM_PROVIDER:
            return self.provider_id
        return self.service_user_id

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class SharingGrant(models.Model):
    """The current sharing level of one module in one relationship.

    One row per (relationship, module), so the level the access policy needs is one
    lookup on the unique index. The history lives in SharingChange.
    """

    relationship = models.ForeignKey(
        CareRelationship, on_delete=models.CASCADE, related_name="grants"
    )
    module = models.CharField(max_length=32)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "module"], name="one_grant_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.relationship_id} {self.module}={self.level}"

    @property
    def module_label(self) -> str:
        return label_for(self.module)

    @property
    def provider_url(self) -> str:
        return provider_url_for(self.module)


class SharingChange(models.Model):
    """One change of one sharing level: the history of the person's consent."""

    relationship = models.ForeignKey(
        CareRelationship, on_delete=models.CASCADE, related_name="sharing_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    module = models.CharField(max_length=32)
    from_level = models.PositiveSmallIntegerField(choices=Level.choices)
    to_level = models.PositiveSmallIntegerField(choices=Level.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    # Denormalised so the person's history is one indexed range, whatever the
    # number of relationships they have had.
    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["service_user", "-id"])]

    def __str__(self) -> str:
        return (
            f"{self.relationship_id} {self.module} {self.from_level}->{self.to_level}"
        )

    @property
    def module_label(self) -> str:
        return label_for(self.module)


class AppendOnlyQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Access log entries are never changed.")

    def delete(self) -> NoReturn:
        raise TypeError("Access log entries are never deleted.")


class AccessLog(models.Model):
    """One look at a person's content, or one administrative action touching them.

    Entries form a chain: `hmac` covers the entry's content and the previous entry's
    `hmac`, keyed with settings.ACCESS_LOG_HMAC_KEY, which lives outside the
    database. Write only through samspill.care.accesslog; verify with
    `manage.py verify_access_log`.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("Looked at content")
        ACTION = "action", _("Action touching a person")

    # Assigned under the chain lock, so the order of the chain is the order of
    # positions, whatever the database does with primary keys.
    position = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # No database constraints and no cascades: removing a person must never delete
    # or rewrite entries, because that would break the chain.
    # LIMITATION: after a person is deleted their entries keep an id that points at
    # nobody, so the page can no longer show that person's name.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    role = models.CharField(max_length=20)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    service = models.ForeignKey(
        "communities.Service",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    module = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=40, blank=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    previous_hmac = models.CharField(max_length=64)
    hmac = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["subject", "kind", "-position"]),
            models.Index(fields=["subject", "kind", "actor", "-position"]),
            models.Index(fields=["subject", "kind", "module", "-position"]),
        ]

    def __str__(self) -> str:
        return f"access log entry {self.position}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Access log entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Access log entries are never deleted.")

    @property
    def module_label(self) -> str:
        return label_for(self.module)

    @property
    def object_label(self) -> str:
        return object_label_for(self.module, self.object_type)

    @property
    def action_label(self) -> str:
        """Say in plain words what an ACTION entry did to its subject."""
        verb, _colon, role = self.action.partition(":")
        role_name = ROLE_NAMES.get(role, role)
        if verb == "role_added":
            return gettext("gave you the role: %(role)s") % {"role": role_name}
        if verb == "role_removed":
            return gettext("took away the role: %(role)s") % {"role": role_name}
        return str(ACTION_NAMES.get(verb, verb))


# What the person reads about actions in the log that touched them.
ACTION_NAMES = {
    "relationship_ended": _("ended your connection"),
    "account_deactivated": _("switched your account off"),
    "account_reactivated": _("switched your account on again"),
}
ROLE_NAMES = {
    "service_user": _("service user"),
    "provider": _("health provider"),
    "moderator": _("peer moderator"),
}


class AccessLogHead(models.Model):
    """The single row that serialises appends and remembers the chain's end.

    Appending locks it (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions already take the write lock at BEGIN).
    """

    last_position = models.PositiveBigIntegerField(default=0)
    last_hmac = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"access log head at {self.last_position}"
