from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.accounts.policy import touch_seconds


class User(AbstractUser):
    """A person with one or more roles in one community.

    Roles are flags rather than groups because a person may hold several (a provider
    who also moderates the forum) and every access decision reads them.
    """

    is_service_user = models.BooleanField(_("service user"), default=False)
    is_provider = models.BooleanField(_("health provider"), default=False)
    is_moderator = models.BooleanField(_("peer moderator"), default=False)
    is_community_admin = models.BooleanField(_("community admin"), default=False)
    is_researcher = models.BooleanField(_("researcher"), default=False)

    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    professional_title = models.CharField(
        _("professional title"),
        max_length=80,
        blank=True,
        help_text=_("Shown to service users, for example “psychiatric nurse”."),
    )
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class TermsAcceptance(models.Model):
    """One row each time a person accepts a version of the terms of use."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="terms_accepted_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} accepted {self.version}"


class UserSessionQuerySet(models.QuerySet["UserSession"]):
    def live(self) -> "UserSessionQuerySet":
        """Sessions the clock has not ended yet (their rows may linger a while)."""
        current = timezone.now()
        # Activity is noted at most once a minute, so allow that much slack.
        idle = settings.SESSION_IDLE_SECONDS + touch_seconds()
        return self.filter(
            created_at__gte=current
            - timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS),
            last_seen_at__gte=current - timedelta(seconds=idle),
        )

    def stale(self) -> "UserSessionQuerySet":
        return self.exclude(pk__in=self.live().values("pk"))


class UserSession(models.Model):
    """One signed-in session, so its owner can see it and end it from elsewhere.

    The session store holds the session itself; this row only describes it. Ending a
    session deletes both. The description is deliberately coarse (browser and
    system, not the full user-agent string) because it is shown back to the person.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last active"), default=timezone.now)
    device = models.CharField(_("device"), max_length=80, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = UserSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(
                fields=["user", "-last_seen_at"], name="usersession_user_recent"
            )
        ]

    def __str__(self) -> str:
        return f"session {self.pk} of user {self.user_id}"
