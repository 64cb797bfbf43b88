"""The settings module: typed variables, embedded defaults, a strict production."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

import samspill.settings as configured

ROOT = Path(__file__).resolve().parents[3]


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `manage.py check` in a clean process with only the given environment."""
    base = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(tmp_path: Path) -> dict[str, str]:
    return {
        "SAMSPILL_ENV": "production",
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ACCESS_LOG_HMAC_KEY": "h" * 64,
        "ALLOWED_HOSTS": "samspill.example.no",
        "DATABASE_URL": "postgres://samspill@db.example.no/samspill",
        "EMAIL_HOST": "smtp.example.no",
        "SAMSPILL_BASE_URL": "https://samspill.example.no",
    }


def test_production_passes_the_deployment_checks_without_a_warning(tmp_path):
    result = _check(production_env(tmp_path), "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "FIELD_ENCRYPTION_KEYS",
        "ACCESS_LOG_HMAC_KEY",
        "ALLOWED_HOSTS",
        "EMAIL_HOST",
        "SAMSPILL_BASE_URL",
    ],
)
def test_production_refuses_to_start_without_a_real_secret(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]

    result = _check(env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert not any(tmp_path.iterdir()), "production must never generate secrets"


def test_production_refuses_sqlite(tmp_path):
    env = production_env(tmp_path)
    del env["DATABASE_URL"]

    result = _check(env)

    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "perhaps", "DEBUG must be true or false, not 'perhaps'"),
        ("SESSION_IDLE_SECONDS", "soon", "SESSION_IDLE_SECONDS must be a whole number"),
        ("SAMSPILL_ENV", "staging", "SAMSPILL_ENV must be one of embedded, production"),
        ("DATABASE_URL", "nonsense://x", "DATABASE_URL is not a database URL"),
    ],
)
def test_a_bad_value_stops_start_up_with_a_clear_message(
    tmp_path, name, value, message
):
    result = _check({"SAMSPILL_VAR_DIR": str(tmp_path), name: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_the_embedded_profile_needs_nothing_and_keeps_its_secrets(tmp_path):
    first = _check({"SAMSPILL_VAR_DIR": str(tmp_path)})
    secret = (tmp_path / "secret-key").read_text()
    second = _check({"SAMSPILL_VAR_DIR": str(tmp_path)})

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "secret-key").read_text() == secret
    assert (tmp_path / "secret-key").stat().st_mode & 0o077 == 0
    assert Fernet((tmp_path / "field-encryption-key").read_text().strip())


def test_secrets_can_come_from_files(tmp_path):
    key_file = tmp_path / "mounted-secret"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    env["SECRET_KEY_FILE"] = str(key_file)

    assert _check(env).returncode == 0


def test_passwords_are_hashed_with_argon2():
    # The test run swaps in a fast hasher; the settings module itself must not.
    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_the_embedded_database_runs_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database lives in memory, where SQLite reports "memory"; a file
    # database reports "wal" (checked by the settings' init_command below).
    assert mode in {"wal", "memory"}
    assert "journal_mode=WAL" in configured.DATABASES["default"]["OPTIONS"].get(
        "init_command", "journal_mode=WAL"
    )
