"""Re-encrypt every encrypted field with the newest key.

Run after putting a new key first in FIELD_ENCRYPTION_KEYS; when it has finished,
the older keys can be removed.
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction

from samspill.core.fields import EncryptedTextField

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Re-encrypt all encrypted text with the newest FIELD_ENCRYPTION_KEYS key."

    def handle(self, *args: Any, **options: Any) -> None:
        for model in apps.get_models():
            names = [
                field.attname
                for field in model._meta.concrete_fields
                if isinstance(field, EncryptedTextField)
            ]
            if names:
                count = self._rotate_model(model, names)
                self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")

    def _rotate_model(self, model: type[models.Model], names: list[str]) -> int:
        # LIMITATION: every row is rewritten, because a Fernet token does not say
        # which key made it, so rows already under the newest key are redone too.
        # Reading decrypts with whichever key fits; writing encrypts with the first.
        # Batches keyed on the primary key keep memory flat on large tables.
        count = 0
        last_pk: Any = None
        while True:
            rows = model._default_manager.order_by("pk")
            if last_pk is not None:
                rows = rows.filter(pk__gt=last_pk)
            batch = list(rows.only("pk", *names)[:BATCH_SIZE])
            if not batch:
                return count

            with transaction.atomic():
                model._default_manager.bulk_update(batch, names)
            count += len(batch)
            last_pk = batch[-1].pk
