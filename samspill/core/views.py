import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samspill.core.decorators import public

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@public
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Answer the load balancer: 200 while the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: database did not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)

    return JsonResponse({"status": "ok", "database": "up"})


@public
def about_emergencies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/emergencies.html")
