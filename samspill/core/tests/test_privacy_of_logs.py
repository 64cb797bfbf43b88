"""Logs and error reports carry identifiers, never what people wrote."""

import logging
import uuid

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import include, path
from django.views.debug import ExceptionReporter

from samspill.core.logging import ScrubbingReporterFilter

# Made at run time, so that the source lines shown in a report cannot contain it.
CANARY = f"nattlig-bekymring-{uuid.uuid4().hex}"


def failing_view(request: HttpRequest) -> HttpResponse:
    diary_text = request.POST.get("text", "")
    raise RuntimeError(f"failed on {len(diary_text)} characters")


urlpatterns = [
    path("boom/", failing_view, name="boom"),
    path("", include("samspill.urls")),
]
handler500 = "samspill.core.errors.server_error"


def test_error_reports_hide_every_posted_field_and_local_variable():
    request = RequestFactory().post("/boom/", {"text": CANARY, "subject": CANARY})
    try:
        failing_view(request)
    except RuntimeError as error:
        reporter = ExceptionReporter(request, type(error), error, error.__traceback__)
        reporter.filter = ScrubbingReporterFilter()
        html = reporter.get_traceback_html()
        text = reporter.get_traceback_text()

    assert CANARY not in html
    assert CANARY not in text
    assert "subject" in text  # the field names stay, so the report is still useful


@pytest.mark.urls(__name__)
@override_settings(DEBUG=False)
def test_a_crash_shows_the_portal_error_page_with_the_crisis_box(personas, client_as):
    client = client_as(personas.anna)
    client.raise_request_exception = False

    response = client.post("/boom/", {"text": CANARY})

    assert response.status_code == 500
    assert 'href="tel:113"' in response.text
    assert CANARY not in response.text


def test_the_request_log_names_the_route_and_user_but_not_the_query(
    personas, client_as, caplog
):
    client = client_as(personas.anna)

    with caplog.at_level(logging.INFO, logger="samspill.request"):
        client.get("/?q=" + CANARY)

    line = next(r.getMessage() for r in caplog.records if r.name == "samspill.request")
    assert "core:home" in line
    assert f"user={personas.anna.pk}" in line
    assert "nattlig" not in line
    assert "anna" not in line


def test_unknown_pages_answer_404_in_the_portal_layout(personas, client_as):
    response = client_as(personas.anna).get("/finnes-ikke/")

    assert response.status_code == 404
    assert 'href="tel:116123"' in response.text
    assert '<html lang="nb">' in response.text


def test_the_error_page_falls_back_to_plain_html_with_the_numbers(rf, monkeypatch):
    def broken_render(*args, **kwargs):
        raise RuntimeError("template engine down")

    monkeypatch.setattr("samspill.core.errors.render", broken_render)
    from samspill.core.errors import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert b'href="tel:116123"' in response.content
