"""The portal's URLs plus two measuring sticks, for benchmark runs only.

The floor is a signed-in page of fixed content and similar size, served through
exactly the same middleware: what any page costs before it does any work.
"""

import os

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from samspill.urls import urlpatterns as portal_urlpatterns

FLOOR_BYTES = int(os.environ.get("BENCH_FLOOR_BYTES", "12000"))
_FILLER = "<p>Samspill benchmark floor: a fixed paragraph of text.</p>\n"
FLOOR_PAGE = (
    "<!doctype html><html lang='nb'><head><title>Floor</title></head><body><main>"
    + _FILLER * (FLOOR_BYTES // len(_FILLER))
    + "</main></body></html>"
)
_BADGE = engines["django"].from_string(
    "{% load messaging_nav %}<ul>{% messaging_nav_item %}</ul>"
)


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_PAGE)


def floor_with_unread_count(request: HttpRequest) -> HttpResponse:
    badge = _BADGE.render({"request": request}, request)
    return HttpResponse(FLOOR_PAGE.replace("<main>", "<main>" + badge, 1))


urlpatterns = [
    *portal_urlpatterns,
    path("bench/floor/", floor, name="bench_floor"),
    path("bench/unread/", floor_with_unread_count, name="bench_unread"),
]
