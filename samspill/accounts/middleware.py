"""Session policy: idle and absolute timeouts, second factor, accepted terms."""

import logging
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from samspill.accounts import actions, policy
from samspill.accounts.models import TermsAcceptance, User

logger = logging.getLogger(__name__)

# Pages a person who has not accepted the current terms may still reach: the terms
# themselves, ways out, and the recovery codes shown once right after set-up (they
# come before the terms, and would otherwise be lost).
TERMS_EXEMPT_VIEWS = {
    "accounts:terms",
    "accounts:logout",
    "accounts:keepalive",
    "accounts:recovery_codes",
    "set_language",
}


class SessionPolicyMiddleware:
    """End a signed-in session that is idle, too old, or lacks the second factor.

    Runs after django-otp's middleware, so `request.user.is_verified()` exists.
    An authenticated but unverified user should be impossible, since login() is
    only called after the second factor; logging such a session out anyway means
    a future mistake elsewhere cannot skip the second factor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)

        reason = self._ended_because(request)
        if reason is None and not self._touch(request):
            reason = "ended"
        if reason is None:
            return self.get_response(request)
        return self._end(request, reason)

    def _ended_because(self, request: HttpRequest) -> str | None:
        if not request.user.is_verified():  # type: ignore[union-attr]
            return "unverified"
        return policy.ended_because(request.session)

    def _touch(self, request: HttpRequest) -> bool:
        user = request.user
        return isinstance(user, User) and actions.touch_session(request.session, user)

    def _end(self, request: HttpRequest, reason: str) -> HttpResponse:
        # What was posted in this request is not kept: once the session is over,
        # nothing may act on the person's behalf. The idle warning and the draft
        # saving of the writing pages are what keep words from being lost.
        logger.info(
            "session ended by policy user=%s reason=%s", request.user.pk, reason
        )
        actions.end_current_session(request)
        request.user = AnonymousUser()
        request.session[policy.NOTICE] = reason

        if request.path_info == reverse("accounts:keepalive"):
            # The idle warning's script reloads the page on any answer but 204.
            return HttpResponse(status=401)
        return policy.send_to(request, _login_url(request))


class TermsAcceptedMiddleware:
    """Send signed-in people who have not accepted the current terms to read them.

    The accepted version is remembered in the session, so this costs no query
    once accepted; a new TERMS_VERSION no longer matches and asks again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or self._exempt(request):
            return None
        if request.session.get(policy.TERMS_VERSION) == settings.TERMS_VERSION:
            return None

        if TermsAcceptance.objects.filter(
            user_id=request.user.pk or 0, version=settings.TERMS_VERSION
        ).exists():
            request.session[policy.TERMS_VERSION] = settings.TERMS_VERSION
            return None

        url = reverse("accounts:terms")
        if request.method == "GET" and not policy.is_htmx(request):
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return policy.send_to(request, url)

    def _exempt(self, request: HttpRequest) -> bool:
        match = request.resolver_match
        if match is not None and match.view_name in TERMS_EXEMPT_VIEWS:
            return True
        return request.path_info.startswith(f"/{settings.STATIC_URL.lstrip('/')}")


def _login_url(request: HttpRequest) -> str:
    url = resolve_url(settings.LOGIN_URL)
    if request.method == "GET" and not policy.is_htmx(request):
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url
