"""Typed readers for environment variables.

Every reader fails with ImproperlyConfigured and a sentence that names the variable
and what it expects, so a bad deployment stops at start-up instead of misbehaving.
"""

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    value = os.environ.get(name)
    if value is None:
        return _read_file_variant(name, default)
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default

    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default

    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {raw!r}."
        ) from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name} must be one of {allowed}, not {value!r}.")
    return value


def _random_token() -> str:
    return secrets.token_urlsafe(50)


def local_secret(path: Path, make: Callable[[], str] = _random_token) -> str:
    """Return a secret kept in a git-ignored file, creating it on first use.

    Only the embedded (development and demo) profile may call this: production must
    be given its secrets, so that every instance shares them.
    """
    if path.exists():
        return path.read_text().strip()

    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value


def _read_file_variant(name: str, default: str) -> str:
    # Secrets may be mounted as files (NAME_FILE=/run/secrets/...) rather than
    # placed in the environment, where child processes and crash dumps can see them.
    file_path = os.environ.get(f"{name}_FILE")
    if not file_path:
        return default

    try:
        return Path(file_path).read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"{name}_FILE points at {file_path}: {error}."
        ) from error
