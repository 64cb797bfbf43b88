from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "samspill.core.views.connection.cursor", side_effect=DatabaseError("down")
    ):
        response = client.get(reverse("core:health"))

    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_health_refuses_other_methods(client):
    assert client.post(reverse("core:health")).status_code == 405
