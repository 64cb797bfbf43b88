"""Text messages through a pluggable backend named by settings.SMS_BACKEND.

A backend is a class with `send(to, text)`; it raises on failure so that the task
can retry. The embedded default writes to the console, like the console mailer.
"""

import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    """Write each text to standard output instead of sending it."""

    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}: {text}\n")
        sys.stdout.flush()


class OutboxSmsBackend:
    """Keep texts in memory, for tests."""

    outbox: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> None:
        self.outbox.append((to, text))


def get_sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend
