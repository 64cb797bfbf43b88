"""Encryption at rest for health text.

Fernet (AES-128-CBC with HMAC-SHA256) through MultiFernet: the first key in
settings.FIELD_ENCRYPTION_KEYS encrypts, every key decrypts, so a new key can be put
in front and the old one retired after `manage.py rotate_encryption`.
"""

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.dispatch import receiver


@cache
def fernet() -> MultiFernet:
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must name at least one key.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            f"A field encryption key is not valid: {error}."
        ) from error


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting == "FIELD_ENCRYPTION_KEYS":
        fernet.cache_clear()


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A row no current key can open is data loss waiting to be noticed: fail
        # loudly rather than show an empty text the user might save over.
        raise ImproperlyConfigured(
            "Encrypted text could not be decrypted: a key is missing from "
            "FIELD_ENCRYPTION_KEYS."
        ) from None


def reencrypt(token: str) -> str:
    return fernet().rotate(token.encode()).decode()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text field stored as a Fernet token; Python code sees plain text.

    The database can neither search nor sort by it: look up by other fields.
    """

    # LIMITATION: the database cannot search or sort encrypted text; a filter on
    # this field compares ciphertexts and never matches.

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (dumpdata, fixtures) writes the token, never the plain text,
        # so a dump is as unreadable as the database; to_python opens it on load.
        value = self.value_from_object(obj)
        return "" if value is None else encrypt(str(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("gAAAAA"):
            try:
                return fernet().decrypt(value.encode()).decode()
            except InvalidToken:
                return value
        return super().to_python(value)

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None:
            return None
        return decrypt(value)
