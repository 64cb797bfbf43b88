"""Deactivating an account ends its sessions, wherever the flag is set."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from samspill.accounts import actions
from samspill.accounts.models import User


@receiver(post_save, sender=User, dispatch_uid="accounts.end_sessions_on_deactivate")
def end_sessions_of_deactivated(
    sender: type[User], instance: User, **kwargs: Any
) -> None:
    # LIMITATION: QuerySet.update(is_active=False) sends no signal, so its
    # sessions stay in the store until they expire; they can no longer sign
    # anyone in, because Django's ModelBackend refuses inactive users on every
    # request.
    if not instance.is_active:
        actions.end_all_sessions(instance)
