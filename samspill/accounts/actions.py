"""Every change the login and session features make, as plain functions.

Views call these after deciding who may act; nothing here checks permissions.
"""

import logging
import math
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samspill.accounts import policy
from samspill.accounts.devices import describe_user_agent
from samspill.accounts.models import TermsAcceptance, User, UserSession

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def start_pending_login(request: HttpRequest, user: User, next_url: str) -> None:
    """Remember who passed the password step, without signing them in yet.

    Precondition: authenticate() accepted this user for this request. The key is
    cycled so that a session id planted before the password step is worthless.
    """
    policy.forget_pending(request.session)
    request.session[policy.PENDING_USER] = user.pk
    request.session[policy.PENDING_AT] = policy.now()
    if next_url:
        request.session[policy.PENDING_NEXT] = next_url
    request.session.cycle_key()
    logger.info("login password step passed user=%s", user.pk)


def complete_login(request: HttpRequest, user: User, device: Device) -> str:
    """Sign in the person who passed both steps; return where they wanted to go.

    Precondition: `device` belongs to `user` and just verified a code in this
    request. Django's login() gives the session a new key.
    """
    next_url = str(request.session.get(policy.PENDING_NEXT, ""))
    policy.forget_pending(request.session)

    auth_login(request, user, backend=_MODEL_BACKEND)
    otp_login(request, device)
    stamp_login(request.session)
    record_session(
        request.session,
        user,
        describe_user_agent(request.headers.get("User-Agent", "")),
        get_client_ip_address(request),
    )
    end_stale_sessions(user)
    logger.info("login completed user=%s device=%s", user.pk, device.persistent_id)
    return next_url


def stamp_login(session: SessionBase, at: int | None = None) -> None:
    """Start the idle and absolute clocks of a freshly signed-in session."""
    moment = policy.now() if at is None else at
    session[policy.LOGIN_AT] = moment
    session[policy.SEEN_AT] = moment


def record_session(
    session: SessionBase, user: User, device: str, ip_address: str | None
) -> UserSession:
    """Describe a signed-in session so its owner can list and end it."""
    if session.session_key is None:
        session.save()
    row = UserSession.objects.create(
        user=user,
        session_key=str(session.session_key),
        device=device[:80],
        ip_address=ip_address or None,
    )
    session[policy.SESSION_ROW] = row.pk
    return row


def touch_session(session: SessionBase, user: User) -> bool:
    """Note activity on the current session; return False if its row is gone.

    Writes at most once a minute. The key is written too because Django gives a
    session a new key at some steps (a password change), and the row must follow.
    """
    current = policy.now()
    if current - int(session.get(policy.SEEN_AT, 0)) < policy.touch_seconds():
        return True

    session[policy.SEEN_AT] = current
    if session.session_key is None:
        session.save()
    updated = UserSession.objects.filter(
        pk=policy.session_row(session), user=user
    ).update(last_seen_at=timezone.now(), session_key=session.session_key)
    return updated == 1


def follow_new_key(session: SessionBase, user: User) -> None:
    """Point the current session's row at the key Django just gave it."""
    UserSession.objects.filter(pk=policy.session_row(session), user=user).update(
        session_key=session.session_key
    )


def end_session(row: UserSession) -> None:
    """End a session from elsewhere: its stored data first, then its row."""
    _session_store().delete(row.session_key)
    row.delete()
    logger.info("session ended session=%s user=%s", row.pk, row.user_id)


def end_current_session(request: HttpRequest) -> None:
    """Log out for real: the row goes and the stored session is flushed."""
    UserSession.objects.filter(pk=policy.session_row(request.session)).delete()
    request.session.flush()


def end_all_sessions(user: User, keep: int = 0) -> int:
    """End every session of `user`, except the row `keep`; return how many."""
    rows = list(UserSession.objects.filter(user=user).exclude(pk=keep))
    for row in rows:
        end_session(row)
    return len(rows)


def end_stale_sessions(user: User) -> None:
    """Remove rows of sessions the policy has already ended by the clock.

    LIMITATION: Abandoned sessions are only tidied at their owner's next login
    (rows) or by `manage.py clearsessions` (stored sessions); no scheduled task
    removes them yet, though neither can sign anyone in once the clock has run out.
    """
    for row in UserSession.objects.filter(user=user).stale():
        end_session(row)


def accept_terms(session: SessionBase, user: User, version: str) -> None:
    """Store that the signed-in person accepted this version of the terms."""
    TermsAcceptance.objects.get_or_create(user=user, version=version)
    session[policy.TERMS_VERSION] = version
    logger.info("terms accepted user=%s version=%s", user.pk, version)


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a second-factor code: the device that took it, or a refusal.

    `wait_seconds` is above zero when django-otp refused to even try because of
    recent wrong codes.
    """

    device: Device | None
    wait_seconds: int = 0


def normalise_code(code: str) -> str:
    """Drop spaces and dashes people type or copy, and fold case."""
    return "".join(code.split()).replace("-", "").lower()


def check_code(user: User, code: str) -> CodeCheck:
    """Try a second-factor code against this person's confirmed devices.

    Six digits go to the authenticator, anything else to the recovery codes, so
    that a mistyped code never costs a throttling step on both. django-otp refuses
    a time step already used (its last_t), deletes a recovery code once it works,
    and doubles the wait after each wrong code.
    """
    token = normalise_code(code)
    model: type[Device] = (
        TOTPDevice if len(token) == 6 and token.isdigit() else StaticDevice
    )
    wait = 0
    with transaction.atomic():
        devices = model.objects.filter(user=user, confirmed=True).select_for_update()
        for device in devices:
            allowed, details = device.verify_is_allowed()
            if not allowed:
                wait = max(wait, _seconds_until(details))
            elif device.verify_token(token):
                return CodeCheck(device)
    return CodeCheck(None, wait)


def _seconds_until(details: Any) -> int:
    until = (details or {}).get("locked_until")
    if not isinstance(until, datetime):
        return 1
    remaining = (until - timezone.now()).total_seconds()
    return max(1, math.ceil(remaining))


def start_enrolment(user: User) -> TOTPDevice:
    """Return the authenticator this person is setting up, making it if needed.

    The same unconfirmed device is kept across reloads, so the code already
    scanned stays valid.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    return device


def confirm_enrolment(device: TOTPDevice, code: str) -> CodeCheck:
    """Confirm the new authenticator if `code` comes from it.

    Precondition: `device` is the unconfirmed device of the pending person. Wrong
    codes are throttled like at the second step.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return CodeCheck(None, _seconds_until(details))
        if not device.verify_token(normalise_code(code)):
            return CodeCheck(None)

        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    logger.info("authenticator confirmed user=%s", device.user_id)
    return CodeCheck(device)


def make_recovery_codes(user: User) -> list[str]:
    """Replace this person's recovery codes with new ones, and return them.

    The old codes stop working at once.
    """
    # LIMITATION: django-otp keeps recovery codes and authenticator keys in plain
    # text, so someone who can read the database can pass the second factor of
    # any account (they would still need its password).
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(
            user=user, name="recovery codes", confirmed=True
        )
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    logger.info("recovery codes made user=%s", user.pk)
    return codes


def _session_store() -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore()
    return store
