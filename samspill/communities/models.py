from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Community(models.Model):
    """A municipality running its own Samspill setup."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    inhabitants = models.PositiveIntegerField(_("inhabitants"), default=0)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A unit inside a community, at primary or specialist level."""

    class Level(models.TextChoices):
        PRIMARY = "primary", _("Municipal (primary) care")
        SPECIALIST = "specialist", _("Specialist care")

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=160)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    description = models.TextField(_("description"), blank=True)
    response_working_days = models.PositiveSmallIntegerField(
        _("default reply time in working days"),
        default=2,
        help_text=_("Weekends and Norwegian public holidays do not count."),
    )
    providers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ServiceMembership",
        related_name="services",
        blank=True,
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["community__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="service_name_unique_in_community"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceMembership(models.Model):
    """A provider works in a service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE)
    provider = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "provider"], name="provider_once_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} in {self.service_id}"
