from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
