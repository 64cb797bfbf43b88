"""What the session remembers about a login, and the clock rules applied to it.

All times are whole seconds since the epoch, taken from django.utils.timezone so
that tests can move the clock. The keys are namespaced so that no other app can
collide with them by accident.
"""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

# Between the password and the second factor.
PENDING_USER = "accounts.pending_user"
PENDING_AT = "accounts.pending_at"
PENDING_NEXT = "accounts.pending_next"
# A password step older than this must be done again: it is long enough to fetch a
# phone and short enough that a forgotten half-login is soon worthless.
PENDING_SECONDS = 5 * 60

# After the second factor.
LOGIN_AT = "accounts.login_at"
SEEN_AT = "accounts.seen_at"
SESSION_ROW = "accounts.session_row"
TERMS_VERSION = "accounts.terms_version"

# Shown once on the login page after a session ended on its own.
NOTICE = "accounts.notice"
# Recovery codes waiting to be shown once, right after they were made.
NEW_RECOVERY_CODES = "accounts.new_recovery_codes"

# Activity is written down at most this often: writing the session and its row on
# every request would cost a database write per page for a minute's precision.
TOUCH_SECONDS = 60


def touch_seconds() -> int:
    """Return how often activity is written down, in seconds.

    Never less often than a tenth of the idle limit, so that a short limit (set
    to try the timeout out) does not end a session that is in use.
    """
    return max(1, min(TOUCH_SECONDS, settings.SESSION_IDLE_SECONDS // 10))


def now() -> int:
    return int(timezone.now().timestamp())


def pending_user_id(session: SessionBase) -> int | None:
    """Return the id of the person between the two steps, if still in time."""
    user_id = session.get(PENDING_USER)
    started = session.get(PENDING_AT)
    if not isinstance(user_id, int) or not isinstance(started, int):
        return None
    if now() - started > PENDING_SECONDS:
        return None
    return user_id


def session_row(session: SessionBase) -> int:
    """Return the id of this session's UserSession row, or 0 when it has none."""
    row = session.get(SESSION_ROW)
    return row if isinstance(row, int) else 0


def forget_pending(session: SessionBase) -> None:
    for key in (PENDING_USER, PENDING_AT, PENDING_NEXT):
        session.pop(key, None)


def ended_because(session: SessionBase) -> str | None:
    """Return why a signed-in session is over ("absolute" or "idle"), or None.

    A session without the stamps was not made by the two-step login and counts as
    over: the policy fails closed.
    """
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return "absolute"

    current = now()
    if current - login_at > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if current - seen_at > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return None


def is_htmx(request: HttpRequest) -> bool:
    # Read the header directly: django-htmx's middleware runs after ours.
    return request.headers.get("HX-Request") == "true"


def send_to(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect the whole page, also when htmx asked for a fragment.

    A plain redirect would make htmx swap a full login page into a fragment.
    """
    if is_htmx(request):
        return HttpResponse(headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)
