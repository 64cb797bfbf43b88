from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.fields import EncryptedTextField


class Goal(models.Model):
    """A goal in the service user's own words. Only its owner ever changes it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Working on it")
        PAUSED = "paused", _("Paused for now")
        REACHED = "reached", _("Reached")
        LET_GO = "let_go", _("Let go")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    title = EncryptedTextField(_("goal"))
    description = EncryptedTextField(_("more about the goal"), blank=True)
    target_date = models.DateField(
        _("when I would like to get there"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"goal {self.pk}"


class Activity(models.Model):
    """A step towards a goal, in the owner's words."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    text = EncryptedTextField(_("activity"))
    date = models.DateField(_("date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["goal", "created_at"])]

    def __str__(self) -> str:
        return f"activity {self.pk}"


class GoalComment(models.Model):
    """A provider's comment beside a goal; it never touches the owner's words."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["goal", "created_at"])]

    def __str__(self) -> str:
        return f"comment {self.pk}"
