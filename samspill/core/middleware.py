"""Cross-cutting middleware: request logging and caching rules."""

import logging
import time
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

request_log = logging.getLogger("samspill.request")


class RequestLogMiddleware:
    """Log one line per request: method, route name, status, time, user id.

    The route name, not the path, is logged, because a path can carry a search term
    a person typed. No query string, no form data, no names.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        queries_before = len(connection.queries_log)
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000

        match = getattr(request, "resolver_match", None)
        route = match.view_name if match else "-"
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "-"
        request_log.info(
            "%s %s status=%s ms=%.1f user=%s queries=%s",
            request.method,
            route,
            response.status_code,
            elapsed_ms,
            user_id,
            len(connection.queries_log) - queries_before,
        )
        return response


class NoStoreMiddleware:
    """Forbid caching of every page a signed-in person sees.

    A shared computer's browser cache or a proxy must never keep a page with health
    information on it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
