"""Error pages in the portal's own layout, with the crisis box on each."""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/error.html", {"code": 400}, status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/error.html", {"code": 403}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/error.html", {"code": 404}, status=404)


# The last resort when the layout itself cannot be drawn: still in both languages,
# still with the numbers to call.
FALLBACK_500 = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Noe gikk galt</title></head>
<body><main><h1>Noe gikk galt / Something went wrong</h1>
<p>Ikke for akutt hjelp / Not for emergencies:
<a href="tel:113">113</a>, <a href="tel:116117">116 117</a>,
<a href="tel:116123">116 123</a></p></main></body></html>"""


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return render(request, "core/error.html", {"code": 500}, status=500)
    except Exception:
        logger.exception("the error page itself failed")
        return HttpResponse(FALLBACK_500, status=500)
