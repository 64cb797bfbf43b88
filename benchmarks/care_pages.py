"""Time care's busiest pages against the framework floor at two data sizes.

Run: SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python benchmarks/care_pages.py
The floor is a view that returns a fixed page of similar size through the same
middleware, on the same server, in the same run. Uses its own SQLite file.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402

from samspill import urls as project_urls  # noqa: E402
from samspill.care.models import AccessLog, SharingChange  # noqa: E402
from samspill.care.modules import GOALS  # noqa: E402
from samspill.core.testing import login_as, make_personas  # noqa: E402

FLOOR_BODY = "<!doctype html><p>" + "x" * 9000 + "</p>"


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_BODY)


urlpatterns = [*project_urls.urlpatterns, path("floor/", floor, name="floor")]


def _median_ms(client: Client, url: str, rounds: int = 150) -> float:
    for _ in range(10):
        client.get(url)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return statistics.median(times)


def _grow(personas: object, total: int) -> None:
    anna = personas.anna  # type: ignore[attr-defined]
    per = personas.per  # type: ignore[attr-defined]
    primary = personas.primary  # type: ignore[attr-defined]
    link = anna.care_as_user.get(provider=per)
    have = AccessLog.objects.count()
    now = timezone.now()
    # Timing only: these rows are not chained, the verify command would reject them.
    AccessLog.objects.bulk_create(
        (
            AccessLog(
                position=have + number + 1,
                at=now,
                kind=AccessLog.Kind.VIEW,
                actor=per,
                role="provider",
                subject=anna,
                service=primary,
                module=GOALS.key,
                object_type="goals.list",
                previous_hmac="0" * 64,
                hmac="0" * 64,
            )
            for number in range(total - have)
        ),
        batch_size=5000,
    )
    SharingChange.objects.bulk_create(
        (
            SharingChange(
                relationship=link,
                service_user=anna,
                changed_by=anna,
                module=GOALS.key,
                from_level=number % 3,
                to_level=(number + 1) % 3,
            )
            for number in range(total // 10 - SharingChange.objects.count())
        ),
        batch_size=5000,
    )


@override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], DEBUG=False)
def main() -> None:
    call_command("migrate", verbosity=0)
    personas = make_personas()
    client = login_as(Client(), personas.anna)
    pages = {"access log": "/deling/innsyn/", "sharing history": "/deling/historikk/"}
    for total in (10_000, 200_000):
        _grow(personas, total)
        floor_ms = _median_ms(client, "/floor/")
        for name, url in pages.items():
            page_ms = _median_ms(client, url)
            print(
                f"{total:>7} log rows  {name:<16} {page_ms:6.2f} ms  "
                f"floor {floor_ms:5.2f} ms  ratio {page_ms / floor_ms:4.1f}"
            )


if __name__ == "__main__":
    if settings.DATABASES["default"]["NAME"].endswith("samspill.sqlite3"):
        sys.exit("Set SQLITE_PATH to a scratch file: this fills the database.")
    main()
